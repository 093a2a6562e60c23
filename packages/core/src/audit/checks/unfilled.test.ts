import { describe, expect, it } from 'vitest';
import { ctx, evaluation, indicator, line, score } from '../test-kit.ts';
import { checkComponentRows } from './component-rows.ts';
import { checkDeviationReasons } from './deviation-reasons.ts';
import { checkRuleDeviation } from './indicator-scores.ts';
import { checkStaleYears, checkTemplateText, checkUnfilledCells } from './unfilled.ts';

const total = (values: Record<string, string>) =>
  line({ id: 't', label: '年度资金总额', role: 'total' }, values);

describe('unfilled cells where a score is due', () => {
  it('finds the budget 得分 left empty beside its 分值 (corpus 008: 分值 10, 执行率 102.59%, 得分 blank)', () => {
    const e = evaluation({
      budget: [
        total({
          adjustedBudget: '329.77',
          executed: '338.31',
          executionRate: '102.59%',
          weight: '10',
          statedScore: '',
        }),
      ],
    });
    const [f] = checkUnfilledCells(ctx(e));
    expect(f).toMatchObject({ code: 'unfilled', severity: 'warning', rule: 'audit.blank-budget-score' });
    expect(f!.message).toContain('分值 10');
    expect(f!.message).toContain('102.59%');
  });
  it('is silent when the budget 得分 is filled, or marked not applicable with a slash', () => {
    for (const statedScore of ['10', '/']) {
      const e = evaluation({
        budget: [total({ executed: '5', executionRate: '100%', weight: '10', statedScore })],
      });
      expect(checkUnfilledCells(ctx(e))).toEqual([]);
    }
  });
  it('finds a 执行率 stated over an empty 执行数 (corpus 018: 864.2, blank, 100%)', () => {
    const e = evaluation({
      budget: [total({ adjustedBudget: '864.2', executed: '', executionRate: '100%', statedScore: '20' })],
    });
    const [f] = checkUnfilledCells(ctx(e));
    expect(f).toMatchObject({ rule: 'audit.blank-executed' });
    expect(f!.message).toContain('864.2');
  });
  it('finds indicators with a 分值 but neither 完成值 nor 得分 (corpus 039), naming each', () => {
    const e = evaluation({
      indicators: [
        indicator({ name: '发放及时率', target: '100%', weight: '5' }),
        indicator({ name: '群众满意度', target: '≥90%', weight: '10' }),
        indicator({ name: '受益人数', target: '100', actual: '100', weight: '10', score: '10' }),
      ],
    });
    const [f] = checkUnfilledCells(ctx(e));
    expect(f!.message).toMatch(/^2 个设了分值的指标完成值和得分都为空：「发放及时率」、「群众满意度」/);
  });
  it('does not blame the last row of a table the copy cut off (corpus 026 满意度 row)', () => {
    const e = evaluation({
      cutOff: '没有合计或总分行',
      indicators: [
        indicator({ name: 'a', target: '1', actual: '1', weight: '10', score: '10' }),
        indicator({ name: '受益农户满意度', target: '≥90%', weight: '10' }),
      ],
    });
    expect(checkUnfilledCells(ctx(e))).toEqual([]);
  });
});

describe('template instructions left as answers', () => {
  it('finds the 评价结论/存在问题 still holding the form’s instructions (corpus 039)', () => {
    const e = evaluation({
      conclusion: '结合自评情况,说明项目自评总分,说明项目实施取得的成效或成果。(200字以内)',
      problems: '结合自评情况,分析存在的问题及原因。(200字以内)',
      measures: '加强资金管理。',
    });
    const [f] = checkTemplateText(ctx(e));
    expect(f).toMatchObject({ code: 'unfilled', rule: 'audit.template-text' });
    expect(f!.message).toMatch(/^「评价结论」、「存在问题」填的是表格的填表说明/);
  });
  it('is silent on a real conclusion that mentions a word count nowhere', () => {
    const e = evaluation({ conclusion: '项目自评得分 95 分，等级为优。', problems: '无' });
    expect(checkTemplateText(ctx(e))).toEqual([]);
  });
});

describe('a year that contradicts the form’s own year', () => {
  it('finds a 2022 plan in a 2023 table’s 年度目标 (corpus 039) and a 2021 deadline in a 2022 one (043)', () => {
    const e = evaluation({
      year: 2023,
      goal: '2022年医疗保障局计划使用财政资金45万元给聘用的14人发放工资。',
      indicators: [indicator({ name: '资金支付时间', target: '2021年11月30日前完成资金支付' })],
    });
    const found = checkStaleYears(ctx(e));
    expect(found).toHaveLength(2);
    expect(found[0]!.message).toMatch(/^年度目标写的是 2022 年.*本表是 2023 年度/);
    expect(found[1]!.message).toMatch(/^指标「资金支付时间」写的是 2021 年/);
  });
  it('is silent on earlier years named as the source of money, and on the form’s own year', () => {
    const e = evaluation({
      year: 2023,
      goal: '使用2022年结转资金10万元，2021年下达的补助资金5万元，于2023年12月前完成。',
      indicators: [indicator({ name: '项目完工时限', target: '2023年12月' })],
    });
    expect(checkStaleYears(ctx(e))).toEqual([]);
  });
});

