import { D, type Dec } from './decimal.ts';

/**
 * 执行率 = 执行数 ÷ 全年（调整后）预算数 × 100, in percent and unrounded — never over the 年初 budget.
 * Null when the budget is zero: a rate of nothing is not 0% and not 100%.
 */
export function executionRatePercent(executed: Dec, adjustedBudget: Dec): Dec | null {
  return adjustedBudget.isZero() ? null : executed.div(adjustedBudget).times(100);
}

/**
 * 执行率 below which a budget line is a 较大偏差 that needs its reason: DESIGN.md 偏差分析 (every execution
 * rate under 90% needs a reason and an improvement measure) and the forms' own notes, e.g. a provincial project
 * form's "预算执行率未达到90%的需说明原因".
 */
export const LARGE_DEVIATION_RATE = new D(90);

/** True when a rate in percent is a 较大偏差 (below LARGE_DEVIATION_RATE). */
export function isLargeDeviation(ratePercent: Dec): boolean {
  return ratePercent.lt(LARGE_DEVIATION_RATE);
}
