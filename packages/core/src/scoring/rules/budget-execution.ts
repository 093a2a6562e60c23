import { D, round, type Dec } from '../../numbers/decimal.ts';
import { n } from './show.ts';

/**
 * 预算执行率得分 = 执行率 × 分值, capped at 分值. The rate is 执行数 ÷ 全年(调整后)预算数 — never
 * the 年初 budget; `rateSource` says whether it was recomputed or taken as stated.
 */
export function scoreBudgetExecution(
  ratePercent: Dec,
  weight: Dec,
  decimals: number,
): { score: Dec; summary: string; formula: string } {
  const capped = D.min(ratePercent, 100);
  const score = round(capped.div(100).times(weight), decimals);
  const over = ratePercent.gt(100);
  return {
    score,
    summary: over
      ? `执行率 ${n(ratePercent)}% 超过 100%，按 100% 计，得满分 ${n(weight)}`
      : `执行率 ${n(ratePercent)}% × 分值 ${n(weight)}`,
    formula: over
      ? `min(${n(ratePercent)}%, 100%) × ${n(weight)} = ${n(score)}`
      : `${n(ratePercent)}% × ${n(weight)} = ${n(score)}`,
  };
}

/** 执行率 = 执行数 ÷ 全年预算数 × 100, unrounded. */
export function executionRate(executed: Dec, adjustedBudget: Dec): Dec | null {
  return adjustedBudget.isZero() ? null : executed.div(adjustedBudget).times(100);
}