describe('a component row scored again beside its total', () => {
  const rows = (childScores: string[]) =>
    evaluation({
      indicators: [
        indicator({ name: '一、示范区建立', target: '≥20000亩', actual: '20000亩', score: '15' }),
        ...childScores.map((score, n) =>
          indicator({ name: `${n + 1}、子项${n + 1}`, target: '≥1', actual: '1', score }),
        ),
        indicator({ name: '三、土样化验', target: '≥60个', actual: '105个', score: '5' }),
      ],
    });
  it('finds sub-rows 1、2、3 whose points add up to their parent’s (corpus 038: 15 = 5 + 5 + 5)', () => {
    const [f] = checkComponentRows(ctx(rows(['5', '5', '5'])));
    expect(f).toMatchObject({
      code: 'weights-invalid',
      severity: 'warning',
      rule: 'audit.component-scored-twice',
    });
    expect(f!.message).toContain('「一、示范区建立」15 分 = 5 + 5 + 5');
    expect(f!.message).toContain('多计 15 分');
  });
  it('is silent when the sub-rows are separate indicators that do not add up to the parent', () => {
    expect(checkComponentRows(ctx(rows(['5', '4'])))).toEqual([]);
  });
});

describe('a deadline target kept by an earlier date', () => {
  it('calls "7月" against "9月前" met: no 未完成却满分, no missing reason (corpus 008)', () => {
    const e = evaluation({
      indicators: [
        indicator({ id: 'x', name: '验收时间', target: '9月前', actual: '7月', weight: '5', score: '5' }),
      ],
    });
    const sc = score({}, [{ indicatorId: 'x', met: false, computed: '0' }]);
    expect(checkRuleDeviation(ctx(e, sc))).toEqual([]);
    expect(checkDeviationReasons(ctx(e, sc))).toEqual([]);
  });
  it('still finds a deadline missed: "10月" against "9月前" scored full', () => {
    const e = evaluation({
      indicators: [
        indicator({ id: 'x', name: '验收时间', target: '9月前', actual: '10月', weight: '5', score: '5' }),
      ],
    });
    const sc = score({}, [{ indicatorId: 'x', met: false, computed: '0' }]);
    expect(checkRuleDeviation(ctx(e, sc)).map((f) => f.code)).toContain('unmet-full-score');
  });
});

describe('a 年度目标 that states nothing', () => {
  it('finds a goal that only repeats the project name (corpus 042)', () => {
    const e = evaluation({
      projectName: '2020年省级自然资源卫片执法补助经费',
      goal: '自然资源卫片执法补助经费',
    });
    const [f] = checkTemplateText(ctx(e));
    expect(f).toMatchObject({ code: 'unfilled', rule: 'audit.goal-is-name' });
  });
  it('finds it when the copy runs the form title on after the project name (042: 「…补助经费支出绩效自评表」)', () => {
    const e = evaluation({
      projectName: '2020年省级自然资源卫片执法补助经费支出绩效自评表',
      goal: '自然资源卫片执法补助经费',
    });
    const [f] = checkTemplateText(ctx(e));
    expect(f).toMatchObject({ code: 'unfilled', rule: 'audit.goal-is-name' });
    expect(f!.message).toContain('「自然资源卫片执法补助经费」');
  });
  it('is silent on a goal that says what is to be done', () => {
    const e = evaluation({
      projectName: '卫片执法补助经费',
      goal: '完成全区卫片图斑核查 120 个，违法行为责停率 95%。',
    });
    expect(checkTemplateText(ctx(e))).toEqual([]);
  });
});

describe('points deducted where the target was met exactly (corpus 042: 95% against ≥95%, 19 of 20)', () => {
  const e = evaluation({
    indicators: [
      indicator({
        id: 'x',
        name: '违法行为责停率',
        target: '≥95%',
        actual: '95%',
        weight: '20',
        score: '19',
      }),
    ],
  });
  const sc = score({}, [{ indicatorId: 'x', met: true, computed: '20' }]);
  it('is a rule deviation naming the score the rule gives, and a missing reason', () => {
    const [f] = checkRuleDeviation(ctx(e, sc));
    expect(f).toMatchObject({ code: 'rule-deviation', location: { indicator: '违法行为责停率' } });
    expect(f!.message).toMatch(/19.*20/);
    expect(checkDeviationReasons(ctx(e, sc)).map((x) => x.code)).toEqual(['missing-deviation-reason']);
  });
});
