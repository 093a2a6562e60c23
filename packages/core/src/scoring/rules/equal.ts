import type { QuantInput, RuleOutcome } from '../types.ts';
import { scoreHigherBetter } from './higher-better.ts';
import { n } from './show.ts';

/** 等于 (=): as ≥, except a target of 0, which any positive actual misses entirely. */
export function scoreEqual(input: QuantInput): RuleOutcome {
  const { target, actual, weight } = input;
  if (target.isZero()) {
    if (actual.isZero()) {
      return {
        score: weight,
        met: true,
        summary: '指标值为 0，完成值为 0，得满分',
        formula: `0 = 0 → ${n(weight)}`,
      };
    }
    return {
      score: actual.times(0),
      met: false,
      summary: `指标值为 0，完成值 ${n(actual)} 不为 0，不得分`,
      formula: `${n(actual)} ≠ 0 → 0`,
    };
  }
  return scoreHigherBetter(input);
}
