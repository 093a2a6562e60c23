import { describe, expect, it } from 'vitest';
import { D } from './decimal.ts';
import { executionRatePercent as executionRate, isLargeDeviation } from './execution.ts';

describe('执行率', () => {
  it('seed 000 人民调解: 24.81 ÷ 35.20 = 70.48% (stated 70.47%)', () => {
    const rate = executionRate(new D('24.81'), new D('35.20'))!;
    expect(rate.toDecimalPlaces(2).toFixed(2)).toBe('70.48');
  });
  it('a zero budget has no rate', () => {
    expect(executionRate(new D(0), new D(0))).toBeNull();
  });
  it('a rate under 90% is a 较大偏差, 90% itself is not', () => {
    expect(isLargeDeviation(new D('89.99'))).toBe(true);
    expect(isLargeDeviation(new D('90'))).toBe(false);
  });
});
