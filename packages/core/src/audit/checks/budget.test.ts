import { describe, expect, it } from 'vitest';
import { ctx, evaluation, line, s } from '../test-kit.ts';
import { checkBudgetRatios } from './budget-ratios.ts';
import { checkBudgetSums } from './budget-sums.ts';
import { checkExecutionAnomalies } from './execution-anomaly.ts';

describe('budget sums', () => {
  it('finds a task column that does not add up to 项目支出 (seed 001: tasks add to 105.34, not 95.64)', () => {
    const e = evaluation({
      budget: [
        line({ id: 'p', label: '项目支出', role: 'nature' }, { adjustedBudget: '90.66', executed: '95.64' }),
        line(
          { id: 't1', label: '社区矫正', role: 'task', partOf: 'p' },
          { adjustedBudget: '2.00', executed: '0.25' },
        ),
        line(
          { id: 't2', label: '法律援助', role: 'task', partOf: 'p' },
          { adjustedBudget: '88.66', executed: '105.09' },
        ),
      ],
    });
    const findings = checkBudgetSums(ctx(e));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'sum-mismatch', severity: 'error' });
    expect(findings[0]!.evidence).toMatchObject({ stated: '95.64', computed: '105.34' });
    expect(findings[0]!.message).toContain('执行数');
  });
  it('calls a 0.01 gap over two parts rounding, as info (seed 002: 417.88 + 256.96 vs 674.85)', () => {
    const e = evaluation({
      budget: [
        line({ id: 'total', label: '年度资金总额', role: 'total' }, { adjustedBudget: '674.85' }),
        line({ id: 'n1', label: '基本支出', role: 'nature', partOf: 'total' }, { adjustedBudget: '417.88' }),
        line({ id: 'n2', label: '项目支出', role: 'nature', partOf: 'total' }, { adjustedBudget: '256.96' }),
      ],
    });
    const [f] = checkBudgetSums(ctx(e));
    expect(f).toMatchObject({ code: 'sum-mismatch', severity: 'info' });
    expect(f!.evidence.rounding).toBe('within-rounding');
  });
  it('says nothing when a part is blank: blank is not zero', () => {
    const e = evaluation({
      budget: [
        line({ id: 'total', label: '总额', role: 'total' }, { executed: '10.00' }),
        line({ id: 's1', label: '财政资金', role: 'source', partOf: 'total' }, { executed: '10.00' }),
        line({ id: 's2', label: '其他资金', role: 'source', partOf: 'total' }, { executed: '　' }),
      ],
    });
    expect(checkBudgetSums(ctx(e))).toEqual([]);
  });
});

describe('execution rate', () => {
  it('accepts a correct rate and a rate within its written precision', () => {
    const e = evaluation({
      budget: [
        line(
          { id: 'a', label: '人民调解' },
          { adjustedBudget: '34.00', executed: '29.93', executionRate: '88.03%' },
        ),
        line(
          { id: 'b', label: '普法宣传' },
          { adjustedBudget: '2.00', executed: '0.09', executionRate: '5%' },
        ),
      ],
    });
    expect(checkBudgetRatios(ctx(e))).toEqual([]);
  });
  it('accepts 70.47% for 24.81 / 35.20 (rounded amounts allow 70.46%–70.51%), as an info note (seed 000)', () => {
    const e = evaluation({
      budget: [
        line(
          { id: 'a', label: '人民调解' },
          { adjustedBudget: '35.20', executed: '24.81', executionRate: '70.47%' },
        ),
      ],
    });
    const found = checkBudgetRatios(ctx(e));
    expect(found.map((f) => [f.severity, f.rule])).toEqual([['info', 'audit.execution-rate-rounding']]);
    expect(found[0]!.message).toContain('四舍五入为 70.48%');
  });
  it('notes a rate cut rather than rounded once, not again on a source line with the same figures (corpus 026)', () => {
    const figures = { adjustedBudget: '32.4', executed: '31.69', executionRate: '97.80%' };
    const e = evaluation({
      budget: [
        line({ id: 't', label: '年度资金总额', role: 'total' }, figures),
        line({ id: 's', label: '当年财政拨款', role: 'source', partOf: 't' }, figures),
      ],
    });
    const found = checkBudgetRatios(ctx(e));
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toMatch(/^「年度资金总额」执行率填报 97.80%.*97.81%（填报值像是截尾）/);
  });
  it('says nothing of a rate that rounds to its quotient', () => {
    const e = evaluation({
      budget: [
        line(
          { id: 'a', label: '人民调解' },
          { adjustedBudget: '35.20', executed: '24.81', executionRate: '70.48%' },
        ),
      ],
    });
    expect(checkBudgetRatios(ctx(e))).toEqual([]);
  });
  it('reports a rate no rounding explains', () => {
    const e = evaluation({
      budget: [
        line(
          { id: 'a', label: '人民调解' },
          { adjustedBudget: '35.20', executed: '24.81', executionRate: '70.60%' },
        ),
      ],
    });
    const [f] = checkBudgetRatios(ctx(e));
    expect(f).toMatchObject({ code: 'ratio-mismatch', severity: 'error' });
    expect(f!.evidence.computed).toBe('70.48%');
  });
  it('names the wrong denominator when the rate was computed on 年初预算', () => {
    const e = evaluation({
      budget: [
        line(
          { id: 'a', label: '总额' },
          { initialBudget: '3.00', adjustedBudget: '2.40', executed: '2.40', executionRate: '80.00%' },
        ),
      ],
    });
    const [f] = checkBudgetRatios(ctx(e));
    expect(f).toMatchObject({ code: 'ratio-mismatch', severity: 'error' });
    expect(f!.message).toContain('年初预算数');
  });
});

describe('execution anomalies', () => {
  it('flags spending above the adjusted budget (seed 001: 法律援助 39.46 of 10.00)', () => {
    const e = evaluation({
      budget: [
        line(
          { id: 'a', label: '法律援助', role: 'task' },
          { adjustedBudget: '10.00', executed: '39.46', executionRate: '394.60%' },
        ),
      ],
    });
    const [f] = checkExecutionAnomalies(ctx(e));
    expect(f).toMatchObject({ code: 'budget-execution-anomaly', severity: 'error' });
    expect(f!.message).toContain('超出 29.46 万元');
  });
  it('flags a year-end rate equal to the November one, and a checkpoint going backwards', () => {
    const same = evaluation({
      monitoring: [
        { month: 11, target: s('≥95%'), actual: s('92.28%') },
        { month: 12, actual: s('92.28%') },
      ],
    });
    expect(checkExecutionAnomalies(ctx(same))[0]).toMatchObject({
      code: 'budget-execution-anomaly',
      severity: 'warning',
    });
    const back = evaluation({
      monitoring: [
        { month: 9, actual: s('80%') },
        { month: 11, actual: s('75%') },
      ],
    });
    expect(checkExecutionAnomalies(ctx(back))[0]).toMatchObject({ severity: 'error' });
  });
});
