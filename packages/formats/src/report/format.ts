import {
  D,
  executionRatePercent,
  formatMoney,
  formatRate,
  formatScore,
  formatStated,
  type Dec,
  type Stated,
} from '@jixiao/core';

// The report prints figures in core's one format (numbers/format.ts); these only adapt it to the
// report's blanks: an absent figure is an empty cell here, not '—'.

/** 万元 with 2 decimals and separators (core's formatMoney); text that is not a number as written, digits folded. */
export function money(value: Stated | undefined): string {
  return formatStated(value, 'money');
}

/** A computed sum in 万元 (core's formatMoney). */
export function moneyOf(value: Dec): string {
  return formatMoney(value);
}

/** A score or weight (a decimal string from core) with 2 decimals; '' when absent. */
export function scoreText(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  return formatScore(value);
}

/** A stated 分值 or 得分 with 2 decimals (core's formatStated); text as written. */
export function statedScore(value: Stated | undefined): string {
  return formatStated(value, 'score');
}

/** A rate in percent (a decimal string) with 2 decimals and %; '' when absent. */
export function rate(value: string | Dec | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  return formatRate(value);
}

/** 执行率 = 执行数 ÷ 全年预算数, in percent with 2 decimals; null when it cannot be computed. */
export function executionRate(adjusted: Stated | undefined, executed: Stated | undefined): string | null {
  if (!adjusted?.value || executed?.value === null || executed?.value === undefined) return null;
  return executionRatePercent(D(executed.value), D(adjusted.value))?.toFixed(2) ?? null;
}

/** The rate to print: recomputed when the figures allow it, else the stated one (a rate in two decimals). */
export function rateText(
  adjusted: Stated | undefined,
  executed: Stated | undefined,
  stated?: Stated,
): string {
  const computed = executionRate(adjusted, executed);
  if (computed !== null) return formatRate(computed);
  return formatStated(stated, 'number');
}

/** A stated target, actual or count: a plain percent as a rate, else as written ("≥95%", "优良"), digits folded. */
export function asWritten(value: Stated | undefined): string {
  return formatStated(value, 'number');
}

const DIGITS = '零一二三四五六七八九';

/** 1 → 一, 12 → 十二, 23 → 二十三: the numbering of （一）（二）… sub-headings. */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n] ?? String(n);
  if (n < 20) return `十${n % 10 ? DIGITS[n % 10] : ''}`;
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 ? DIGITS[n % 10] : ''}`;
  return String(n);
}
