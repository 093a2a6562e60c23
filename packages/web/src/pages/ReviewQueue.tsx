import { Card, Empty, Segmented, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { PageState } from '../components/PageState.tsx';
import { StatusTag } from '../components/StatusTag.tsx';
import { api, type ListItem, type ListPage, type Status } from '../lib/api.ts';
import { formatTime, KIND_NAMES, score } from '../lib/format.ts';
import { useLoad } from '../lib/useLoad.ts';

const FILTERS: Array<{ value: Status | 'all'; label: string }> = [
  { value: 'submitted', label: '待审核' },
  { value: 'returned', label: '已退回' },
  { value: 'accepted', label: '已审核' },
  { value: 'published', label: '已公开' },
  { value: 'all', label: '全部' },
];

/** Rows per page of the queue. */
const PAGE_SIZE = 20;

/** 审核队列 — submissions waiting for the 财政审核人, oldest first; filtered and paged by the server. */
export function ReviewQueue() {
  const [filter, setFilter] = useState<Status | 'all'>('submitted');
  const [page, setPage] = useState(1);
  const query = `status=${filter}&page=${page}&pageSize=${PAGE_SIZE}&sort=updated`;
  const list = useLoad(() => api<ListPage>('GET', `/api/evaluations?${query}`), query);
  const rows = list.data?.items ?? [];
  return (
    <Card
      title="审核队列"
      extra={
        <Segmented
          aria-label="状态筛选"
          value={filter}
          onChange={(v) => {
            setFilter(v as Status | 'all');
            setPage(1);
          }}
          options={FILTERS}
        />
      }
    >
      {list.error || (list.loading && !list.data) ? (
        <PageState loading={list.loading} error={list.error} status={list.status} reload={list.reload} />
      ) : (
        <Table<ListItem>
          rowKey="id"
          size="middle"
          dataSource={rows}
          loading={list.loading}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: list.data?.total ?? 0,
            hideOnSinglePage: true,
            showSizeChanger: false,
            onChange: setPage,
          }}
          scroll={{ x: 1160 }}
          locale={{
            emptyText: (
              <Empty description={filter === 'submitted' ? '没有待审核的自评' : '没有符合条件的自评'} />
            ),
          }}
          columns={[
            {
              title: '标题',
              dataIndex: 'title',
              // A title keeps a readable width on a phone (the table scrolls sideways), never one character a line.
              width: 260,
              render: (t: string, r) => (
                <Link to={`/evaluations/${r.id}`} state={{ nav: '/review' }}>
                  {t}
                </Link>
              ),
            },
            { title: '部门', dataIndex: 'department', width: 200 },
            { title: '类型', dataIndex: 'kind', width: 120, render: (k: string) => KIND_NAMES[k] ?? k },
            { title: '年度', dataIndex: 'year', width: 70 },
            {
              title: '状态',
              dataIndex: 'status',
              width: 90,
              render: (s: Status) => <StatusTag status={s} />,
            },
            {
              title: '自评得分',
              key: 'stated',
              width: 90,
              align: 'right',
              render: (_: unknown, r) => score(r.statedScore),
            },
            {
              title: '规则得分',
              key: 'computed',
              width: 90,
              align: 'right',
              render: (_: unknown, r) => score(r.computedScore),
            },
            {
              title: '提交/更新',
              dataIndex: 'updatedAt',
              width: 150,
              render: (t: string) => <Typography.Text type="secondary">{formatTime(t)}</Typography.Text>,
            },
            {
              title: '操作',
              key: 'op',
              width: 90,
              render: (_: unknown, r) => (
                <Space>
                  <Link to={`/evaluations/${r.id}`} state={{ nav: '/review' }}>
                    {r.status === 'submitted' ? '审核' : '查看'}
                  </Link>
                </Space>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}
