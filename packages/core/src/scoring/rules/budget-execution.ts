import type { Dec } from '../../numbers/decimal.ts';

/**
 * 执行率 = 执行数 ÷ 全年(调整后)预算数 × 100, unrounded — never the 年初 budget. The points it earns
 * are the framework's budget-execution formula (frameworks/*.json).
 */
export function executionRate(executed: Dec, adjustedBudget: Dec): Dec | null {
  return adjustedBudget.isZero() ? null : executed.div(adjustedBudget).times(100);
}
