import { D, round } from '../../numbers/decimal.ts';
import type { QuantInput, RuleOutcome } from '../types.ts';
import { n } from './show.ts';

/**
 * 反向指标 (≤), formula (a): met → full; target < actual < 2 × target →
 * (1 − (完成值 − 指标值) ÷ 指标值) × 分值; at or beyond twice the target → 0.
 */
export function scoreReverseLinear({ target, actual, weight, decimals }: QuantInput): RuleOutcome {
  if (actual.lte(target)) {
    return {
      score: weight,
      met: true,
      summary: `完成值 ${n(actual)} 不高于指标值 ${n(target)}，得满分`,
      formula: `${n(actual)} ≤ ${n(target)} → ${n(weight)}`,
    };
  }
  if (actual.gte(target.times(2))) {
    return {
      score: new D(0),
      met: false,
      summary: `完成值 ${n(actual)} 达到指标值 ${n(target)} 的两倍及以上，按反向指标公式不得分`,
      formula: `${n(actual)} ≥ 2 × ${n(target)} → 0`,
    };
  }
  const score = round(new D(1).minus(actual.minus(target).div(target)).times(weight), decimals);
  return {
    score,
    met: false,
    summary: `完成值 ${n(actual)} 高于指标值 ${n(target)}，按反向指标公式计分`,
    formula: `(1 − (${n(actual)} − ${n(target)}) ÷ ${n(target)}) × ${n(weight)} = ${n(score)}`,
  };
}
