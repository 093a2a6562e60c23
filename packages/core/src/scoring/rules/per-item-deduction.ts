import type { RuleOf } from '../../frameworks/schema.ts';
import { D, round } from '../../numbers/decimal.ts';
import type { CriterionOutcome } from '../types.ts';
import type { CriterionContext } from './criterion-context.ts';
import { InputReader } from './inputs.ts';
import { n } from './show.ts';

/** 违规记录: `perItem` off for each problem found, down to 0. */
export function scorePerItemDeduction(
  rule: RuleOf<'per-item-deduction'>,
  ctx: CriterionContext,
): CriterionOutcome {
  const r = new InputReader(ctx.inputs);
  const count = r.num(rule.input);
  if (count === null) return r.notJudgeable(rule.criterion);
  const score = D.max(0, round(ctx.weight.minus(count.times(rule.perItem)), ctx.decimals));
  return {
    outcome: 'scored',
    score,
    summary: `${rule.input} ${n(count)} 个，每个扣 ${rule.perItem} 分`,
    formula: `max(0, ${n(ctx.weight)} − ${n(count)} × ${rule.perItem}) = ${n(score)}`,
    inputs: r.shown,
  };
}
