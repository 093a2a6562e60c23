import { describe, expect, it } from 'vitest';
import { D } from '../../numbers/decimal.ts';
import { scoreEqual } from './equal.ts';

const q = (target: string, actual: string, weight: string) => ({
  target: new D(target),
  actual: new D(actual),
  weight: new D(weight),
  decimals: 2,
});

describe('等于指标 (=)', () => {
  it('seed 001 绩效自评完成率 =100%, actual 100%: full marks', () => {
    const r = scoreEqual(q('100', '100', '1'));
    expect(r.met).toBe(true);
    expect(r.score.toFixed()).toBe('1');
  });
  it('under a non-zero target: proportional like ≥', () => {
    expect(scoreEqual(q('100', '80', '10')).score.toFixed(2)).toBe('8.00');
  });
  it('target 0: any positive actual scores 0', () => {
    const r = scoreEqual(q('0', '1', '10'));
    expect(r.met).toBe(false);
    expect(r.score.toFixed()).toBe('0');
  });
  it('target 0, actual 0: full marks', () => {
    expect(scoreEqual(q('0', '0', '10')).score.toFixed()).toBe('10');
  });
});
