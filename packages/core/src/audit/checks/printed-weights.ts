import type { Finding } from '../../model/finding.ts';
import { sameName } from '../../frameworks/names.ts';
import { printedWeights, type PrintedWeight } from '../../frameworks/printed.ts';
import { D, type Dec } from '../../numbers/decimal.ts';
import type { AuditContext } from '../context.ts';
import { finding, startsMidTable } from '../finding-kit.ts';

/**
 * 表头写明的分值: what the form prints about its own blocks' points, set against what its rows carry and
 * what the framework scored with. 「预算执行情况(20分)」 scored at 10, 「产出指标(40分)」 over rows of 48.
 */
export function checkPrintedWeights(ctx: AuditContext): Finding[] {
  const { evaluation, score } = ctx;
  const out: Finding[] = [];
  const rowsComplete =
    !evaluation.cutOff &&
    !startsMidTable(evaluation) &&
    evaluation.indicators.length > 0 &&
    evaluation.indicators.every((i) => i.weight?.value != null);
  const sumOf = (rows: typeof evaluation.indicators) =>
    rows.reduce((acc, i) => acc.plus(i.weight!.value!), new D(0));
  const push = (p: PrintedWeight, message: string, computed: Dec, rule: string) =>
    out.push(
      finding({
        code: 'weights-invalid',
        severity: 'warning',
        message,
        evaluation,
        source: evaluation.source,
        evidence: { stated: p.label, computed: computed.toFixed(), inputs: { 表头分值: p.points.toFixed() } },
        rule,
      }),
    );

  for (const p of printedWeights(evaluation.formSignature)) {
    if (/预算执行/.test(p.name)) {
      const used = score.budgetExecution?.weight;
      if (used == null || new D(used).eq(p.points)) continue;
      const line = evaluation.budget.find((l) => l.role === 'total');
      const from =
        line?.weight?.value != null ? '表中预算执行一行的分值' : `评分框架「${score.frameworkName}」`;
      push(
        p,
        `表头写明「${p.label}」，预算执行却按${from} ${new D(used).toFixed()} 分计分；请核对表头与分值，或改用表头所示的评分框架。`,
        new D(used),
        'audit.printed-weight',
      );
      continue;
    }
    const category = score.categories.find((c) => sameName(p.name, c.level1) || sameName(c.level1, p.name));
    if (category) {
      const rows = evaluation.indicators.filter((i) => i.level1 === category.level1);
      if (rowsComplete && rows.length && !sumOf(rows).eq(p.points)) {
        push(
          p,
          `表头写明「${p.label}」，其下 ${rows.length} 个三级指标分值合计 ${sumOf(rows).toFixed()} 分。`,
          sumOf(rows),
          'audit.printed-weight',
        );
      } else if (
        category.expectedWeight !== undefined &&
        !score.weightsAdjustable &&
        !new D(category.expectedWeight).eq(p.points)
      ) {
        push(
          p,
          `表头写明「${p.label}」，而评分框架「${score.frameworkName}」规定「${category.level1}」${category.expectedWeight} 分；请核对表头，或改用表头所示的评分框架。`,
          new D(category.expectedWeight),
          'audit.printed-weight',
        );
      }
      continue;
    }
    // The whole indicator block: 「绩效指标（90分）」, 「年度绩效目标(80分)」, 「年度目标1:(80分)」.
    if (/^(绩效指标|年度绩效目标|年度目标\d*|绩效目标)$/.test(p.name) && rowsComplete) {
      const sum = sumOf(evaluation.indicators);
      if (!sum.eq(p.points)) {
        push(
          p,
          `表头写明「${p.label}」，各三级指标分值合计 ${sum.toFixed()} 分。`,
          sum,
          'audit.printed-weight',
        );
      }
    }
  }
  return out;
}
