import { describe, expect, it } from 'vitest';
import { ctx, evaluation, indicator, line, s, score } from '../test-kit.ts';
import { checkIndicatorCounts } from './counts.ts';
import { checkDeviationReasons } from './deviation-reasons.ts';
import { checkIndicatorQuality } from './indicator-quality.ts';

describe('indicator-quality', () => {
  const rules = (i: Parameters<typeof indicator>[0]) =>
    checkIndicatorQuality(ctx(evaluation({ indicators: [indicator(i)] }))).map((f) => f.rule);
  it('flags a cost indicator written as a floor (seed 003: 援助案件补贴 ≥800 元/人·次)', () => {
    expect(
      rules({
        name: '援助案件补贴',
        level1: '成本指标',
        level2: '经济成本指标',
        direction: '≥',
        target: '800',
        unit: '元/人·次',
      }),
    ).toContain('audit.cost-floor');
  });
  it('flags a unit that does not fit (seed 003: 法律援助案件 ≥200 人)', () => {
    expect(rules({ name: '法律援助案件', target: '200', unit: '人' })).toContain('audit.unit-mismatch');
  });
  it('flags a quantity to deliver written as a ceiling (008: 开展精品示范村建设数量 ≤4), not a count to keep down', () => {
    expect(
      rules({
        name: '指标1:开展精品示范村建设数量',
        level2: '数量指标',
        direction: '≤',
        target: '≤4',
        actual: '4',
      }),
    ).toContain('audit.quantity-ceiling');
    // 006 大英县: 科目调整次数 ≤10次 is rightly an upper bound.
    expect(
      rules({ name: '科目调整次数', level2: '数量指标', direction: '≤', target: '≤10次' }),
    ).not.toContain('audit.quantity-ceiling');
    expect(
      rules({ name: '开展精品示范村建设数量', level2: '数量指标', direction: '≥', target: '≥4' }),
    ).toEqual([]);
  });
  it('flags vague names (seed 002: 完成量 100%)', () => {
    expect(rules({ name: '完成量', target: '100%', unit: '%' })).toContain('audit.indicator-vague');
  });
  it('flags a 时效指标 that is not about time (seed 003: 时效指标 / 刑释解矫人员重新犯罪率)', () => {
    expect(
      rules({ name: '刑释解矫人员重新犯罪率', level2: '时效指标', direction: '≤', target: '2', unit: '%' }),
    ).toContain('audit.misfiled-level2');
    expect(
      rules({ name: '解决案件期限', level2: '时效指标', direction: '≤', target: '6', unit: '月' }),
    ).toEqual([]);
  });
  it('flags a qualitative target that lists every grade (seed 003: 优良中低差)', () => {
    expect(
      rules({ name: '促进社会稳定', direction: 'qualitative', target: '优良中低差', unit: '其他' }),
    ).toContain('audit.qualitative-target');
    expect(
      rules({ name: '最大程度减少政府经济损失', direction: 'qualitative', target: '优良', unit: '其他' }),
    ).toEqual([]);
  });
  it('is quiet for a well-formed indicator', () => {
    expect(
      rules({
        name: '群众满意度',
        level1: '满意度指标',
        level2: '服务对象满意度指标',
        target: '95',
        unit: '%',
      }),
    ).toEqual([]);
  });
});

describe('missing-deviation-reason', () => {
  it('asks for a reason when a score is below its weight', () => {
    const e = evaluation({
      indicators: [
        indicator({ name: '政府采购执行率', target: '≥90%', actual: '50%', weight: '2', score: '1' }),
      ],
    });
    expect(checkDeviationReasons(ctx(e))[0]).toMatchObject({ code: 'missing-deviation-reason' });
    const explained = evaluation({
      indicators: [
        indicator({
          name: '政府采购执行率',
          target: '≥90%',
          actual: '50%',
          weight: '2',
          score: '1',
          deviationReason: '压缩支出',
        }),
      ],
    });
    expect(checkDeviationReasons(ctx(explained))).toEqual([]);
  });
  it('asks for a reason for execution under 90%, grouped', () => {
    const e = evaluation({
      budget: [
        line({ id: 'a', label: '社区矫正' }, { adjustedBudget: '2.00', executionRate: '12.50%' }),
        line({ id: 'b', label: '人民调解' }, { adjustedBudget: '34.00', executionRate: '88.03%' }),
        line({ id: 'c', label: '法律援助' }, { adjustedBudget: '10.00', executionRate: '394.60%' }),
        line({ id: 'd', label: '财政专户管理资金' }, { adjustedBudget: '0.00', executionRate: '0.00%' }),
      ],
    });
    const findings = checkDeviationReasons(ctx(e));
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toContain('社区矫正');
    expect(findings[0]!.message).not.toContain('法律援助');
    expect(findings[0]!.message).not.toContain('财政专户');
  });
  it('matches unmet counts against explanations (seed 004: 经济效益 and 社会效益 unexplained)', () => {
    const e = evaluation({
      kind: 'department',
      indicatorCounts: [
        { type: '数量指标', planned: s('56'), completed: s('55') },
        { type: '经济效益指标', planned: s('1'), completed: s('0') },
      ],
      unmetExplanations: [{ type: '数量指标', indicator: '人民监督员专项业务培训' }],
    });
    const [f] = checkDeviationReasons(ctx(e, score()));
    expect(f!.message).toContain('经济效益指标未完成 1 条');
    expect(f!.message).not.toContain('数量指标未完成');
  });
});

describe('indicator counts', () => {
  it('checks 合计 against the types', () => {
    const e = evaluation({
      indicatorCounts: [
        { type: '数量指标', planned: s('56'), completed: s('55') },
        { type: '质量指标', planned: s('43'), completed: s('44') },
        { type: '合计', planned: s('100'), completed: s('99') },
      ],
    });
    const rules = checkIndicatorCounts(ctx(e)).map((f) => f.rule);
    expect(rules).toEqual(['audit.count-sum', 'audit.count-completed']);
  });
});
