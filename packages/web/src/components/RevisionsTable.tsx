import { Table, Typography } from 'antd';
import type { Revision } from '../lib/api.ts';
import { formatTime } from '../lib/format.ts';
import { StatusTag } from './StatusTag.tsx';

/** A revision's note in words: a submission stores its explanations as JSON. */
export function describeNote(note: string): string {
  if (!note.startsWith('{')) return note;
  try {
    const parsed = JSON.parse(note) as { comment?: string; explanations?: Record<string, string> };
    const reasons = Object.values(parsed.explanations ?? {});
    return [parsed.comment, reasons.length ? `错误说明 ${reasons.length} 条：${reasons.join('；')}` : '']
      .filter(Boolean)
      .join('；');
  } catch {
    return note;
  }
}

/** The comment of the latest 退回. */
export function returnComment(revisions: Revision[] | null): string {
  const returned = (revisions ?? []).filter((r) => r.status === 'returned');
  return returned[returned.length - 1]?.note ?? '';
}

/** 修订记录 — every saved version and status change, who made it and why. */
export function RevisionsTable({ revisions, loading }: { revisions: Revision[] | null; loading: boolean }) {
  return (
    <Table<Revision>
      rowKey="version"
      size="small"
      pagination={false}
      loading={loading}
      dataSource={revisions ?? []}
      columns={[
        { title: '版本', dataIndex: 'version', width: 60 },
        {
          title: '状态',
          dataIndex: 'status',
          width: 90,
          render: (s: Revision['status']) => <StatusTag status={s} />,
        },
        { title: '操作人', dataIndex: 'authorName', width: 120 },
        {
          title: '说明',
          dataIndex: 'note',
          render: (n: string) => (
            <Typography.Text ellipsis={{ tooltip: describeNote(n) }} style={{ maxWidth: 360 }}>
              {describeNote(n)}
            </Typography.Text>
          ),
        },
        { title: '时间', dataIndex: 'createdAt', width: 150, render: formatTime },
      ]}
    />
  );
}
