import type { RuleOf } from '../../frameworks/schema.ts';
import { D, round } from '../../numbers/decimal.ts';
import type { CriterionOutcome } from '../types.ts';
import type { CriterionContext } from './criterion-context.ts';
import { InputReader } from './inputs.ts';
import { n } from './show.ts';

/** 编制准确: (1 − factor × 分子 ÷ 分母) × 分值; 0 when the ratio exceeds `zeroAbove`. */
export function scoreLinearRatio(rule: RuleOf<'linear-ratio'>, ctx: CriterionContext): CriterionOutcome {
  const r = new InputReader(ctx.inputs);
  const num = r.num(rule.numerator);
  const den = r.num(rule.denominator);
  if (num === null || den === null) return r.notJudgeable(rule.criterion);
  if (den.isZero()) {
    return {
      outcome: 'not-judgeable',
      missing: [rule.denominator],
      summary: `${rule.denominator}为 0，无法计算比例`,
      inputs: r.shown,
    };
  }
  const ratio = num.div(den);
  if (ratio.gt(rule.zeroAbove)) {
    return {
      outcome: 'scored',
      score: new D(0),
      summary: `${rule.numerator} ÷ ${rule.denominator} = ${n(round(ratio, 4))}，超过 ${rule.zeroAbove}，不得分`,
      formula: `${n(num)} ÷ ${n(den)} = ${n(round(ratio, 4))} > ${rule.zeroAbove} → 0`,
      inputs: r.shown,
    };
  }
  const score = round(new D(1).minus(ratio.times(rule.factor)).times(ctx.weight), ctx.decimals);
  return {
    outcome: 'scored',
    score,
    summary: `按 (1 − ${rule.factor} × ${rule.numerator} ÷ ${rule.denominator}) × 分值 计分`,
    formula: `(1 − ${rule.factor} × ${n(num)} ÷ ${n(den)}) × ${n(ctx.weight)} = ${n(score)}`,
    inputs: r.shown,
  };
}
