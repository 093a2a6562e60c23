import { Tag } from 'antd';
import type { Status } from '../lib/api.ts';
import { STATUS } from '../lib/format.ts';

/** 状态标签 — 草稿/已提交/退回/已审核/已公开. */
export function StatusTag({ status }: { status: Status }) {
  const s = STATUS[status];
  return <Tag color={s.color}>{s.label}</Tag>;
}
