import { D, executionRatePercent, type Stated } from '@jixiao/core';

/** 万元 with 2 decimals, the way the official tables print money; text that is not a number stays as written. */
export function money(value: Stated | undefined): string {
  if (!value) return '';
  if (value.value === null) return value.raw;
  return D(value.value).toFixed(2);
}

/** A decimal string (a score) as written by core, without trailing noise; '' when absent. */
export function plain(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  return D(value).toFixed();
}

/** 执行率 = 执行数 ÷ 全年预算数, in percent with 2 decimals; null when it cannot be computed. */
export function executionRate(adjusted: Stated | undefined, executed: Stated | undefined): string | null {
  if (!adjusted?.value || executed?.value === null || executed?.value === undefined) return null;
  return executionRatePercent(D(executed.value), D(adjusted.value))?.toFixed(2) ?? null;
}

/** The rate to print: recomputed when the figures allow it, else the stated one as written. */
export function rateText(
  adjusted: Stated | undefined,
  executed: Stated | undefined,
  stated?: Stated,
): string {
  const computed = executionRate(adjusted, executed);
  if (computed !== null) return `${computed}%`;
  return stated?.raw ?? '';
}

/** A stated value as written (targets, actuals: "≥95%", "优良"). */
export function asWritten(value: Stated | undefined): string {
  return value?.raw ?? '';
}

const DIGITS = '零一二三四五六七八九';

/** 1 → 一, 12 → 十二, 23 → 二十三: the numbering of （一）（二）… sub-headings. */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n] ?? String(n);
  if (n < 20) return `十${n % 10 ? DIGITS[n % 10] : ''}`;
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 ? DIGITS[n % 10] : ''}`;
  return String(n);
}
