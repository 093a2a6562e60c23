import { describe, expect, it } from 'vitest';
import { D } from '../../numbers/decimal.ts';
import { scoreReverseLinear } from './reverse-linear.ts';

const q = (target: string, actual: string, weight: string) => ({
  target: new D(target),
  actual: new D(actual),
  weight: new D(weight),
  decimals: 2,
});

describe('反向指标 (≤), formula (a)', () => {
  it('seed 004 社区矫正对象重新犯罪率 ≤0.02%, actual 0.25%: twelve times the target scores 0', () => {
    const r = scoreReverseLinear(q('0.02', '0.25', '10'));
    expect(r.met).toBe(false);
    expect(r.score.toFixed()).toBe('0');
    expect(r.formula).toBe('0.25 ≥ 2 × 0.02 → 0');
  });
  it('exactly at target: full marks', () => {
    expect(scoreReverseLinear(q('2', '2', '15'))).toMatchObject({ met: true });
  });
  it('between target and twice the target: (1 − (3 − 2) ÷ 2) × 10 = 5', () => {
    const r = scoreReverseLinear(q('2', '3', '10'));
    expect(r.score.toFixed(2)).toBe('5.00');
    expect(r.formula).toBe('(1 − (3 − 2) ÷ 2) × 10 = 5');
  });
  it('just under twice the target keeps a sliver', () => {
    expect(scoreReverseLinear(q('2', '3.99', '10')).score.toFixed(2)).toBe('0.05');
  });
  it('exactly twice the target scores 0', () => {
    expect(scoreReverseLinear(q('2', '4', '10')).score.toFixed()).toBe('0');
  });
  it('zero target: any positive actual scores 0', () => {
    expect(scoreReverseLinear(q('0', '0.1', '10')).score.toFixed()).toBe('0');
  });
});
