import { describe, expect, it } from 'vitest';
import { D } from '../../numbers/decimal.ts';
import { scoreHigherBetter } from './higher-better.ts';

const q = (target: string, actual: string, weight: string) => ({
  target: new D(target),
  actual: new D(actual),
  weight: new D(weight),
  decimals: 2,
});

describe('正向指标 (≥)', () => {
  it('seed 001 政府采购执行率 ≥90%, actual 50%, 分值 2: 50 ÷ 90 × 2 = 1.11 (the form says 1)', () => {
    const r = scoreHigherBetter(q('90', '50', '2'));
    expect(r.score.toFixed(2)).toBe('1.11');
    expect(r.met).toBe(false);
    expect(r.formula).toBe('50 ÷ 90 × 2 = 1.11');
  });
  it('exactly at target scores full marks', () => {
    expect(scoreHigherBetter(q('90', '90', '2'))).toMatchObject({ met: true });
    expect(scoreHigherBetter(q('90', '90', '2')).score.toFixed()).toBe('2');
  });
  it('just under target is unmet and proportional', () => {
    const r = scoreHigherBetter(q('95', '94.5', '10'));
    expect(r.met).toBe(false);
    expect(r.score.toFixed(2)).toBe('9.95');
  });
  it('seed 001 建成三星级以上规范化司法所数量 ≥2个, actual 6个: full marks', () => {
    expect(scoreHigherBetter(q('2', '6', '5')).score.toFixed()).toBe('5');
  });
  it('a zero target is met by any non-negative actual', () => {
    expect(scoreHigherBetter(q('0', '0', '3'))).toMatchObject({ met: true });
  });
});

describe('正向指标 with a non-positive target', () => {
  it('a negative actual under a zero target earns 0 and says why, never a division by zero', () => {
    const r = scoreHigherBetter(q('0', '-3', '10'));
    expect(r).toMatchObject({ met: false });
    expect(r.score.toFixed()).toBe('0');
    expect(r.summary).toContain('不为正数');
  });
});
