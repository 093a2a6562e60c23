import type { RuleOf } from '../../frameworks/schema.ts';
import { D } from '../../numbers/decimal.ts';
import type { CriterionOutcome } from '../types.ts';
import type { CriterionContext } from './criterion-context.ts';
import { InputReader } from './inputs.ts';
import { n } from './show.ts';

/** 是/否 criteria (自评公开, 应用反馈): full marks when done, otherwise none. */
export function scoreBinary(rule: RuleOf<'binary'>, ctx: CriterionContext): CriterionOutcome {
  const r = new InputReader(ctx.inputs);
  const answer = r.text(rule.input);
  if (answer === null) return r.notJudgeable(rule.criterion);
  const yes = rule.yesWords.includes(answer);
  return {
    outcome: 'scored',
    score: yes ? ctx.weight : new D(0),
    summary: yes ? `${rule.input}：${answer}，得满分` : `${rule.input}：${answer}，不得分`,
    formula: `${answer} → ${yes ? n(ctx.weight) : '0'}`,
    inputs: r.shown,
  };
}
