import { describe, expect, it } from 'vitest';
import { D } from '../numbers/decimal.ts';
import { parseStated } from '../numbers/parse.ts';
import { builtinMonitoringPlans, monitoringPlanFor } from './builtin.ts';
import { isFocusProject, lampOf, lampsOf } from './lamp.ts';
import { MonitoringPlanError, parseMonitoringPlan } from './plan.ts';
import { describeSource } from '../model/source.ts';
import { DEFAULT_SURVEY_OPTIONS, isSatisfactionIndicator, surveyActual, surveyRate } from './survey.ts';
import { monitoringStatus, worstLamp } from './status.ts';
import { rectificationOverdue } from './rectification.ts';

const plan = (id: string) => builtinMonitoringPlans().find((p) => p.id === id)!;

describe('执行进度监控方案', () => {
  it('seed 003: the 6/9/11月 targets are 序时进度 × 80% / 90% / 90%, i.e. 40% / 67.5% / 82.5%', () => {
    const p = plan('suining-district-2024');
    const shares: Record<number, number> = { 6: 80, 9: 90, 11: 90 };
    for (const c of p.checkpoints) {
      const timeline = new D(c.month).div(12).times(100);
      expect(new D(c.target).eq(timeline.times(shares[c.month]!).div(100)), `${c.month} 月`).toBe(true);
    }
    expect(p.checkpoints.map((c) => c.target)).toEqual(['40', '67.5', '82.5']);
    expect(monitoringPlanFor('suining-district-department-2024')?.id).toBe('suining-district-2024');
  });

  it('seed 004: 9月 75.89% against ≥80% and 11月 92.28% against ≥95% are yellow lamps that need a reason', () => {
    const p = plan('honghe-2024');
    const points = [
      { month: 9, actual: parseStated('75.89%') },
      { month: 11, actual: parseStated('92.28%') },
    ];
    const lamps = lampsOf(p, points);
    expect(lamps.map((l) => [l.month, l.lamp, l.lag, l.needsReason])).toEqual([
      [9, 'yellow', '4.11', true],
      [11, 'yellow', '2.72', true],
    ]);
    expect(lamps[0]!.explanation).toBe(
      '9 月实际执行进度 75.89%，目标 80%，落后 4.11 个百分点（不超过 10 个百分点为黄灯），需说明原因。',
    );
  });

  it('is green on or above the target, red beyond the yellow band, 无法判定 when nothing was reported', () => {
    const p = plan('suining-district-2024');
    expect(lampOf(p, 6, new D('40'))!.lamp).toBe('green');
    expect(lampOf(p, 6, new D('45.5'))!.lag).toBe('0.00');
    expect(lampOf(p, 9, new D('57.5'))!.lamp).toBe('yellow'); // exactly 10 points behind
    expect(lampOf(p, 9, new D('57.49'))!.lamp).toBe('red');
    const none = lampsOf(p, [{ month: 6, actual: parseStated('41%') }]);
    expect(none.map((l) => l.lamp)).toEqual(['green', 'unknown', 'unknown']);
    expect(lampOf(p, 7, new D('50'))).toBeNull(); // not a checkpoint of this plan
  });

  it('chooses 重点监控 projects by size and lag at the end of August', () => {
    const p = plan('suining-district-2024');
    expect(isFocusProject(p, new D('250'), new D('120'))).toMatchObject({ focus: true });
    expect(isFocusProject(p, new D('250'), new D('150'))!.focus).toBe(false); // exactly 60%
    expect(isFocusProject(p, new D('199.99'), new D('10'))!.focus).toBe(false);
    expect(isFocusProject(p, null, new D('10'))).toBeNull();
  });

  it('refuses a plan file that does not hold, in Chinese with the field', () => {
    const good = structuredClone(plan('honghe-2024')) as Record<string, unknown>;
    expect(() =>
      parseMonitoringPlan({ ...good, checkpoints: [{ month: 13, target: '80' }] }, 'x.json'),
    ).toThrow(/x\.json 的「checkpoints\.0\.month」不对/);
    expect(() =>
      parseMonitoringPlan(
        {
          ...good,
          checkpoints: [
            { month: 9, target: '80' },
            { month: 11, target: '70' },
          ],
        },
        'x.json',
      ),
    ).toThrow(MonitoringPlanError);
  });
});

