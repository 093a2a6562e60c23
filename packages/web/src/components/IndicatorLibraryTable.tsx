import { Button, Input, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import type { LibraryIndicator } from '@jixiao/core';
import type { LibraryAnswer } from '../lib/api.ts';
import { api } from '../lib/api.ts';
import { useLoad } from '../lib/useLoad.ts';
import { PageState } from './PageState.tsx';

const thisYear = new Date().getFullYear();
const YEARS = [thisYear + 1, thisYear, thisYear - 1, thisYear - 2, thisYear - 3];

/**
 * 指标库检索 — the approved indicators the user may see with their project, year, target and actual, searched
 * by words (all must occur) and year; with `onPick`, each row has a 选用 button.
 */
export function IndicatorLibraryTable({
  onPick,
  initialQuery = '',
}: {
  onPick?: (row: LibraryIndicator) => void;
  initialQuery?: string;
}) {
  const [typed, setTyped] = useState(initialQuery);
  const [q, setQ] = useState(initialQuery);
  const [year, setYear] = useState<number | 'all'>('all');
  const params = new URLSearchParams();
  if (q.trim()) params.set('q', q.trim());
  if (year !== 'all') params.set('year', String(year));
  const url = `/api/indicators?${params.toString()}`;
  const found = useLoad(() => api<LibraryAnswer>('GET', url), url);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Input.Search
          aria-label="检索指标"
          placeholder="指标名称、项目或部门，多个词用空格分开"
          allowClear
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          onSearch={(v) => setQ(v)}
          style={{ width: 360 }}
        />
        <Select
          aria-label="年度"
          value={year}
          style={{ width: 120 }}
          onChange={(v: number | 'all') => setYear(v)}
          options={[
            { value: 'all', label: '全部年度' },
            ...YEARS.map((y) => ({ value: y, label: `${y} 年度` })),
          ]}
        />
        {found.data ? (
          <Typography.Text type="secondary" data-testid="library-count">
            共 {found.data.total} 项
            {found.data.total > found.data.rows.length ? `，显示前 ${found.data.rows.length} 项` : ''}
          </Typography.Text>
        ) : null}
      </Space>
      {found.error ? (
        <PageState loading={false} error={found.error} reload={found.reload} />
      ) : (
        <Table<LibraryIndicator>
          rowKey={(r) => `${r.departmentId}-${r.year}-${r.projectName}-${r.name}`}
          size="small"
          loading={found.loading}
          dataSource={found.data?.rows ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 1000 }}
          locale={{ emptyText: '指标库中没有符合条件的指标' }}
          columns={[
            { title: '年度', dataIndex: 'year', width: 70 },
            { title: '部门', dataIndex: 'department', width: 140 },
            { title: '项目', dataIndex: 'projectName', width: 160 },
            { title: '一级指标', dataIndex: 'level1', width: 110 },
            { title: '二级指标', dataIndex: 'level2', width: 110 },
            { title: '三级指标', dataIndex: 'name' },
            { title: '指标值', dataIndex: 'target', width: 110, render: (v: string) => v || '—' },
            { title: '完成值', dataIndex: 'actual', width: 110, render: (v: string | null) => v ?? '—' },
            ...(onPick
              ? [
                  {
                    title: '',
                    width: 70,
                    render: (_: unknown, r: LibraryIndicator) => (
                      <Button
                        size="small"
                        type="link"
                        onClick={() => onPick(r)}
                        aria-label={`选用 ${r.name}`}
                      >
                        选用
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
    </Space>
  );
}
