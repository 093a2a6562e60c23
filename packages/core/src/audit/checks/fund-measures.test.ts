import { describe, expect, it } from 'vitest';
import { ctx, evaluation, indicator, line } from '../test-kit.ts';
import { checkFundMeasuresMisfiled, checkOutputIsBudget } from './fund-measures.ts';

const total = (adjustedBudget: string) =>
  line({ id: 't', label: '年度资金总额', role: 'total' }, { initialBudget: adjustedBudget, adjustedBudget });

describe('a 数量指标 that is the fund amount itself', () => {
  it('finds 042: 「卫片执法补助经费」72890 against 年度资金总额 7.29 万元, in 元', () => {
    const e = evaluation({
      budget: [total('7.29')],
      indicators: [
        indicator({ name: '卫片执法补助经费', target: '72890', actual: '72890', weight: '10', score: '9' }),
      ],
    });
    const [f, ...rest] = checkOutputIsBudget(ctx(e));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      code: 'indicator-quality',
      severity: 'warning',
      rule: 'audit.output-is-budget',
    });
    expect(f!.message).toContain(
      '数量指标「卫片执法补助经费」的指标值 72890 就是项目资金本身（72890 元即「年度资金总额」7.29 万元）',
    );
    expect(f!.location.indicator).toBe('卫片执法补助经费');
  });

  it('finds the budget written in 万元 under a 数量指标 in 万元', () => {
    const e = evaluation({
      budget: [total('120.5')],
      indicators: [indicator({ name: '发放补助', unit: '万元', target: '120.50', actual: '120.50' })],
    });
    expect(checkOutputIsBudget(ctx(e))[0]!.message).toContain('（「年度资金总额」120.5 万元）');
  });

  it('is silent on a count that happens to equal the budget, on other money figures and on other 二级', () => {
    const e = evaluation({
      budget: [total('100')],
      indicators: [
        indicator({ name: '培训人次', unit: '人次', target: '100', actual: '100' }),
        indicator({ name: '发放补助户数', target: '320', actual: '320' }),
        indicator({ name: '补助资金发放额', unit: '万元', target: '80', actual: '80' }),
        indicator({ name: '资金支出', level2: '成本指标', target: '100', actual: '100' }),
      ],
    });
    expect(checkOutputIsBudget(ctx(e))).toEqual([]);
  });

  it('is silent without a budget, or with a budget of 0', () => {
    const row = indicator({ name: '补助经费', target: '0', actual: '0' });
    expect(checkOutputIsBudget(ctx(evaluation({ indicators: [row] })))).toEqual([]);
    expect(checkOutputIsBudget(ctx(evaluation({ budget: [total('0')], indicators: [row] })))).toEqual([]);
  });
});

describe('fund-management measures filed as 产出 or 效益', () => {
  it('finds 006 once, naming each row and where it is filed', () => {
    const e = evaluation({
      indicators: [
        indicator({ name: '足额保障率', target: '=100%', weight: '22.5' }),
        indicator({ name: '科目调整次数', target: '≤10次', weight: '22.5', direction: '≤' }),
        indicator({ name: '按时发放率', level2: '时效指标', target: '=100%', weight: '22.5' }),
        indicator({
          name: '结余率(计算方法为:结余数/预算数)',
          level1: '效益指标',
          level2: '经济效益指标',
          target: '≤5%',
          weight: '22.5',
          direction: '≤',
        }),
      ],
    });
    const found = checkFundMeasuresMisfiled(ctx(e));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      code: 'indicator-quality',
      severity: 'info',
      rule: 'audit.fund-measure-misfiled',
    });
    expect(found[0]!.message).toMatch(
      /^「科目调整次数」归在「产出指标 — 数量指标」，「结余率\(计算方法为:结余数\/预算数\)」归在「效益指标 — 经济效益指标」：/,
    );
    expect(found[0]!.message).not.toContain('足额保障率');
  });

  it("is silent on a 部门整体 table's own 预算管理 rows (seed 001: 预算执行率, 结转结余率 under 投入管理指标)", () => {
    const e = evaluation({
      kind: 'department',
      indicators: [
        indicator({ name: '预算执行率', level1: '投入管理指标', level2: '预算和财务管理', target: '≥95%' }),
        indicator({ name: '结转结余率', level1: '投入管理指标', level2: '预算和财务管理', target: '≤15%' }),
      ],
    });
    expect(checkFundMeasuresMisfiled(ctx(e))).toEqual([]);
  });
});
