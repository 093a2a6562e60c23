import type { Framework } from '../frameworks/schema.ts';
import { D, type Dec } from '../numbers/decimal.ts';
import { numberValue, runRule } from './formula/apply.ts';
import { rulesOf } from './cite.ts';

/**
 * 复核分 against the self score: the points the framework's review criterion (seed 003 自评准确)
 * deducts for this pair, by its own formula. Null when the framework has no such criterion or the
 * formula cannot be computed (a review score of 0).
 */
export function reviewDeduction(
  f: Framework,
  self: Dec | string | number,
  review: Dec | string | number,
): { criterion: string; deduction: Dec; formula: string } | null {
  const rule = rulesOf(f, 'criterion').find((r) => r.review);
  if (!rule?.review) return null;
  const weight = new D(rule.weight);
  const values = {
    分值: numberValue(weight, false),
    [rule.review.self]: numberValue(new D(self), false),
    [rule.review.review]: numberValue(new D(review), false),
    自评总分: numberValue(new D(self), false),
  };
  const r = runRule(f, rule, values, [], f.decimals);
  if (!r.ok) return null;
  return { criterion: rule.criterion, deduction: D.max(0, weight.minus(r.score)), formula: r.formula };
}
