import { describe, expect, it } from 'vitest';
import { ctx, evaluation, line } from '../test-kit.ts';
import { checkBudgetAdjustments } from './budget-adjustment.ts';
import { checkBudgetSums } from './budget-sums.ts';

const total = (values: Record<string, string>, reason?: string) =>
  line({ id: 't', label: '年度资金总额', role: 'total', ...(reason ? { reason } : {}) }, values);

describe('a budget adjusted during the year', () => {
  it('finds a whole budget added mid-year with no reason (corpus 005: 年初 0, 全年 207.4538)', () => {
    const e = evaluation({
      budget: [total({ initialBudget: '0', adjustedBudget: '207.4538', executed: '207.4538' })],
    });
    const [f] = checkBudgetAdjustments(ctx(e));
    expect(f).toMatchObject({
      code: 'budget-execution-anomaly',
      severity: 'warning',
      rule: 'audit.adjustment-reason',
    });
    expect(f!.message).toContain('年初预算数为 0，全年预算数为 207.4538 万元');
  });
  it('is silent when the line gives its reason, or the 年初预算数 is left blank', () => {
    const withReason = evaluation({
      budget: [total({ initialBudget: '0', adjustedBudget: '50' }, '年中上级追加下达')],
    });
    const blank = evaluation({ budget: [total({ initialBudget: '', adjustedBudget: '32.4' })] });
    expect(checkBudgetAdjustments(ctx(withReason))).toEqual([]);
    expect(checkBudgetAdjustments(ctx(blank))).toEqual([]);
  });
});

describe('a budget total row 0/0/0 beside filled components', () => {
  it('is a sum mismatch naming the components’ sum', () => {
    const e = evaluation({
      budget: [
        total({ initialBudget: '0', adjustedBudget: '0', executed: '0' }),
        line(
          { id: 's1', label: '当年财政拨款', role: 'source', partOf: 't' },
          { initialBudget: '102', adjustedBudget: '102', executed: '0' },
        ),
        line(
          { id: 's2', label: '其他资金', role: 'source', partOf: 't' },
          { initialBudget: '46', adjustedBudget: '46', executed: '46' },
        ),
      ],
    });
    const found = checkBudgetSums(ctx(e));
    expect(found.map((f) => f.code)).toContain('sum-mismatch');
    expect(found.map((f) => f.message).join('\n')).toContain('148');
  });
});
