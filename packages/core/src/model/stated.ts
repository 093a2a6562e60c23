import type { SourceRef } from './source.ts';

/**
 * 填报值 — a value exactly as the document states it, and what it parses to.
 *
 * Amounts and rates stay decimal strings ("70.47", "1045.50") so that the model is plain JSON
 * and no float ever stands for money. `decimals` records the precision as written, which is
 * what decides whether a difference can be rounding (see numbers/tolerance.ts).
 */
export interface Stated {
  /** The cell or phrase as written, trimmed: "70.47%", "1,045.50", "≥2个", "优良". */
  raw: string;
  /** Parsed number as a canonical decimal string; null when the text is not a number. */
  value: string | null;
  /** Decimal places as written ("45%" → 0, "70.47%" → 2). */
  decimals: number;
  /** True when written as a percentage: value is then in percent units ("70.47"). */
  percent: boolean;
  /** Comparison sign written inside the value, e.g. "≥95%" → "≥". */
  sign?: ComparisonSign;
  /** Unit written inside the value, e.g. "≥2个" → "个", "4万余本" → "本". */
  unit?: string;
  /** "60余场", "近500余万元", "13800余名": an approximate figure, never held to exact arithmetic. */
  approximate?: boolean;
  source?: SourceRef;
}

/** 指标性质的比较符 */
export type ComparisonSign = '≥' | '≤' | '=' | '>' | '<';

export function isBlank(value: Stated | undefined): boolean {
  return value === undefined || value.raw.trim() === '';
}

export function hasNumber(value: Stated | undefined): value is Stated & { value: string } {
  return value !== undefined && value.value !== null;
}
