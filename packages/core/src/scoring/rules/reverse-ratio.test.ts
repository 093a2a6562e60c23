import { describe, expect, it } from 'vitest';
import { D } from '../../numbers/decimal.ts';
import { scoreReverseRatio } from './reverse-ratio.ts';

const q = (target: string, actual: string, weight: string) => ({
  target: new D(target),
  actual: new D(actual),
  weight: new D(weight),
  decimals: 2,
});

describe('反向指标 (≤), formula (b) 指标值 ÷ 完成值', () => {
  it('seed 001 预算调整率 ≤15%, actual 2.27%: full marks', () => {
    expect(scoreReverseRatio(q('15', '2.27', '2'))).toMatchObject({ met: true });
  });
  it('seed 001 "三公经费"控制率 ≤95%, actual 0: full marks', () => {
    expect(scoreReverseRatio(q('95', '0', '2')).score.toFixed()).toBe('2');
  });
  it('over target: 2 ÷ 2.5 × 10 = 8', () => {
    const r = scoreReverseRatio(q('2', '2.5', '10'));
    expect(r.met).toBe(false);
    expect(r.score.toFixed(2)).toBe('8.00');
  });
  it('differs from formula (a) at three times the target: 1/3 of the points, not 0', () => {
    expect(scoreReverseRatio(q('2', '6', '10')).score.toFixed(2)).toBe('3.33');
  });
});

describe('反向指标 (b) with a negative target', () => {
  it('an actual of 0 above a negative target scores 0 instead of dividing by zero', () => {
    expect(scoreReverseRatio(q('-1', '0', '10')).score.toFixed()).toBe('0');
  });
});
