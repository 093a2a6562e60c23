import {
  D,
  EVALUATION_KIND_NAMES,
  EVALUATION_STATUS_NAMES,
  formatDateTime,
  formatMoney,
  formatRate,
  formatScore,
  formatStated,
  type Stated,
} from '@jixiao/core';
import type { Status } from './api.ts';

/** 状态名称与颜色 — status labels as the users say them. */
export const STATUS: Record<Status, { label: string; color: string }> = {
  draft: { label: EVALUATION_STATUS_NAMES.draft, color: 'default' },
  submitted: { label: EVALUATION_STATUS_NAMES.submitted, color: 'processing' },
  returned: { label: EVALUATION_STATUS_NAMES.returned, color: 'warning' },
  accepted: { label: EVALUATION_STATUS_NAMES.accepted, color: 'success' },
  published: { label: EVALUATION_STATUS_NAMES.published, color: 'purple' },
};

/** 自评类型名称 — core's one list. */
export const KIND_NAMES: Record<string, string> = EVALUATION_KIND_NAMES;

/** 金额 — 万元 with 2 places and thousands separators (core's formatMoney). */
export const money = (value: string | null | undefined): string => formatMoney(value);

/** Rounds a decimal string half-up (四舍五入) to `places` with decimal arithmetic, never a float. */
export function roundTo(value: string, places: number): string {
  try {
    return new D(value).toFixed(places, D.ROUND_HALF_UP);
  } catch {
    return value;
  }
}

/** 分数 — a score with 2 decimals, '—' when absent (core's formatScore). */
export const score = (value: string | null | undefined): string => formatScore(value);

/** 百分比 — a rate with 2 decimals and % (core's formatRate). */
export const percent = (value: string | null | undefined): string => formatRate(value);

/** A stated amount shown as 万元 with 2 decimals when it is a number, a rate as a rate, else as written. */
export const statedMoney = (s: Stated | undefined): string => formatStated(s);

/** A stated 分值 or 得分 with 2 decimals when it is a number, else as written (digits folded). */
export const statedScore = (s: Stated | undefined): string => formatStated(s, 'score');

/** A stated 指标值, 完成值 or count as written (a percent as a rate), full-width digits folded ("５" → "5"). */
export const statedText = (s: Stated | undefined): string => formatStated(s, 'number');

/** 时间 — YYYY-MM-DD HH:mm (core's formatDateTime). */
export const formatTime = (iso: string | null | undefined): string => formatDateTime(iso);
