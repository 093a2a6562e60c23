import type { RuleOf } from '../../frameworks/schema.ts';
import { D } from '../../numbers/decimal.ts';
import type { CriterionOutcome } from '../types.ts';
import type { CriterionContext } from './criterion-context.ts';
import { n } from './show.ts';

/** 酌情扣分: left to judgement; only 0 ≤ 得分 ≤ 分值 can be checked. */
export function scoreManual(rule: RuleOf<'manual'>, ctx: CriterionContext): CriterionOutcome {
  return {
    outcome: 'manual',
    range: [new D(0), ctx.weight],
    summary: `${rule.criterion}由评价人酌情打分，只能核对得分在 0–${n(ctx.weight)} 之间`,
    inputs: {},
  };
}
