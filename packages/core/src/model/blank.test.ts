import { describe, expect, it } from 'vitest';
import { auditDocument } from '../audit/index.ts';
import { builtinRegistry } from '../frameworks/builtin.ts';
import { parseStated } from '../numbers/parse.ts';
import { D } from '../numbers/decimal.ts';
import { scoreEvaluation } from '../scoring/score.ts';
import { blankEvaluation, blankTitle, indicatorPool, scoresIndicatorRows } from './blank.ts';
import { parseEvaluation } from './validate.ts';
import type { Evaluation } from './evaluation.ts';

const reg = builtinRegistry();
const frameworks = reg.list();
const weightSum = (e: Evaluation) =>
  e.indicators.reduce((a, i) => a.plus(i.weight?.value ?? 0), new D(0)).toFixed();

describe('blankEvaluation', () => {
  it('covers every shipped framework', () => {
    expect(frameworks.length).toBeGreaterThanOrEqual(6);
  });

  describe.each(frameworks.map((f) => [f.id, f] as const))('%s', (_, f) => {
    const e = blankEvaluation(f, { year: 2025, projectName: '社区矫正经费' });

    it('names its framework and scores under it without throwing', () => {
      expect(e.frameworkId).toBe(f.id);
      const score = scoreEvaluation(e, reg);
      expect(score.frameworkId).toBe(f.id);
      expect(score.frameworkChosenBy).toBe('named');
      // Nothing is filled in yet: no total is claimed, and no grade.
      expect(score.computedGrade).toBeNull();
    });

    it('audits without throwing, its only errors before anything is typed the blanks still to fill', () => {
      const audit = auditDocument({ file: '', evaluations: [e], statements: [], issues: [] }, (x) =>
        scoreEvaluation(x, reg),
      );
      const errors = audit.results[0]!.findings.filter((x) => x.severity === 'error');
      expect(errors.filter((x) => x.code !== 'incomplete')).toEqual([]);
      expect(errors.map((x) => x.evidence.about)).toContain('年度总体目标');
    });

    it("has 分值 adding up to the framework's indicator pool", () => {
      if (scoresIndicatorRows(f)) expect(weightSum(e)).toBe(indicatorPool(f).toFixed());
      else expect(e.indicators).toEqual([]);
    });

    it('is plain JSON the save endpoint accepts, with every list present and unique row ids', () => {
      expect(JSON.parse(JSON.stringify(e))).toEqual(e);
      expect(parseEvaluation(JSON.parse(JSON.stringify(e)))).toEqual(e);
      for (const key of ['budget', 'indicators', 'categoryScores', 'summaryRows', 'monitoring'] as const)
        expect(Array.isArray(e[key])).toBe(true);
      expect(new Set(e.indicators.map((i) => i.id)).size).toBe(e.indicators.length);
      expect(new Set(e.budget.map((l) => l.id)).size).toBe(e.budget.length);
    });

    it('declares every input its formulas read, blank', () => {
      expect(Object.keys(e.inputs)).toEqual(f.inputs.map((i) => i.name));
      for (const v of Object.values(e.inputs)) expect(v.raw).toBe('');
    });
  });

  it('project (财预〔2020〕10号): 产出 50 / 效益 30 / 满意度 10 rows, budget total with 10 points and two sources', () => {
    const e = blankEvaluation(reg.get('mof-project-2020')!, { year: 2025, projectName: '法律援助' });
    expect(e).toMatchObject({ kind: 'project', year: 2025, projectName: '法律援助' });
    expect(e.title).toBe('2025年度项目支出绩效自评表');
    expect(e.indicators.map((i) => [i.level1, i.weight?.raw])).toEqual([
      ['产出指标', '50'],
      ['效益指标', '30'],
      ['满意度指标', '10'],
    ]);
    expect(e.budget.map((l) => [l.label, l.role, l.partOf ?? null, l.weight?.raw ?? null])).toEqual([
      ['年度资金总额', 'total', null, '10'],
      ['财政拨款', 'source', 'total', null],
      ['其他资金', 'source', 'total', null],
    ]);
  });

  it('a project framework that leaves 一级 weights to the project splits the 90 evenly as a start', () => {
    const e = blankEvaluation(reg.get('project-10-90')!, { year: 2024 });
    expect(e.indicators.map((i) => [i.level1, i.level2, i.name, i.weight?.raw])).toEqual([
      ['产出指标', '', '', '22.5'],
      ['效益指标', '', '', '22.5'],
      ['满意度指标', '', '', '22.5'],
      ['成本指标', '', '', '22.5'],
    ]);
  });

  it('部门整体 criteria table: every 三级 criterion with its 分值 and 计分标准, no budget block', () => {
    const f = reg.get('suining-district-department-2024')!;
    const e = blankEvaluation(f, { year: 2024, organization: '安居区司法局' });
    expect(e.kind).toBe('department');
    expect(e.organization).toBe('安居区司法局');
    expect(e.budget).toEqual([]);
    expect(e.indicators).toHaveLength(12);
    expect(e.indicators[0]).toMatchObject({ level1: '部门预算管理', level2: '预算编制', name: '目标制定' });
    expect(e.indicators.find((i) => i.name === '违规记录')!.criterionText).toContain('每个问题扣0.5分');
    // Filled in, a criterion scores by its formula.
    e.inputs['违规问题个数'] = parseStated('2');
    const score = scoreEvaluation(e, reg);
    const k = e.indicators.findIndex((i) => i.name === '违规记录');
    expect(score.indicators[k]!.computed).toBe('9.00');
  });

  it('部门整体 with 一级 weights: budget split by source and by nature', () => {
    const e = blankEvaluation(reg.get('zhengzhou-shangjie-department-2021')!, { year: 2021 });
    expect(e.budget.map((l) => `${l.role}:${l.label}`)).toEqual([
      'total:年度资金总额',
      'source:财政拨款',
      'source:其他资金',
      'nature:基本支出',
      'nature:项目支出',
    ]);
    expect(weightSum(e)).toBe('90');
  });

  it('filled in like a 填报人 would, it scores by the rules: ≥ at 80% of target with 分值 50 → 40', () => {
    const e = blankEvaluation(reg.get('mof-project-2020')!, { year: 2025 });
    const total = e.budget[0]!;
    total.adjustedBudget = parseStated('100.00');
    total.executed = parseStated('95.00');
    const [output, benefit, satisfaction] = e.indicators;
    Object.assign(output!, {
      name: '培训人次',
      direction: '≥',
      target: parseStated('100'),
      actual: parseStated('80'),
    });
    Object.assign(benefit!, {
      name: '案件办结率',
      direction: '≥',
      target: parseStated('95%'),
      actual: parseStated('95%'),
    });
    Object.assign(satisfaction!, {
      name: '群众满意度',
      direction: '≥',
      target: parseStated('90%'),
      actual: parseStated('96%'),
    });
    const score = scoreEvaluation(e, reg);
    expect(score.indicators.map((s) => s.computed)).toEqual(['40.00', '30.00', '10.00']);
    expect(score.budgetExecution?.computed).toBe('9.50');
    expect(score.computedTotal).toBe('89.50');
    expect(score.computedGrade).toBe('良');
  });

  it('a framework whose rows are scored only by 指标性质 formulas (kind indicator) still has rows to fill', () => {
    const f = reg.get('mof-project-2020')!;
    const onlyIndicators = {
      ...f,
      rules: f.rules.filter((r) => r.kind === 'indicator' || r.kind === 'budget-execution'),
    };
    expect(scoresIndicatorRows(onlyIndicators)).toBe(true);
    expect(blankEvaluation(onlyIndicators, { year: 2025 }).indicators).toHaveLength(3);
    const budgetOnly = { ...f, rules: f.rules.filter((r) => r.kind === 'budget-execution') };
    expect(scoresIndicatorRows(budgetOnly)).toBe(false);
    expect(blankEvaluation(budgetOnly, { year: 2025 }).indicators).toEqual([]);
  });

  it('uses the given title and kind, trimmed', () => {
    const f = reg.get('project-10-90')!;
    expect(blankEvaluation(f, { year: 2023, title: '  普法宣传项目自评  ' }).title).toBe('普法宣传项目自评');
    expect(blankTitle('department', 2023)).toBe('2023年度部门整体支出绩效自评表');
    expect(blankEvaluation(f, { year: 2023, kind: 'department' }).budget).toHaveLength(5);
  });

  it('is deterministic', () => {
    const f = reg.get('project-10-90')!;
    expect(blankEvaluation(f, { year: 2023 })).toEqual(blankEvaluation(f, { year: 2023 }));
  });
});
