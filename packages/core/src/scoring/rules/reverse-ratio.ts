import { round } from '../../numbers/decimal.ts';
import type { QuantInput, RuleOutcome } from '../types.ts';
import { n } from './show.ts';

/** 反向指标 (≤), formula (b): met → full; else 指标值 ÷ 完成值 × 分值. */
export function scoreReverseRatio({ target, actual, weight, decimals }: QuantInput): RuleOutcome {
  if (actual.lte(target)) {
    return {
      score: weight,
      met: true,
      summary: `完成值 ${n(actual)} 不高于指标值 ${n(target)}，得满分`,
      formula: `${n(actual)} ≤ ${n(target)} → ${n(weight)}`,
    };
  }
  const score =
    actual.lte(0) || target.lte(0) ? target.times(0) : round(target.div(actual).times(weight), decimals);
  return {
    score,
    met: false,
    summary: `完成值 ${n(actual)} 高于指标值 ${n(target)}，按指标值与完成值之比计分`,
    formula: `${n(target)} ÷ ${n(actual)} × ${n(weight)} = ${n(score)}`,
  };
}
