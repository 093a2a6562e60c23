import type { Finding } from '../../model/finding.ts';
import { D } from '../../numbers/decimal.ts';
import type { AuditContext } from '../context.ts';
import { deadlineKept } from './indicator-scores.ts';
import { finding } from '../finding-kit.ts';
import { isLargeDeviation, LARGE_DEVIATION_RATE } from '../../numbers/execution.ts';

function hasText(s: string | undefined): boolean {
  const t = (s ?? '').replace(/[\s\u3000/无-]/g, '');
  return t.length > 0;
}

/**
 * 偏差原因: every indicator scored below its weight or not met, every execution rate under 90%, every
 * unmet monitoring checkpoint and every unmet indicator counted in the prose needs a reason.
 */
export function checkDeviationReasons(ctx: AuditContext): Finding[] {
  const { evaluation, score } = ctx;
  const out: Finding[] = [];
  const met = new Map(score.indicators.map((s) => [s.indicatorId, s.met]));

  for (const i of evaluation.indicators) {
    if (i.notApplicable || hasText(i.deviationReason)) continue;
    const stated = i.statedScore?.value != null ? new D(i.statedScore.value) : null;
    const weight = i.weight?.value != null ? new D(i.weight.value) : null;
    const below = stated !== null && weight !== null && stated.lt(weight);
    if (!below && (met.get(i.id) !== false || deadlineKept(i))) continue;
    out.push(
      finding({
        code: 'missing-deviation-reason',
        severity: 'warning',
        message: below
          ? `指标「${i.name}」得分 ${i.statedScore!.raw} 低于分值 ${i.weight!.raw}，但未填写偏差原因和改进措施。`
          : i.target?.raw || i.actual?.raw
            ? `指标「${i.name}」未达到指标值（${i.target?.raw ?? ''} → ${i.actual?.raw ?? ''}），但未填写偏差原因和改进措施。`
            : `指标「${i.name}」按评分规则未达到要求，但未填写偏差原因和改进措施。`,
        evaluation,
        source: i.source,
        indicator: i.name,
        evidence: {
          inputs: {
            指标值: i.target?.raw ?? '',
            完成值: i.actual?.raw ?? '',
            得分: i.statedScore?.raw ?? '',
          },
        },
        rule: 'audit.indicator-reason',
      }),
    );
  }

  const lowLines = evaluation.budget.filter((l) => {
    // A source with no money (财政专户管理资金 0.00 → 0.00%) has nothing to execute.
    const budget = l.adjustedBudget?.value ?? l.initialBudget?.value;
    if (budget == null || new D(budget).isZero()) return false;
    const r = l.executionRate?.value;
    return r != null && isLargeDeviation(new D(r)) && !hasText(l.reason);
  });
  if (lowLines.length) {
    out.push(
      finding({
        code: 'missing-deviation-reason',
        severity: 'warning',
        message: `${lowLines.length} 行预算执行率低于 ${LARGE_DEVIATION_RATE.toFixed()}%，未说明原因：${lowLines
          .map((l) => `「${l.label}」${l.executionRate!.raw}`)
          .join('、')}。`,
        evaluation,
        source: lowLines[0]!.source,
        evidence: {
          inputs: Object.fromEntries(lowLines.map((l) => [l.label, l.executionRate!.raw])),
          threshold: `${LARGE_DEVIATION_RATE.toFixed()}%`,
        },
        rule: 'audit.execution-reason',
      }),
    );
  }

  for (const point of evaluation.monitoring) {
    const target = point.target?.value;
    const actual = point.actual?.value;
    if (target == null || actual == null || new D(actual).gte(target) || hasText(point.reason)) continue;
    out.push(
      finding({
        code: 'missing-deviation-reason',
        severity: 'warning',
        message: `${point.month} 月执行进度 ${point.actual!.raw} 未达到目标 ${point.target!.raw}，未说明原因。`,
        evaluation,
        source: point.source,
        evidence: { inputs: { 目标: point.target!.raw, 实际: point.actual!.raw } },
        rule: 'audit.monitoring-reason',
      }),
    );
  }

  // Counted in the prose (seed 004): planned − completed per type must each have an explanation.
  const explainedByType = new Map<string, number>();
  for (const u of evaluation.unmetExplanations) {
    const key = u.type ?? '';
    explainedByType.set(key, (explainedByType.get(key) ?? 0) + 1);
  }
  const missing: string[] = [];
  for (const c of evaluation.indicatorCounts) {
    if (c.type === '合计' || c.planned?.value == null || c.completed?.value == null) continue;
    const unmet = new D(c.planned.value).minus(c.completed.value);
    if (unmet.lte(0)) continue;
    const explained = explainedByType.get(c.type) ?? 0;
    if (unmet.gt(explained)) missing.push(`${c.type}未完成 ${unmet.toFixed()} 条、说明 ${explained} 条`);
  }
  if (missing.length && evaluation.indicatorCounts.length) {
    out.push(
      finding({
        code: 'missing-deviation-reason',
        severity: 'warning',
        message: `按正文统计的指标完成情况，有未完成指标没有说明原因：${missing.join('；')}。`,
        evaluation,
        source: evaluation.indicatorCounts.find((c) => c.completed)?.source,
        evidence: {
          counts: evaluation.indicatorCounts.map((c) => ({
            type: c.type,
            planned: c.planned?.raw,
            completed: c.completed?.raw,
          })),
          explained: Object.fromEntries(explainedByType),
        },
        rule: 'audit.count-reason',
      }),
    );
  }
  return out;
}
