import { describe, expect, it } from 'vitest';
import { ctx, evaluation, indicator, line } from '../test-kit.ts';
import { checkIndicatorsAgainstBudget } from './indicator-vs-budget.ts';

const budget = [
  line(
    { id: 'total', label: '部门预算总额', role: 'total' },
    { initialBudget: '701.61', adjustedBudget: '701.61', executed: '717.52', executionRate: '102.27%' },
  ),
];

describe('indicators that restate the budget table', () => {
  it('finds seed 001: 预算调整率 2.27% where 年初 = 全年 = 701.61 gives 0%', () => {
    const e = evaluation({
      kind: 'department',
      budget,
      indicators: [
        indicator({
          name: '预算调整率',
          direction: '≤',
          target: '≤15%',
          actual: '2.27%',
          weight: '2',
          score: '2',
        }),
      ],
    });
    const [f] = checkIndicatorsAgainstBudget(ctx(e));
    expect(f).toMatchObject({
      code: 'cross-table-mismatch',
      evidence: { stated: '2.27%', computed: '0.00%' },
    });
  });
  it('accepts 预算执行率 102% for 717.52 / 701.61 at whole-percent precision', () => {
    const e = evaluation({
      kind: 'department',
      budget,
      indicators: [
        indicator({ name: '预算执行率', target: '≥95%', actual: '102%', weight: '2', score: '2' }),
      ],
    });
    expect(checkIndicatorsAgainstBudget(ctx(e))).toEqual([]);
  });
});
