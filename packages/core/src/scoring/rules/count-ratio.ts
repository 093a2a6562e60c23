import { sameName } from '../../frameworks/names.ts';
import type { RuleOf } from '../../frameworks/schema.ts';
import type { Indicator } from '../../model/evaluation.ts';
import { D, round, type Dec } from '../../numbers/decimal.ts';
import type { CriterionOutcome } from '../types.ts';
import type { CriterionContext } from './criterion-context.ts';
import { InputReader } from './inputs.ts';
import { n } from './show.ts';

/**
 * Whether a quantity indicator counts as achieved under a ±tolerance rule (seed 003 目标实现):
 * below target, or more than `tolerance` above it, does not count. Null when the actual is blank.
 */
export function withinTolerance(i: Indicator, tolerance: Dec): boolean | null {
  const target = i.adjustedTarget?.value ?? i.target?.value;
  const actual = i.actual?.value;
  if (target == null || actual == null) return null;
  const t = new D(target);
  const a = new D(actual);
  if (i.direction === '≤') return a.lte(t);
  return a.gte(t) && a.lte(t.times(new D(1).plus(tolerance)));
}

/** 目标实现: achieved quantity indicators ÷ all quantity indicators × 分值. */
export function scoreCountRatio(rule: RuleOf<'count-ratio'>, ctx: CriterionContext): CriterionOutcome {
  const pct = `${n(new D(rule.tolerance).times(100))}%`;
  if (rule.metInput && rule.totalInput && ctx.inputs[rule.metInput] && ctx.inputs[rule.totalInput]) {
    const r = new InputReader(ctx.inputs);
    const met = r.num(rule.metInput);
    const all = r.num(rule.totalInput);
    if (met === null || all === null || all.isZero()) return r.notJudgeable(rule.criterion);
    const score = round(met.div(all).times(ctx.weight), ctx.decimals);
    return {
      outcome: 'scored',
      score,
      summary: `达到预期（不超过 ${pct}）的数量指标 ${n(met)} 个，共 ${n(all)} 个`,
      formula: `${n(met)} ÷ ${n(all)} × ${n(ctx.weight)} = ${n(score)}`,
      inputs: r.shown,
    };
  }
  const counted = ctx.indicators.filter(
    (i) => !i.criterionText && rule.counted.some((c) => sameName(i.level2, c)),
  );
  const missing = [rule.metInput, rule.totalInput].filter((x): x is string => Boolean(x));
  if (!counted.length) {
    return {
      outcome: 'not-judgeable',
      missing,
      summary: `本表没有${rule.counted.join('、')}可数，也未提供${missing.join('、') || '计数输入'}，无法计算${rule.criterion}`,
      inputs: {},
    };
  }
  const verdicts = counted.map((i) => ({ i, ok: withinTolerance(i, new D(rule.tolerance)) }));
  const blank = verdicts.filter((v) => v.ok === null).map((v) => v.i.name);
  if (blank.length) {
    return {
      outcome: 'not-judgeable',
      missing: blank,
      summary: `${blank.length} 个数量指标完成值为空或非数值（${blank.join('、')}），无法判断是否达到预期`,
      inputs: { 数量指标个数: String(counted.length) },
    };
  }
  const met = verdicts.filter((v) => v.ok).length;
  const score = round(new D(met).div(counted.length).times(ctx.weight), ctx.decimals);
  return {
    outcome: 'scored',
    score,
    summary: `达到预期且超出不多于 ${pct} 的数量指标 ${met} 个，共 ${counted.length} 个`,
    formula: `${met} ÷ ${counted.length} × ${n(ctx.weight)} = ${n(score)}`,
    inputs: Object.fromEntries(verdicts.map((v) => [v.i.name, v.ok ? '计入' : '不计入'])),
  };
}
