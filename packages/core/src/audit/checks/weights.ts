import type { Finding } from '../../model/finding.ts';
import type { ScoreResult } from '../../model/result.ts';
import { D, type Dec } from '../../numbers/decimal.ts';
import type { AuditContext } from '../context.ts';
import { finding, startsMidTable } from '../finding-kit.ts';

/**
 * The points of the 一级 categories the framework fixes and the table does not set at all (corpus 006, a
 * project form whose copy starts below its 预算执行 block: 4 × 22.5 = 90 beside 合计 100).
 */
export function missingCategoryPoints(score: ScoreResult): Dec {
  return score.categories
    .filter((c) => c.expectedWeight !== undefined && new D(c.weight).isZero())
    .reduce((acc, c) => acc.plus(c.expectedWeight!), new D(0));
}

/**
 * Whether a shortfall of the weights is exactly the categories the table leaves out: then the category
 * warning below says it, once, and the sums are not reported again as errors (one fact, one finding).
 */
export function shortByMissingCategories(score: ScoreResult, total: Dec): boolean {
  const missing = missingCategoryPoints(score);
  return missing.gt(0) && total.plus(missing).eq(score.expectedWeightTotal ?? '100');
}

/** 权重: the weights must add up to the framework's total, and each 一级 to what the framework fixes. */
export function checkWeights(ctx: AuditContext): Finding[] {
  const { evaluation, score } = ctx;
  if (evaluation.cutOff || startsMidTable(evaluation) || !evaluation.indicators.length) return [];
  // A form without a 分值 column (the 20/80 forms of corpus 018 and 038, scored by 一级 with no per-row weight) prints no weights to add up.
  if (!evaluation.indicators.some((i) => i.weight?.value != null)) return [];
  const out: Finding[] = [];
  const expected = new D(score.expectedWeightTotal ?? '100');
  const total = new D(score.weightTotal);
  const shortByMissing = shortByMissingCategories(score, total);
  if (!total.eq(expected) && !shortByMissing) {
    out.push(
      finding({
        code: 'weights-invalid',
        severity: 'error',
        message: `各项分值合计为 ${total.toFixed()}，评分框架「${score.frameworkName}」要求合计 ${expected.toFixed()}。`,
        evaluation,
        source: evaluation.statedWeightTotal?.source ?? evaluation.source,
        evidence: {
          stated: total.toFixed(),
          computed: expected.toFixed(),
          inputs: Object.fromEntries(score.categories.map((c) => [c.level1, c.weight])),
        },
        rule: 'audit.weight-total',
      }),
    );
  }
  const moved = score.categories.filter(
    (c) => c.expectedWeight !== undefined && !new D(c.weight).eq(c.expectedWeight),
  );
  const dropped = moved.filter((c) => new D(c.weight).isZero());
  const raised = moved.filter((c) => new D(c.weight).gt(c.expectedWeight!));
  const droppedPoints = dropped.reduce((acc, c) => acc.plus(c.expectedWeight!), new D(0));
  const raisedPoints = raised.reduce(
    (acc, c) => acc.plus(new D(c.weight).minus(c.expectedWeight!)),
    new D(0),
  );
  // Seed 001: 可持续性指标 not set and its 10 points moved to 效益指标 (30 for 20), the total still 100, under a
  // framework that allows it ("其他指标权重可作适当调整，但总分应为100分") and explained in the report's text: one
  // note that says where the points went, not a warning for the gap and a note for the surplus.
  if (
    score.weightsAdjustable &&
    total.eq(expected) &&
    dropped.length &&
    moved.length === dropped.length + raised.length &&
    droppedPoints.eq(raisedPoints)
  ) {
    out.push(
      finding({
        code: 'weights-invalid',
        severity: 'info',
        message: `一级指标${dropped.map((c) => `「${c.level1}」（框架 ${c.expectedWeight} 分）`).join('、')}未设置，分值调整到${raised.map((c) => `「${c.level1}」（${c.weight} 分，框架原则上 ${c.expectedWeight} 分）`).join('、')}；评分框架允许适当调整，合计仍为 ${expected.toFixed()} 分。`,
        evaluation,
        source: evaluation.source,
        evidence: {
          stated: moved.map((c) => `${c.level1} ${c.weight}`).join('；'),
          computed: moved.map((c) => `${c.level1} ${c.expectedWeight}`).join('；'),
        },
        rule: 'audit.category-weight',
      }),
    );
    return out;
  }
  for (const c of score.categories) {
    if (c.expectedWeight === undefined || new D(c.weight).eq(c.expectedWeight)) continue;
    const missing = new D(c.weight).isZero();
    // An adjustable framework (seed 001: "其他指标权重可作适当调整，但总分应为100分") allows moving weight between
    // categories; a missing required category or a fixed one that moved is still worth a word.
    const severity = missing ? 'warning' : score.weightsAdjustable ? 'info' : 'error';
    out.push(
      finding({
        code: 'weights-invalid',
        severity,
        message: missing
          ? `评分框架设有一级指标「${c.level1}」（${c.expectedWeight} 分），本表未设置${shortByMissing ? `，各项分值合计 ${total.toFixed()} 比框架的 ${expected.toFixed()} 分正少了这 ${c.expectedWeight} 分${evaluation.statedWeightTotal?.value != null ? `（表中合计填报 ${evaluation.statedWeightTotal.raw}）` : ''}：请补全该项或说明原因` : score.weightsAdjustable ? '，其分值已调整到其他一级指标，请在报告中说明' : ''}。`
          : `一级指标「${c.level1}」分值为 ${c.weight}，评分框架原则上为 ${c.expectedWeight}${score.weightsAdjustable ? '（框架允许适当调整）' : ''}。`,
        evaluation,
        source: evaluation.source,
        evidence: { stated: c.weight, computed: c.expectedWeight },
        rule: 'audit.category-weight',
      }),
    );
  }
  return out;
}
