import { D, round } from '../../numbers/decimal.ts';
import type { QuantInput, RuleOutcome } from '../types.ts';
import { n } from './show.ts';

/** 正向指标 (≥): met → full marks; else 完成值 ÷ 指标值 × 分值, rounded. */
export function scoreHigherBetter({ target, actual, weight, decimals }: QuantInput): RuleOutcome {
  if (actual.gte(target)) {
    return {
      score: weight,
      met: true,
      summary: `完成值 ${n(actual)} 达到指标值 ${n(target)}，得满分`,
      formula: `${n(actual)} ≥ ${n(target)} → ${n(weight)}`,
    };
  }
  if (target.lte(0)) {
    // A ratio to a zero or negative target means nothing; below such a target nothing is earned.
    return {
      score: new D(0),
      met: false,
      summary: `指标值 ${n(target)} 不为正数，完成值 ${n(actual)} 未达到，不能按比例计分，得 0 分`,
      formula: `${n(actual)} < ${n(target)} → 0`,
    };
  }
  const score = D.max(0, round(actual.div(target).times(weight), decimals));
  return {
    score,
    met: false,
    summary: `完成值 ${n(actual)} 未达到指标值 ${n(target)}，按完成比例计分`,
    formula: `${n(actual)} ÷ ${n(target)} × ${n(weight)} = ${n(score)}`,
  };
}