describe('满意度调查', () => {
  it('seed 004: 发出30份，收回有效30份，满意29份 → 96.67%', () => {
    const r = surveyRate({
      issued: 30,
      returned: 30,
      options: [
        { label: '满意', count: 29, satisfied: true },
        { label: '不满意', count: 1, satisfied: false },
      ],
    });
    expect(r).toMatchObject({ rate: '96.67', satisfied: 29, returnRate: '100.00', problems: [] });
    expect(r.formula).toBe('满意 29 份 ÷ 收回有效问卷 30 份 = 96.67%');
  });

  it('counts every option marked satisfied, over the questionnaires returned, not those sent', () => {
    const r = surveyRate({
      issued: 50,
      returned: 40,
      options: [
        { label: '非常满意', count: 20, satisfied: true },
        { label: '满意', count: 15, satisfied: true },
        { label: '基本满意', count: 3, satisfied: false },
        { label: '不满意', count: 2, satisfied: false },
      ],
    });
    expect(r.rate).toBe('87.50');
    expect(r.returnRate).toBe('80.00');
  });

  it('says what cannot be in the counts, and has no rate without a valid questionnaire', () => {
    const r = surveyRate({
      issued: 10,
      returned: 12,
      options: [{ label: '满意', count: 11, satisfied: true }],
    });
    expect(r.problems).toEqual([
      '收回 12 份多于发出的 10 份',
      '各选项合计 11 份，与收回有效问卷 12 份不一致',
    ]);
    expect(surveyRate({ issued: 10, returned: 0, options: [] }).rate).toBeNull();
  });

  it('writes the rate as the 完成值 the way the 指标值 is written, its source naming the survey and formula', () => {
    const rate = surveyRate({
      issued: 30,
      returned: 30,
      options: DEFAULT_SURVEY_OPTIONS.map((o, k) => ({ ...o, count: [20, 6, 3, 1][k]! })),
    });
    const percent = surveyActual({ target: parseStated('≥95%') }, rate)!;
    expect(percent).toMatchObject({ raw: '96.67%', value: '96.67', percent: true });
    expect(describeSource(percent.source)).toBe(
      '满意度调查：非常满意、满意、基本满意 29 份 ÷ 收回有效问卷 30 份 = 96.67%',
    );
    // 指标值 "95" with its unit % beside it: the bare figure; a 定性 指标值 (优良): the percentage.
    expect(surveyActual({ target: parseStated('95') }, rate)).toMatchObject({ raw: '96.67', percent: false });
    expect(surveyActual({ target: parseStated('优良') }, rate)?.raw).toBe('96.67%');
    // The 调整后指标值 is the one scored against: its way of writing it.
    expect(surveyActual({ target: parseStated('95'), adjustedTarget: parseStated('≥96%') }, rate)?.raw).toBe(
      '96.67%',
    );
    const wrong = surveyRate({
      issued: 10,
      returned: 12,
      options: [{ label: '满意', count: 12, satisfied: true }],
    });
    expect(surveyActual({ target: parseStated('95%') }, wrong)).toBeNull();
    expect(
      surveyActual({ target: parseStated('95%') }, surveyRate({ issued: 5, returned: 0, options: [] })),
    ).toBeNull();
  });

  it('knows a 满意度指标 by its name or its 二级指标', () => {
    expect(isSatisfactionIndicator({ name: '群众满意度' })).toBe(true);
    expect(isSatisfactionIndicator({ name: '刑释解矫人员满意率' })).toBe(true);
    expect(isSatisfactionIndicator({ name: '调查', level2: '服务对象满意度指标' })).toBe(true);
    expect(isSatisfactionIndicator({ name: '法律援助案件数', level2: '数量指标' })).toBe(false);
  });
});

describe('监控状态 from the department reports', () => {
  const honghe = monitoringPlanFor('honghe-department-2024')!;
  const report = (month: number, executed: string, budget = '898.33') => ({
    evaluationId: 1,
    month,
    executed,
    budget,
    reason: '',
    reportedBy: '填报人',
    reportedAt: '2024-10-08T00:00:00.000Z',
  });

  it('judges each checkpoint from 执行数 ÷ 全年预算数; one not reported is 无法判定, and the worst lamp leads', () => {
    const status = monitoringStatus(honghe, [report(9, '700')], '898.33');
    expect(status.checkpoints.map((c) => [c.month, c.lampName, c.actual])).toEqual([
      [9, '黄灯', '77.92'],
      [11, '无法判定', null],
    ]);
    expect(worstLamp(status)).toBe('yellow');
    expect(worstLamp(monitoringStatus(honghe, [report(9, '500'), report(11, '890')], null))).toBe('red');
  });

  it('an evaluation no plan monitors has no checkpoints', () => {
    expect(monitoringStatus(undefined, [], null)).toEqual({ plan: null, checkpoints: [], focus: null });
  });
});

describe('整改逾期', () => {
  it('an item not done past its deadline is overdue; done, or without a deadline, it is not', () => {
    expect(rectificationOverdue({ due: '2025-06-30', status: 'open' }, '2025-07-01')).toBe(true);
    expect(rectificationOverdue({ due: '2025-06-30', status: 'in-progress' }, '2025-06-30')).toBe(false);
    expect(rectificationOverdue({ due: '2025-06-30', status: 'done' }, '2026-01-01')).toBe(false);
    expect(rectificationOverdue({ due: null, status: 'open' }, '2030-01-01')).toBe(false);
  });
});
