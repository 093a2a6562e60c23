/** 整改进度 of an item: 未开始, 整改中, 已完成. */
export type RectificationStatus = 'open' | 'in-progress' | 'done';

export const RECTIFICATION_STATUS_NAMES: Record<RectificationStatus, string> = {
  open: '未开始',
  'in-progress': '整改中',
  done: '已完成',
};

/**
 * 逾期 — an item not done whose 整改期限 (YYYY-MM-DD) is before `today` (YYYY-MM-DD, the caller's date: core
 * reads no clock). An item without a deadline is never overdue.
 */
export function rectificationOverdue(
  item: { due: string | null; status: RectificationStatus },
  today: string,
): boolean {
  return item.status !== 'done' && item.due !== null && item.due < today;
}
