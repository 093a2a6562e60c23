import { describe, expect, it } from 'vitest';
import { D } from '../../numbers/decimal.ts';
import { executionRate, scoreBudgetExecution } from './budget-execution.ts';

describe('预算执行率得分', () => {
  it('seed 002: 61.23% × 10 = 6.12', () => {
    const r = scoreBudgetExecution(new D('61.23'), new D(10), 2);
    expect(r.score.toFixed(2)).toBe('6.12');
    expect(r.formula).toBe('61.23% × 10 = 6.12');
  });
  it('seed 001: 102.27% is capped at full marks', () => {
    expect(scoreBudgetExecution(new D('102.27'), new D(10), 2).score.toFixed(2)).toBe('10.00');
  });
  it('seed 000 人民调解: 24.81 ÷ 35.20 = 70.48% (stated 70.47%), 7.05 points; whole points give 7', () => {
    const rate = executionRate(new D('24.81'), new D('35.20'))!;
    expect(rate.toDecimalPlaces(2).toFixed(2)).toBe('70.48');
    expect(scoreBudgetExecution(rate, new D(10), 2).score.toFixed(2)).toBe('7.05');
    expect(scoreBudgetExecution(rate, new D(10), 0).score.toFixed(0)).toBe('7');
  });
  it('a zero budget has no rate', () => {
    expect(executionRate(new D(0), new D(0))).toBeNull();
  });
});
