import { describe, expect, it } from 'vitest';
import { D } from '../numbers/decimal.ts';
import { Money } from './money.ts';
import { summaryTotal } from './lines.ts';
import {
  addSums,
  averageOfSums,
  bandOf,
  changeOf,
  gapOf,
  rateOfSums,
  SCORE_BANDS,
  sumsOfMoney,
  totalOfSums,
  type MoneySums,
} from './sums.ts';

const line = (initial: string | null, adjusted: string | null, executed: string | null) =>
  Money.of(
    initial === null ? null : new D(initial),
    adjusted === null ? null : new D(adjusted),
    executed === null ? null : new D(executed),
  );

describe('totals from sums (as SQL adds them) are the totals of the lines', () => {
  const lines = [
    line('3.00', '2.40', '2.40'),
    line(null, '14.94', '14.94'),
    // No 执行数: its budget counts, its rate does not.
    line('5.00', '200.00', null),
    line(null, null, null),
  ];

  it('gives the same 小计 as adding the lines one by one', () => {
    const byLine = summaryTotal(
      '小计',
      '甲局',
      'project',
      lines.map((money, order) => ({
        money,
        entry: { department: '甲局', group: 'project' as const, year: 2023, name: String(order), order },
      })),
    );
    const sums = addSums(lines.map((m) => ({ count: 1, ...sumsOfMoney(m) })));
    expect(totalOfSums('小计', '甲局', 'project', sums)).toEqual(byLine);
    expect(byLine).toMatchObject({
      count: 4,
      initialBudget: '8.00',
      adjustedBudget: '217.34',
      executed: '17.34',
      rate: '100.00',
      rateCount: 2,
    });
  });

  it('leaves a figure no line has empty, not 0.00, and has no rate without a line that has both', () => {
    const none: MoneySums = {
      count: 2,
      initial: null,
      adjusted: '10',
      executed: null,
      basisBudget: null,
      basisExecuted: null,
      basisCount: 0,
    };
    expect(totalOfSums('合计', null, null, none)).toMatchObject({
      initialBudget: null,
      adjustedBudget: '10.00',
      executed: null,
      rate: null,
      rateCount: 0,
    });
  });

  it('has no rate over a budget of 0 rather than a division by zero', () => {
    expect(rateOfSums('5', '0', 1)).toBeNull();
    expect(rateOfSums('5', '10', 0)).toBeNull();
    expect(rateOfSums('130', '150', 2)).toBe('86.67');
  });

  it('averages from Σ and n, and gives none over no score', () => {
    expect(averageOfSums('190.5', 2)).toBe('95.25');
    expect(averageOfSums(null, 0)).toBeNull();
    expect(averageOfSums('10', 0)).toBeNull();
    expect(changeOf('86.67', '90.00')).toBe('-3.33');
    expect(changeOf('86.67', null)).toBeNull();
    expect(gapOf('80', '92.5')).toBe('12.50');
  });

  it('puts a score in one band, bounds inclusive below', () => {
    expect(SCORE_BANDS[bandOf('59.99')]!.label).toBe('<60');
    expect(SCORE_BANDS[bandOf('60')]!.label).toBe('60–70');
    expect(SCORE_BANDS[bandOf('89.995')]!.label).toBe('80–90');
    expect(SCORE_BANDS[bandOf('90.00')]!.label).toBe('≥90');
    expect(SCORE_BANDS[bandOf('100')]!.label).toBe('≥90');
  });
});
