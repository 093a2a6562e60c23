import { describe, expect, it } from 'vitest';
import { D } from './decimal.ts';
import { executionRatePercent as executionRate, fundsRates, isLargeDeviation } from './execution.ts';

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

describe('资金到位率 and 到位资金执行率', () => {
  const amount = (value: string | null) => ({ value });
  it('corpus 010: 计划投资额 570, 实际到位资金 398.88, 实际使用 395.86 → 到位率 69.98%, 执行率 99.24%', () => {
    const r = fundsRates({
      initialBudget: amount('570'),
      received: amount('398.88'),
      executed: amount('395.86'),
    });
    expect(r.receivedRate!.toFixed(2)).toBe('69.98');
    expect(r.spentRate!.toFixed(2)).toBe('99.24');
  });
  it('seed 004 合计: 实际到位 898.33, 实际支出 883.84 → 98.39%; the budget is the 全年预算数 when stated', () => {
    const r = fundsRates({
      initialBudget: amount('80.00'),
      adjustedBudget: amount('1000'),
      received: amount('898.33'),
      executed: amount('883.84'),
    });
    expect(r.spentRate!.toFixed(2)).toBe('98.39');
    expect(r.receivedRate!.toFixed(2)).toBe('89.83');
  });
  it('a missing figure or a zero divisor gives no rate, not 0%', () => {
    expect(fundsRates({ received: amount('10'), executed: amount('5') }).receivedRate).toBeNull();
    expect(fundsRates({ initialBudget: amount('10'), received: amount('0'), executed: amount('0') })).toEqual(
      {
        receivedRate: new D(0),
        spentRate: null,
      },
    );
    expect(fundsRates({ initialBudget: amount('10'), received: amount(null) }).spentRate).toBeNull();
  });
});
