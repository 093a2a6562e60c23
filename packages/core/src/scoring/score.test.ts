import { describe, expect, it } from 'vitest';
import { builtinRegistry } from '../frameworks/builtin.ts';
import { FrameworkError } from '../frameworks/error.ts';
import { parseFramework } from '../frameworks/parse.ts';
import { FrameworkRegistry } from '../frameworks/registry.ts';
import { newEvaluation } from '../model/build.ts';
import type { Evaluation } from '../model/evaluation.ts';
import { parseStated } from '../numbers/parse.ts';
import departmentFormulas from './fixtures/department-formulas.json' with { type: 'json' };
import optionalProject from './fixtures/optional-project.json' with { type: 'json' };
import {
  row,
  seed000,
  seed001,
  seed002,
  seed003Department,
  seed003Project,
  seed004,
} from './fixtures/seed-shapes.ts';
import { scoreEvaluation } from './score.ts';

const reg = builtinRegistry();
const byName = (e: Evaluation, r: ReturnType<typeof scoreEvaluation>, name: string) =>
  r.indicators[e.indicators.findIndex((i) => i.name === name)]!;

describe('scoreEvaluation on evaluations shaped like the seeds', () => {
  it('seed 001: recomputed 99.11 against the stated 99 — 政府采购执行率 50% of ≥90% is worth 1.11, not 1', () => {
    const e = seed001();
    const r = scoreEvaluation(e, reg);
    expect(r).toMatchObject({
      frameworkId: 'zhengzhou-shangjie-department-2021',
      frameworkVersion: '2021.1',
      frameworkChosenBy: 'detected',
      computedTotal: '99.11',
      totalIncomplete: false,
      computedGrade: '优',
      gradeOfStatedTotal: '优',
      weightTotal: '100',
      expectedWeightTotal: '100',
      weightsAdjustable: true,
    });
    const purchase = byName(e, r, '政府采购执行率');
    expect(purchase).toMatchObject({ outcome: 'scored', computed: '1.11', met: false, stated: '1' });
    expect(purchase.explanation.formula).toBe('50 ÷ 90 × 2 = 1.11');
    expect(purchase.explanation.citation).toContain('上街区司法局部门整体绩效自评表 附表注 3');
    expect(byName(e, r, '“三公经费”控制率')).toMatchObject({ computed: '2.00', met: true });
    expect(r.explanation.summary).toContain('其中 16 项定性或酌情打分的指标按自评得分计入');
    expect(r.explanation.inputs['工作任务科学性']).toBe('1（自评得分，在允许区间内）');
  });

  it('seed 001: budget execution 717.52 ÷ 701.61 = 102.27% is capped at 10', () => {
    const r = scoreEvaluation(seed001(), reg);
    expect(r.budgetExecution).toMatchObject({
      rate: '102.27',
      rateUsed: '102.27',
      computed: '10.00',
      outcome: 'scored',
    });
    expect(r.budgetExecution!.explanation.formula).toBe('min(102.27%, 100%) × 10 = 10');
  });

  it('seed 001: 一级 weights against the framework — 可持续性 missing (0 of 10), 效益 30 of 20', () => {
    const cats = Object.fromEntries(scoreEvaluation(seed001(), reg).categories.map((c) => [c.level1, c]));
    expect(cats['预算执行率']).toMatchObject({ weight: '10', expectedWeight: '10', computed: '10.00' });
    expect(cats['投入管理指标']).toMatchObject({
      weight: '30',
      expectedWeight: '30',
      computed: '29.11',
      stated: '29',
    });
    expect(cats['可持续性指标']).toMatchObject({ weight: '0', expectedWeight: '10' });
    expect(cats['效益指标']).toMatchObject({ weight: '30', expectedWeight: '20' });
  });

  it('seed 001: qualitative 科学 = 科学 is met, allowed 80–100% of 分值, counted at its stated score', () => {
    const e = seed001();
    const s = byName(e, scoreEvaluation(e, reg), '工作任务科学性');
    expect(s).toMatchObject({
      outcome: 'manual',
      computed: null,
      met: true,
      allowedRange: ['0.80', '1.00'],
      tier: '达成预期指标',
    });
  });

  it('seed 002: no 执行数, so the stated 61.23% is used and said so: 6.12; total 96.12', () => {
    const r = scoreEvaluation(seed002(), reg);
    expect(r.frameworkId).toBe('hengyang-yanfeng-department-2024');
    expect(r.budgetExecution).toMatchObject({ rate: null, rateUsed: '61.23', computed: '6.12' });
    expect(r.budgetExecution!.explanation.summary).toContain('采用填报的执行率 61.23%');
    expect(r.computedTotal).toBe('96.12');
    expect(r.totalIncomplete).toBe(false);
  });

  it('seed 003 案件代理: every 完成值 blank — not judgeable, never a zero; total is a lower bound with no grade', () => {
    const e = seed003Project();
    const r = scoreEvaluation(e, reg);
    expect(r.frameworkId).toBe('project-10-90');
    expect(
      r.indicators.every((i) => i.outcome === 'not-judgeable' && i.computed === null && i.met === null),
    ).toBe(true);
    expect(r.indicators[0]!.explanation.summary).toContain('完成值为空');
    expect(r).toMatchObject({
      computedTotal: '10.00',
      totalIncomplete: true,
      computedGrade: null,
      gradeOfStatedTotal: '优',
      statedGrade: '良好',
      weightTotal: '100',
    });
    expect(r.budgetExecution).toMatchObject({ rate: '100.00', computed: '10.00' });
  });

  it('seed 003 指标体系: self-evaluation maximum 90; 自评准确 dropped; formulas without inputs list what is missing', () => {
    const e = seed003Department();
    const r = scoreEvaluation(e, reg);
    expect(r).toMatchObject({
      frameworkId: 'suining-district-department-2024',
      maxTotal: '90',
      expectedWeightTotal: '100',
    });
    expect(byName(e, r, '自评准确')).toMatchObject({ outcome: 'not-applicable', effectiveWeight: '0' });
    const accuracy = byName(e, r, '编制准确');
    expect(accuracy.outcome).toBe('not-judgeable');
    expect(accuracy.explanation.summary).toContain('部门全年预算调剂金额、年初部门预算数');
    expect(byName(e, r, '目标制定')).toMatchObject({ outcome: 'manual', allowedRange: ['0.00', '10.00'] });
    expect(r.explanation.summary).toContain('自评满分为 90 分（「自评准确」10 分由评价组抽查后计分');
    expect(r.explanation.citation).toContain('安居区司法局部门决算附件 指标体系「自评准确」计分标准');
    expect(r.explanation.inputs['评分框架识别依据']).toContain('表头含「指标解释」、表头含「计分标准」');
    expect(r.totalIncomplete).toBe(true);
    expect(r.categories.map((c) => [c.level1, c.weight, c.expectedWeight])).toEqual([
      ['部门预算管理', '80', '80'],
      ['绩效结果应用', '10', '10'],
      ['自评质量', '10', '10'],
    ]);
  });

  it('seed 003 指标体系 with its inputs: 编制准确 (1 − 10 × 8.83 ÷ 261.07) × 10 = 6.62, cited to the table', () => {
    const e = seed003Department({ 部门全年预算调剂金额: '8.83', 年初部门预算数: '261.07' });
    const s = byName(e, scoreEvaluation(e, reg), '编制准确');
    expect(s).toMatchObject({ outcome: 'scored', computed: '6.62' });
    expect(s.explanation.formula).toBe('(1 − 10 × 8.83 ÷ 261.07) × 10 = 6.62');
    expect(s.explanation.citation).toContain('安居区司法局部门决算附件 指标体系「编制准确」计分标准');
  });

  it('seed 003 目标实现 counts the quantity indicators of the document’s project tables — all blank, so not judgeable', () => {
    const e = seed003Department();
    const r = scoreEvaluation(e, reg, { related: [e, seed003Project()] });
    const s = byName(e, r, '目标实现');
    expect(s.outcome).toBe('not-judgeable');
    expect(s.explanation.summary).toContain(
      '缺少目标实现所需的输入：代理非诉案件（包括行政复议、仲裁、重大决策专项法律意见书等）的完成值、代理重大行政案件、民商事诉讼案件的完成值',
    );
  });

  it('a criterion row whose 分值 differs from the framework says so', () => {
    const e = seed003Department();
    e.indicators.find((i) => i.name === '目标制定')!.weight = parseStated('15');
    const s = byName(e, scoreEvaluation(e, reg), '目标制定');
    expect(s.explanation.summary).toContain('表中分值 15 与评分框架规定的 10 分不同');
    expect(s.allowedRange).toEqual(['0.00', '15.00']);
  });

  it('seed 004: no published formula — total not judgeable, grade of the stated 96.70 still 优', () => {
    const r = scoreEvaluation(seed004(), reg);
    expect(r).toMatchObject({
      frameworkId: 'honghe-department-2024',
      computedTotal: null,
      totalIncomplete: true,
      gradeOfStatedTotal: '优',
      statedGrade: '优',
    });
    expect(r.explanation.summary).toContain('无法复算');
    expect(r.explanation.inputs['合计']).toBe('131 / 139 = 94.24%');
  });

  it('seed 000 汇总表: scored under the summary default, nothing to compute', () => {
    const r = scoreEvaluation(seed000(), reg);
    expect(r).toMatchObject({
      frameworkId: 'project-10-90',
      frameworkChosenBy: 'default',
      computedTotal: null,
    });
  });

  it('a framework named by the caller wins over detection; an unknown one is a FrameworkError', () => {
    expect(scoreEvaluation(seed002(), reg, { frameworkId: 'mof-project-2020' })).toMatchObject({
      frameworkId: 'mof-project-2020',
      frameworkChosenBy: 'named',
    });
    expect(() => scoreEvaluation(seed002(), reg, { frameworkId: 'nowhere' })).toThrow(FrameworkError);
  });

  it('a framework named by the document but not installed falls back to detection and says so', () => {
    const e = { ...seed002(), frameworkId: 'hunan-2030' };
    const r = scoreEvaluation(e, reg);
    expect(r).toMatchObject({
      frameworkId: 'hengyang-yanfeng-department-2024',
      frameworkChosenBy: 'detected',
    });
    expect(r.explanation.summary).toContain('未找到评估表指定的评分框架「hunan-2030」');
  });
});

