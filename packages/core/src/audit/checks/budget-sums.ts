import { FUNDS_RECEIVED } from '../../model/basic-fields.ts';
import type { BudgetLine } from '../../model/evaluation.ts';
import type { Finding } from '../../model/finding.ts';
import { D, sum } from '../../numbers/decimal.ts';
import { compareWithRounding } from '../../numbers/tolerance.ts';
import type { AuditContext } from '../context.ts';
import { finding, roundingNote, severityOf, show } from '../finding-kit.ts';

type Column = 'initialBudget' | 'adjustedBudget' | 'received' | 'executed';
const COLUMNS: Array<[Column, string]> = [
  ['initialBudget', '年初预算数'],
  ['adjustedBudget', '全年预算数'],
  ['received', FUNDS_RECEIVED.name],
  ['executed', '执行数'],
];
const ROLE_NAMES: Record<BudgetLine['role'], string> = {
  total: '合计',
  source: '资金来源',
  nature: '支出性质',
  task: '明细',
  economic: '经济分类',
  function: '功能分类',
  other: '明细',
};

/**
 * 合计与明细: for every group of lines that are parts of one line (资金来源 of the total, 支出性质 of the
 * total, tasks of 项目支出), each money column must add up. A column some part leaves blank is not checked:
 * a blank is "not stated", not zero.
 */
export function checkBudgetSums(ctx: AuditContext): Finding[] {
  const { evaluation } = ctx;
  const byId = new Map(evaluation.budget.map((l) => [l.id, l]));
  const groups = new Map<string, BudgetLine[]>();
  for (const line of evaluation.budget) {
    if (!line.partOf) continue;
    const key = `${line.partOf}\u0000${line.role}`;
    groups.set(key, [...(groups.get(key) ?? []), line]);
  }
  const out: Finding[] = [];
  for (const [key, parts] of groups) {
    const parent = byId.get(key.split('\u0000')[0]!);
    if (!parent) continue;
    for (const [column, columnName] of COLUMNS) {
      const whole = parent[column];
      if (!whole || whole.value === null) continue;
      if (parts.some((p) => !p[column] || p[column]!.value === null)) continue;
      const values = parts.map((p) => new D(p[column]!.value!));
      const computed = sum(values);
      const stated = new D(whole.value);
      const decimals = parts.map((p) => p[column]!.decimals);
      const cmp = compareWithRounding(stated, whole.decimals, computed, decimals);
      if (cmp.verdict === 'equal') continue;
      const formula = `${parts.map((p) => p[column]!.raw).join(' + ')} = ${show(computed)}`;
      const inputs = Object.fromEntries(parts.map((p) => [p.label, p[column]!.raw]));
      const group = ROLE_NAMES[parts[0]!.role];
      // The form's own heading says best what the column is ("实际到位资金/合计"), where the reader kept it.
      const heading = whole.source?.column ?? columnName;
      const rounding = cmp.verdict === 'within-rounding';
      out.push(
        finding({
          code: 'sum-mismatch',
          severity: rounding ? 'info' : severityOf(cmp, whole.decimals),
          message: rounding
            ? `「${parent.label}」${heading} ${whole.raw} 与各${group}之和 ${show(computed)} 相差 ${cmp.difference.toFixed()}，在各数四舍五入的误差之内，属尾差。`
            : `「${parent.label}」${heading}填报 ${whole.raw} 万元，但各${group}之和为 ${show(computed)} 万元${roundingNote(cmp)}。请核对合计或明细。`,
          evaluation,
          source: whole.source ?? parent.source,
          budgetLine: parent.label,
          evidence: {
            stated: whole.raw,
            computed: show(computed),
            formula,
            inputs,
            rounding: rounding ? 'within-rounding' : 'beyond-rounding',
            ...(rounding
              ? {}
              : {
                  others: parts.map((p) => ({
                    value: p[column]!.raw,
                    location: p[column]!.source ?? p.source ?? {},
                  })),
                }),
          },
          rule: 'audit.budget-sum',
        }),
      );
    }
  }
  return out;
}
