import { Card, Empty, Input, List, Select, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { PageState } from '../components/PageState.tsx';
import { PublicShell } from '../components/PublicShell.tsx';
import { api, type ListItem } from '../lib/api.ts';
import { formatTime, KIND_NAMES } from '../lib/format.ts';
import { useLoad } from '../lib/useLoad.ts';

function distinct<T>(values: T[]): T[] {
  return [...new Set(values)];
}

/** 公开 — published reports by region, year and department; no login. */
export default function PortalList() {
  const list = useLoad(() => api<ListItem[]>('GET', '/api/public/reports'), 'public');
  const [region, setRegion] = useState<string>('');
  const [year, setYear] = useState<number | 0>(0);
  const [department, setDepartment] = useState<string>('');
  const [q, setQ] = useState('');
  const all = list.data ?? [];
  const regions = distinct(all.map((r) => r.region).filter(Boolean));
  const years = distinct(all.map((r) => r.year).filter((y): y is number => y !== null)).sort((a, b) => b - a);
  const departments = distinct(all.map((r) => r.department));
  const rows = useMemo(
    () =>
      all.filter(
        (r) =>
          (!region || r.region === region) &&
          (!year || r.year === year) &&
          (!department || r.department === department) &&
          (!q || r.title.includes(q) || r.department.includes(q)),
      ),
    [all, region, year, department, q],
  );

  return (
    <PublicShell>
      <Card title="已公开的绩效自评报告" size="small">
        <Space wrap style={{ marginBottom: 12 }}>
          {regions.length > 0 && (
            <Select
              aria-label="地区"
              value={region}
              onChange={setRegion}
              style={{ width: 140 }}
              options={[{ value: '', label: '全部地区' }, ...regions.map((r) => ({ value: r, label: r }))]}
            />
          )}
          <Select
            aria-label="年度"
            value={year}
            onChange={setYear}
            style={{ width: 120 }}
            options={[{ value: 0, label: '全部年度' }, ...years.map((y) => ({ value: y, label: `${y} 年` }))]}
          />
          <Select
            aria-label="部门"
            value={department}
            onChange={setDepartment}
            style={{ width: 200 }}
            showSearch
            options={[{ value: '', label: '全部部门' }, ...departments.map((d) => ({ value: d, label: d }))]}
          />
          <Input.Search
            aria-label="搜索"
            placeholder="搜索标题或部门"
            allowClear
            onSearch={setQ}
            style={{ width: 200 }}
          />
        </Space>
        {list.error || (list.loading && !list.data) ? (
          <PageState loading={list.loading} error={list.error} status={list.status} reload={list.reload} />
        ) : (
          <List
            dataSource={rows}
            locale={{ emptyText: <Empty description="暂无公开的报告" /> }}
            renderItem={(r) => (
              <List.Item>
                <List.Item.Meta
                  title={<Link to={`/public/${r.id}`}>{r.title}</Link>}
                  description={
                    <Space wrap size={4}>
                      <Tag>{KIND_NAMES[r.kind] ?? r.kind}</Tag>
                      <Typography.Text type="secondary">
                        {r.department} · {r.year ?? '—'} 年{r.region ? ` · ${r.region}` : ''} · 公开于{' '}
                        {formatTime(r.updatedAt)}
                      </Typography.Text>
                    </Space>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </Card>
    </PublicShell>
  );
}
