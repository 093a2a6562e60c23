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

/**
 * The rates a 项目收支情况表 shows beside 实际到位资金 (FUNDS_RECEIVED), in percent and unrounded:
 * 资金到位率 = 实际到位 ÷ 预算 (the line's 全年预算数, else its 年初预算数 / 预算资金) and
 * 到位资金执行率 = 实际支出 ÷ 实际到位. Each is null when a figure is missing or its divisor is zero.
 */
export function fundsRates(line: {
  initialBudget?: { value: string | null };
  adjustedBudget?: { value: string | null };
  received?: { value: string | null };
  executed?: { value: string | null };
}): { receivedRate: Dec | null; spentRate: Dec | null } {
  const budget = line.adjustedBudget?.value ?? line.initialBudget?.value ?? null;
  const received = line.received?.value ?? null;
  const executed = line.executed?.value ?? null;
  const ratio = (a: string | null, b: string | null) =>
    a === null || b === null || new D(b).isZero() ? null : new D(a).div(b).times(100);
  return { receivedRate: ratio(received, budget), spentRate: ratio(executed, received) };
}
