import type { RuleOf } from '../../frameworks/schema.ts';
import { D, round, type Dec } from '../../numbers/decimal.ts';
import type { CriterionOutcome } from '../types.ts';
import type { CriterionContext } from './criterion-context.ts';
import { InputReader } from './inputs.ts';
import { n } from './show.ts';

/**
 * 自评准确: |自评得分 − 抽查得分| ÷ 抽查得分 decides the deduction. Scored only once a review
 * score exists; a framework may say the department does not score it itself (seed 003).
 */
export function scoreReviewDifference(
  rule: RuleOf<'review-difference'>,
  ctx: CriterionContext,
): CriterionOutcome {
  const r = new InputReader(ctx.inputs);
  const review = ctx.inputs[rule.reviewInput]?.value != null ? r.num(rule.reviewInput) : null;
  if (review === null) {
    if (!rule.selfScored) {
      return {
        outcome: 'not-applicable',
        summary: `${rule.criterion}由评价组抽查后计分，部门自评时此项不打分`,
        inputs: { [rule.reviewInput]: '（尚无）' },
      };
    }
    r.num(rule.reviewInput);
    return r.notJudgeable(rule.criterion);
  }
  let self: Dec | null;
  if (ctx.inputs[rule.selfInput]) self = r.num(rule.selfInput);
  else if (ctx.statedTotal?.value != null) {
    self = new D(ctx.statedTotal.value);
    r.shown[rule.selfInput] = `${ctx.statedTotal.raw}（自评总分）`;
  } else self = r.num(rule.selfInput);
  if (self === null || review.isZero()) return r.notJudgeable(rule.criterion);
  const diff = self.minus(review).abs().div(review).times(100);
  const band = rule.bands.find((b) => diff.gte(b.min) && (b.max === undefined || diff.lt(b.max)));
  const deduction = new D(band?.deduction ?? 0);
  const score = D.max(0, round(ctx.weight.minus(deduction), ctx.decimals));
  return {
    outcome: 'scored',
    score,
    summary: `自评得分与抽查得分相差 ${n(round(diff, 2))}%，扣 ${n(deduction)} 分`,
    formula: `|${n(self)} − ${n(review)}| ÷ ${n(review)} = ${n(round(diff, 2))}% → ${n(ctx.weight)} − ${n(deduction)} = ${n(score)}`,
    inputs: r.shown,
  };
}