describe('optional rule kinds (test fixtures)', () => {
  const fx = new FrameworkRegistry();
  fx.add(parseFramework(optionalProject, 'optional-project.json'));
  fx.add(parseFramework(departmentFormulas, 'department-formulas.json'));
  const budget = (executed: string) => ({
    id: 'total',
    label: '总额',
    role: 'total' as const,
    adjustedBudget: parseStated('100'),
    executed: parseStated(executed),
    weight: parseStated('10'),
  });
  const project = (indicators: Evaluation['indicators'], executed = '100') =>
    newEvaluation({ id: 'p', title: 'x', kind: 'project', budget: [budget(executed)], indicators });
  const score = (e: Evaluation) => scoreEvaluation(e, fx, { frameworkId: 'fixture-optional-project' });

  it('不适用: the dropped 45 points are re-normalised onto the rest (45 → 90)', () => {
    const e = project([
      row('产出指标', '数量指标', 'a', '≥10', '10', '45', '45'),
      row('成本指标', '成本指标', 'b', '≥10', '', '45', '', { notApplicable: true }),
    ]);
    const r = score(e);
    expect(r.indicators[0]).toMatchObject({
      outcome: 'scored',
      weight: '45',
      effectiveWeight: '90',
      computed: '90.00',
    });
    expect(r.indicators[1]).toMatchObject({ outcome: 'not-applicable', effectiveWeight: '0' });
    expect(r.computedTotal).toBe('100.00');
    expect(r.totalIncomplete).toBe(false);
  });

  it('execution caps: 45% executed caps a 94.50 total at 59', () => {
    const r = score(project([row('成本指标', '成本指标', 'a', '≥1', '1', '90', '90')], '45'));
    expect(r.caps).toHaveLength(1);
    expect(r.caps[0]).toMatchObject({ rule: 'caps', max: '59', before: '94.5' });
    expect(r.computedTotal).toBe('59.00');
  });

  it('execution caps apply even when the framework gives no points for execution', () => {
    const json = JSON.parse(JSON.stringify(optionalProject)) as {
      id: string;
      rules: Array<{ kind: string; id: string }>;
    };
    json.id = 'fixture-caps-only';
    json.rules = json.rules.filter((r) => r.kind !== 'budget-execution');
    const only = new FrameworkRegistry();
    only.add(parseFramework(json, 'caps-only.json'));
    const e = project([row('成本指标', '成本指标', 'a', '≥1', '1', '90', '90')], '65');
    const r = scoreEvaluation(e, only, { frameworkId: 'fixture-caps-only' });
    expect(r.budgetExecution).toBeUndefined();
    expect(r.caps.map((c) => [c.max, c.before])).toEqual([['79', '90']]);
  });

  it('cost cap: no 成本指标 caps the total at 95', () => {
    const r = score(project([row('产出指标', '数量指标', 'a', '≥1', '1', '90', '90')]));
    expect(r.caps.map((c) => [c.rule, c.max])).toEqual([['cost', '95']]);
    expect(r.computedTotal).toBe('95.00');
  });

  it('reverse formula (b) and the over-achievement penalty', () => {
    const e = project([
      row('成本指标', '成本指标', 'cost', '≤2', '2.5', '45', '45'),
      row('产出指标', '数量指标', 'count', '≥10', '13', '45', '45'),
    ]);
    const r = score(e);
    expect(r.indicators[0]).toMatchObject({ computed: '36.00', met: false });
    expect(r.indicators[1]).toMatchObject({
      computed: '43.00',
      overAchievement: { kind: 'penalty', ratio: '1.3' },
    });
  });

  it('adjusted target: scoring uses 调整后指标值 and says so', () => {
    const e = project([
      row('成本指标', '成本指标', 'a', '≥100', '90', '90', '90', { adjustedTarget: parseStated('≥80') }),
    ]);
    const s = score(e).indicators[0]!;
    expect(s).toMatchObject({ computed: '90.00', met: true });
    expect(s.explanation.summary).toContain('按调整后指标值 ≥80 计分');
  });

  it('text where a number belongs is not judgeable', () => {
    const s = score(project([row('成本指标', '成本指标', 'a', '≥100', '较好', '90', '90')])).indicators[0]!;
    expect(s).toMatchObject({ outcome: 'not-judgeable', computed: null, met: null });
    expect(s.explanation.summary).toContain('完成值「较好」不是数值');
  });

  it('部门整体 tiered deduction and bands over named inputs, matched to rows by name', () => {
    const e = newEvaluation({
      id: 'd',
      title: 'x',
      kind: 'department',
      inputs: { 人员控制率: parseStated('103%'), 重点支出安排率: parseStated('85%') },
      indicators: [
        row('投入', '', '人员控制率', '', '', '5', '5', { criterionText: '≤100%得5分' }),
        row('投入', '', '重点支出安排率', '', '', '5', '5', { criterionText: '≥90%得5分' }),
      ],
    });
    const r = scoreEvaluation(e, fx, { frameworkId: 'fixture-department-formulas' });
    expect(r.indicators.map((i) => i.computed)).toEqual(['3.50', '4.00']);
    expect(r.computedTotal).toBe('7.50');
  });
});

