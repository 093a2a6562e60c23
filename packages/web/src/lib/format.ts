import { D, type Stated } from '@jixiao/core';
import type { Status } from './api.ts';

/** 状态名称与颜色 — status labels as the users say them. */
export const STATUS: Record<Status, { label: string; color: string }> = {
  draft: { label: '草稿', color: 'default' },
  submitted: { label: '已提交', color: 'processing' },
  returned: { label: '退回', color: 'warning' },
  accepted: { label: '已审核', color: 'success' },
  published: { label: '已公开', color: 'purple' },
};

export const KIND_NAMES: Record<string, string> = {
  project: '项目支出',
  department: '部门整体支出',
  summary: '项目汇总表',
};

/** 金额 — a decimal string shown with 2 places and thousands separators (万元 as the forms write it). */
export function money(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const [int = '0', frac = ''] = roundTo(value, 2).split('.');
  const negative = int.startsWith('-');
  const digits = negative ? int.slice(1) : int;
  return `${negative ? '-' : ''}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac.padEnd(2, '0')}`;
}

/** Rounds a decimal string half-up (四舍五入) to `places` with decimal arithmetic, never a float. */
export function roundTo(value: string, places: number): string {
  try {
    return new D(value).toFixed(places, D.ROUND_HALF_UP);
  } catch {
    return value;
  }
}

/** 分数 — a score with up to 2 decimals, '—' when absent. */
export function score(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  return roundTo(value, 2).replace(/\.0+$|(\.\d*?)0+$/, '$1');
}

/** 百分比 */
export function percent(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  return `${roundTo(value, 2)}%`;
}

/** A stated amount shown as 万元 with 2 decimals when it is a number, else as written. */
export function statedMoney(s: Stated | undefined): string {
  if (!s || s.raw === '') return '';
  return s.value !== null && !s.percent ? money(s.value) : s.raw;
}

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
