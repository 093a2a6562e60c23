import { Button, Card, Empty, Select, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { NewEvaluationDialog } from '../components/NewEvaluationDialog.tsx';
import { PageState } from '../components/PageState.tsx';
import { StatusTag } from '../components/StatusTag.tsx';
import { api, type ListItem } from '../lib/api.ts';
import { frameworks } from '../lib/assess.ts';
import { useAuth } from '../lib/auth.tsx';
import { formatTime, KIND_NAMES } from '../lib/format.ts';
import { useLoad } from '../lib/useLoad.ts';

/** 自评列表 — the evaluations the user may see, by year. */
export function EvaluationList() {
  const { user } = useAuth();
  const [year, setYear] = useState<number | 'all'>('all');
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();
  const list = useLoad(() => api<ListItem[]>('GET', '/api/evaluations'), 'all');
  const years = useMemo(
    () =>
      [...new Set((list.data ?? []).map((i) => i.year).filter((y): y is number => y !== null))].sort(
        (a, b) => b - a,
      ),
    [list.data],
  );
  const rows = (list.data ?? []).filter((i) => year === 'all' || i.year === year);
  // The user's department as their own evaluations name it, to start the new one's 部门(单位).
  const department = (list.data ?? []).find((i) => i.departmentId === user?.departmentId)?.department ?? '';

  return (
    <Card
      title="自评列表"
      extra={
        <Space>
          <span>年度</span>
          <Select
            aria-label="年度"
            value={year}
            style={{ width: 110 }}
            onChange={setYear}
            options={[{ value: 'all', label: '全部' }, ...years.map((y) => ({ value: y, label: `${y} 年` }))]}
          />
          {user?.role === 'filler' && (
            <>
              <Button type="primary" onClick={() => setCreating(true)}>
                新建自评
              </Button>
              <Link to="/import">
                <Button>导入自评</Button>
              </Link>
            </>
          )}
        </Space>
      }
    >
      {list.error || (list.loading && !list.data) ? (
        <PageState loading={list.loading} error={list.error} status={list.status} reload={list.reload} />
      ) : (
        <Table<ListItem>
          rowKey="id"
          size="middle"
          dataSource={rows}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description={year === 'all' ? '还没有自评' : `${year} 年没有自评`} /> }}
          scroll={{ x: 900 }}
          columns={[
            {
              title: '标题',
              dataIndex: 'title',
              render: (t: string, r) => <Link to={`/evaluations/${r.id}`}>{t || '（无标题）'}</Link>,
            },
            { title: '类型', dataIndex: 'kind', width: 120, render: (k: string) => KIND_NAMES[k] ?? k },
            { title: '部门', dataIndex: 'department', width: 200 },
            { title: '年度', dataIndex: 'year', width: 80, render: (y: number | null) => y ?? '—' },
            {
              title: '状态',
              dataIndex: 'status',
              width: 90,
              render: (s: ListItem['status']) => <StatusTag status={s} />,
            },
            {
              title: '更新时间',
              dataIndex: 'updatedAt',
              width: 150,
              render: (t: string) => <Typography.Text type="secondary">{formatTime(t)}</Typography.Text>,
            },
          ]}
        />
      )}
      {user?.role === 'filler' && (
        <NewEvaluationDialog
          open={creating}
          registry={frameworks}
          organization={department}
          onCancel={() => setCreating(false)}
          onCreated={(id) => navigate(`/evaluations/${id}`)}
        />
      )}
    </Card>
  );
}