describe('framework versions', () => {
  // Version 2 drops the execution-rate cap: a project at 65% execution is capped under version 1 only.
  const v1 = JSON.parse(JSON.stringify(optionalProject)) as { version: string; rules: unknown[] };
  const v2 = JSON.parse(JSON.stringify(optionalProject)) as {
    version: string;
    rules: Array<{ kind: string; id: string }>;
  };
  v1.version = '1';
  v2.version = '2';
  v2.rules = v2.rules.filter((r) => r.kind !== 'total-cap' || r.id !== 'caps');
  const reg = new FrameworkRegistry();
  reg.add(parseFramework(v1, 'v1.json'));
  reg.add(parseFramework(v2, 'v2.json'));
  const e = newEvaluation({
    id: 'p',
    title: 'x',
    kind: 'project',
    budget: [
      {
        id: 'total',
        label: '总额',
        role: 'total' as const,
        adjustedBudget: parseStated('100'),
        executed: parseStated('65'),
        weight: parseStated('10'),
      },
    ],
    indicators: [row('成本指标', '成本指标', 'a', '≥1', '1', '90', '90')],
  });

  it('keeps every version; the one added last is current', () => {
    expect(reg.get('fixture-optional-project')?.version).toBe('2');
    expect(reg.get('fixture-optional-project', '1')?.version).toBe('1');
    expect(reg.versions('fixture-optional-project').map((f) => f.version)).toEqual(['1', '2']);
    expect(reg.list().filter((f) => f.id === 'fixture-optional-project')).toHaveLength(1);
  });

  it('scores under a named version, and says so', () => {
    const pinned = scoreEvaluation(e, reg, {
      frameworkId: 'fixture-optional-project',
      frameworkVersion: '1',
    });
    const current = scoreEvaluation(e, reg, { frameworkId: 'fixture-optional-project' });
    expect(pinned.frameworkVersion).toBe('1');
    expect(pinned.caps.map((c) => c.max)).toEqual(['79']);
    expect(pinned.explanation.inputs['评分框架识别依据']).toBe('按提交时的版本 1 计分');
    expect(current.frameworkVersion).toBe('2');
    expect(current.caps).toEqual([]);
  });

  it('a version the registry does not have is an error naming it', () => {
    expect(() =>
      scoreEvaluation(e, reg, { frameworkId: 'fixture-optional-project', frameworkVersion: '9' }),
    ).toThrow('9 版');
  });
});
