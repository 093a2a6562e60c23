import type { Finding } from '../../model/finding.ts';
import { D } from '../../numbers/decimal.ts';
import type { AuditContext } from '../context.ts';
import { finding, show } from '../finding-kit.ts';

/**
 * 执行异常: spending above the adjusted budget, checkpoints that go backwards, a year-end figure copied
 * from a mid-year checkpoint, and low execution with a high score.
 */
export function checkExecutionAnomalies(ctx: AuditContext): Finding[] {
  const { evaluation, score } = ctx;
  const out: Finding[] = [];
  const overOf = (line: (typeof evaluation.budget)[number]) => {
    const executed = line.executed?.value;
    const budget = line.adjustedBudget?.value ?? line.initialBudget?.value;
    if (executed == null || budget == null) return null;
    const e = new D(executed);
    const b = new D(budget);
    return e.gt(b) ? { e, b, budget, ratio: b.isZero() ? null : e.div(b).times(100) } : null;
  };
  const overIds = new Set(evaluation.budget.filter((l) => overOf(l)).map((l) => l.id));
  for (const line of evaluation.budget) {
    const o = overOf(line);
    if (!o) continue;
    const { e, b, budget, ratio } = o;
    // A part over budget inside a whole over budget is the same over-spend told again, unless it is
    // far over on its own (seed 001: 法律援助 at 394.60% inside 项目支出 at 105.49%).
    const severe = ratio === null || ratio.gt(110);
    if (line.partOf && overIds.has(line.partOf) && !severe) continue;
    const partsOver = evaluation.budget.filter((p) => p.partOf === line.id && overIds.has(p.id));
    const over = e.minus(b);
    out.push(
      finding({
        code: 'budget-execution-anomaly',
        severity: severe ? 'error' : 'warning',
        message: `「${line.label}」执行数 ${line.executed!.raw} 万元超过全年预算数 ${budget === line.adjustedBudget?.value ? line.adjustedBudget!.raw : line.initialBudget!.raw} 万元（超出 ${show(over)} 万元${ratio ? `，执行率 ${show(ratio)}%` : ''}）${partsOver.length ? `，其中${partsOver.map((p) => `「${p.label}」`).join('')}也超出预算` : ''}。超预算支出须有调整依据；若预算已调整，全年预算数应填调整后数。`,
        evaluation,
        source: line.executed!.source ?? line.source,
        budgetLine: line.label,
        evidence: {
          stated: line.executed!.raw,
          computed: `≤ ${budget}`,
          inputs: { 执行数: line.executed!.raw, 全年预算数: budget },
        },
        rule: 'audit.over-budget',
      }),
    );
  }

  const points = [...evaluation.monitoring]
    .filter((p) => p.actual?.value != null)
    .sort((a, b) => a.month - b.month);
  for (let k = 1; k < points.length; k++) {
    const prev = points[k - 1]!;
    const cur = points[k]!;
    const a = new D(prev.actual!.value!);
    const b = new D(cur.actual!.value!);
    if (b.lt(a)) {
      out.push(
        finding({
          code: 'budget-execution-anomaly',
          severity: 'error',
          message: `${cur.month} 月累计执行进度 ${cur.actual!.raw} 低于 ${prev.month} 月的 ${prev.actual!.raw}：累计进度不会倒退。`,
          evaluation,
          source: cur.source,
          evidence: { stated: cur.actual!.raw, computed: `≥ ${prev.actual!.raw}` },
          rule: 'audit.monitoring-order',
        }),
      );
    } else if (b.eq(a) && cur.month === 12 && prev.month < 12) {
      out.push(
        finding({
          code: 'budget-execution-anomaly',
          severity: 'warning',
          message: `全年执行进度 ${cur.actual!.raw} 与 ${prev.month} 月 ${prev.actual!.raw} 完全相同：12 月没有任何支出，或全年数沿用了 ${prev.month} 月数。请核对。`,
          evaluation,
          source: cur.source,
          evidence: {
            stated: cur.actual!.raw,
            others: [{ value: prev.actual!.raw, location: prev.source ?? {}, text: `${prev.month} 月` }],
          },
          rule: 'audit.year-end-equals-midyear',
        }),
      );
    }
  }

  const be = score.budgetExecution;
  const total = evaluation.statedTotal?.value;
  if (be?.rateUsed && total && new D(be.rateUsed).lt(60) && new D(total).gte(90)) {
    out.push(
      finding({
        code: 'budget-execution-anomaly',
        severity: 'warning',
        message: `预算执行率仅 ${show(new D(be.rateUsed))}%，自评总分却为 ${evaluation.statedTotal!.raw} 分（优）。请核实绩效目标完成情况与资金使用是否相符。`,
        evaluation,
        source: evaluation.statedTotal!.source,
        evidence: { inputs: { 执行率: `${be.rateUsed}%`, 自评得分: evaluation.statedTotal!.raw } },
        rule: 'audit.low-execution-high-score',
      }),
    );
  }
  return out;
}
