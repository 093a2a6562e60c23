import type { RuleOf } from '../../frameworks/schema.ts';
import { D, round, type Dec } from '../../numbers/decimal.ts';
import type { CriterionOutcome } from '../types.ts';
import type { CriterionContext } from './criterion-context.ts';
import { InputReader } from './inputs.ts';
import { n } from './show.ts';

/**
 * 执行进度 checkpoints: each month's progress reaching its target earns its points; below it,
 * progress ÷ target × points. All checkpoints must be known: one missing month is not zero.
 */
export function scoreCheckpoints(rule: RuleOf<'checkpoints'>, ctx: CriterionContext): CriterionOutcome {
  const r = new InputReader(ctx.inputs);
  const values = rule.points.map((p) => r.num(p.input));
  if (values.some((v) => v === null)) return r.notJudgeable(rule.criterion);
  const parts: string[] = [];
  let total: Dec = new D(0);
  rule.points.forEach((p, i) => {
    const v = values[i]!;
    if (v.gte(p.target)) {
      total = total.plus(p.score);
      parts.push(`${p.input} ${n(v)}% ≥ ${p.target}% → ${p.score}`);
    } else {
      const s = v.div(p.target).times(p.score);
      total = total.plus(s);
      parts.push(`${p.input} ${n(v)}% ÷ ${p.target}% × ${p.score} = ${n(round(s, ctx.decimals))}`);
    }
  });
  const score = D.min(ctx.weight, round(total, ctx.decimals));
  return {
    outcome: 'scored',
    score,
    summary: `${rule.criterion}按各时点进度计分，合计 ${n(score)} 分`,
    formula: `${parts.join('；')}；合计 ${n(score)}`,
    inputs: r.shown,
  };
}
