import type { Finding } from '../../model/finding.ts';
import { D } from '../../numbers/decimal.ts';
import type { AuditContext } from '../context.ts';
import { finding } from '../finding-kit.ts';

/**
 * 预算调整 — a budget that was 0 at the start of the year and is a full budget by its end was added during the
 * year (corpus 005: 年初预算数 0, 全年预算数 207.4538): the forms ask why, beside the line or in the 偏差 column.
 * A blank 年初预算数 is "not stated" and is left alone; so is a line that gives its reason.
 */
export function checkBudgetAdjustments(ctx: AuditContext): Finding[] {
  const { evaluation } = ctx;
  const out: Finding[] = [];
  for (const line of evaluation.budget) {
    if (line.role !== 'total') continue;
    const initial = line.initialBudget?.value;
    const adjusted = line.adjustedBudget?.value;
    if (initial == null || adjusted == null || !new D(initial).isZero() || !new D(adjusted).gt(0)) continue;
    if (line.reason?.trim()) continue;
    out.push(
      finding({
        code: 'budget-execution-anomaly',
        severity: 'warning',
        message: `「${line.label}」年初预算数为 ${line.initialBudget!.raw}，全年预算数为 ${line.adjustedBudget!.raw} 万元：全部预算是年中追加的，表中未说明调整原因。请说明追加的依据。`,
        evaluation,
        source: line.source,
        budgetLine: line.label,
        evidence: { inputs: { 年初预算数: line.initialBudget!.raw, 全年预算数: line.adjustedBudget!.raw } },
        rule: 'audit.adjustment-reason',
      }),
    );
  }
  return out;
}
