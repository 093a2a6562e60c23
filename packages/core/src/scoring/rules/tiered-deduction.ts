import type { RuleOf } from '../../frameworks/schema.ts';
import { D, round } from '../../numbers/decimal.ts';
import type { CriterionOutcome } from '../types.ts';
import type { CriterionContext } from './criterion-context.ts';
import { InputReader } from './inputs.ts';
import { n } from './show.ts';

/** 按百分点扣分: full marks up to the threshold, `perPoint` off per percentage point beyond it, not below 0. */
export function scoreTieredDeduction(
  rule: RuleOf<'tiered-deduction'>,
  ctx: CriterionContext,
): CriterionOutcome {
  const r = new InputReader(ctx.inputs);
  const v = r.num(rule.input);
  if (v === null) return r.notJudgeable(rule.criterion);
  const beyond = rule.side === 'over' ? v.minus(rule.threshold) : new D(rule.threshold).minus(v);
  const cmp = rule.side === 'over' ? '≤' : '≥';
  if (beyond.lte(0)) {
    return {
      outcome: 'scored',
      score: ctx.weight,
      summary: `${rule.input} ${n(v)}% ${cmp} ${rule.threshold}%，得满分`,
      formula: `${n(v)}% ${cmp} ${rule.threshold}% → ${n(ctx.weight)}`,
      inputs: r.shown,
    };
  }
  const score = D.max(0, round(ctx.weight.minus(beyond.times(rule.perPoint)), ctx.decimals));
  return {
    outcome: 'scored',
    score,
    summary: `${rule.input} ${n(v)}% 超出 ${rule.threshold}% 共 ${n(beyond)} 个百分点，每点扣 ${rule.perPoint} 分`,
    formula: `max(0, ${n(ctx.weight)} − ${n(beyond)} × ${rule.perPoint}) = ${n(score)}`,
    inputs: r.shown,
  };
}
