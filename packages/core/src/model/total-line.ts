import type { BudgetLine, Evaluation } from './evaluation.ts';

/**
 * The budget line that speaks for the whole evaluation: the 合计/年度资金总额 line, else the first line that
 * is no one's part (a form with one line and no total).
 */
export function totalBudgetLine(e: Pick<Evaluation, 'budget'>): BudgetLine | undefined {
  return e.budget.find((l) => l.role === 'total') ?? e.budget.find((l) => !l.partOf);
}
