import type { Indicator, IndicatorDirection } from '../model/evaluation.ts';

/** 指标性质 as scoring uses it, and whether it was inferred (the form has no 指标性质 column). */
export function directionOf(i: Indicator): { direction: IndicatorDirection | null; inferred: boolean } {
  if (i.direction) return { direction: i.direction, inferred: false };
  const t = i.adjustedTarget ?? i.target;
  if (t?.sign) {
    const sign = t.sign === '>' ? '≥' : t.sign === '<' ? '≤' : t.sign;
    return { direction: sign, inferred: true };
  }
  if (t?.value != null) return { direction: '≥', inferred: true };
  if (t && t.raw) return { direction: 'qualitative', inferred: true };
  return { direction: null, inferred: false };
}
