import { describe, expect, it } from 'vitest';
import { ctx, evaluation, indicator, line, s, score } from '../test-kit.ts';
import { checkRuleDeviation, checkScoreExceedsWeight, checkScoredWithoutActual } from './indicator-scores.ts';
import { checkScoreSums } from './score-sums.ts';
import { checkWeights } from './weights.ts';

describe('score-exceeds-weight', () => {
  it('finds an indicator scored above its weight (seed 003 法律援助: 101 of 10)', () => {
    const e = evaluation({
      indicators: [indicator({ name: '法律援助人次', target: '1726', weight: '10', score: '101' })],
    });
    const [f] = checkScoreExceedsWeight(ctx(e));
    expect(f).toMatchObject({
      code: 'score-exceeds-weight',
      severity: 'error',
      location: { indicator: '法律援助人次' },
    });
  });
  it('finds a total above the framework maximum (seed 003: self-score 100 where the maximum is 90)', () => {
    const e = evaluation({ kind: 'department', statedTotal: s('100') });
    const [f] = checkScoreExceedsWeight(ctx(e, score({ maxTotal: '90' })));
    expect(f).toMatchObject({ code: 'score-exceeds-weight', evidence: { stated: '100', computed: '≤ 90' } });
  });
  it('is silent at exactly the weight', () => {
    const e = evaluation({
      indicators: [indicator({ name: 'x', weight: '10', score: '10' })],
      statedTotal: s('100'),
    });
    expect(checkScoreExceedsWeight(ctx(e))).toEqual([]);
  });
});

describe('sum-mismatch on scores', () => {
  it('checks the 合计 against budget execution + indicators', () => {
    const e = evaluation({
      budget: [line({ id: 't', label: '总额', role: 'total' }, { weight: '10', statedScore: '10' })],
      indicators: [
        indicator({ name: 'a', weight: '60', score: '60' }),
        indicator({ name: 'b', weight: '30', score: '101' }),
      ],
      statedTotal: s('100'),
      statedWeightTotal: s('100'),
    });
    const findings = checkScoreSums(ctx(e));
    expect(findings.map((f) => f.evidence.computed)).toEqual(['171.00']);
  });
  it('checks a stated 一级 subtotal against its indicators', () => {
    const e = evaluation({
      indicators: [
        indicator({ name: 'a', level1: '投入管理指标', weight: '2', score: '1' }),
        indicator({ name: 'b', level1: '投入管理指标', weight: '2', score: '2' }),
      ],
      categoryScores: [{ level1: '投入管理指标', weight: s('4'), statedScore: s('4') }],
    });
    const [f] = checkScoreSums(ctx(e));
    expect(f).toMatchObject({ code: 'sum-mismatch', evidence: { stated: '4', computed: '3.00' } });
  });
});

describe('scored-without-actual', () => {
  it('reports a blank actual with points, one finding for one indicator', () => {
    const e = evaluation({
      indicators: [indicator({ name: '代理案件', target: '2', weight: '20', score: '20' })],
    });
    const [f] = checkScoredWithoutActual(ctx(e));
    expect(f).toMatchObject({
      code: 'scored-without-actual',
      severity: 'error',
      evidence: { computed: '无法判定' },
    });
  });
  it('groups a whole table of blanks into one finding that lists them', () => {
    const e = evaluation({
      indicators: ['a', 'b', 'c', 'd'].map((n, k) =>
        indicator({ name: n, target: '1', weight: '10', score: '10', line: 20 + k }),
      ),
    });
    const findings = checkScoredWithoutActual(ctx(e));
    expect(findings).toHaveLength(1);
    expect((findings[0]!.evidence.indicators as unknown[]).length).toBe(4);
    expect(findings[0]!.location).toMatchObject({ line: 20, endLine: 23 });
  });
  it('leaves qualitative indicators and zero scores alone', () => {
    const e = evaluation({
      indicators: [
        indicator({ name: 'q', direction: 'qualitative', target: '优良', weight: '10', score: '10' }),
        indicator({ name: 'z', target: '1', weight: '10', score: '0' }),
      ],
    });
    expect(checkScoredWithoutActual(ctx(e))).toEqual([]);
  });
});

describe('rule-deviation and unmet-full-score', () => {
  it('reports a stated score that differs from the rule (seed 001 政府采购执行率: 1 where 50/90×2 = 1.11)', () => {
    const e = evaluation({
      indicators: [
        indicator({ name: '政府采购执行率', target: '≥90%', actual: '50%', weight: '2', score: '1' }),
      ],
    });
    const sc = score({}, [{ indicatorId: '政府采购执行率', computed: '1.11', met: false }]);
    const [f] = checkRuleDeviation(ctx(e, sc));
    expect(f).toMatchObject({
      code: 'rule-deviation',
      severity: 'warning',
      evidence: { stated: '1', computed: '1.11' },
    });
  });
  it('reports full marks for an unmet target', () => {
    const e = evaluation({
      indicators: [indicator({ name: '培训期数', target: '≥1', actual: '0', weight: '5', score: '5' })],
    });
    const sc = score({}, [{ indicatorId: '培训期数', computed: '0.00', met: false }]);
    const [f] = checkRuleDeviation(ctx(e, sc));
    expect(f).toMatchObject({ code: 'unmet-full-score', severity: 'error' });
  });
  it('reports a qualitative score outside its tier', () => {
    const e = evaluation({
      indicators: [
        indicator({
          name: '资金使用合规性',
          direction: 'qualitative',
          target: '合规',
          actual: '合规',
          weight: '5',
          score: '3',
        }),
      ],
    });
    const sc = score({}, [
      { indicatorId: '资金使用合规性', outcome: 'manual', met: true, allowedRange: ['4.00', '5.00'] },
    ]);
    expect(checkRuleDeviation(ctx(e, sc))[0]).toMatchObject({ code: 'rule-deviation' });
  });
  it('agrees within rounding', () => {
    const e = evaluation({
      indicators: [indicator({ name: 'x', target: '≥90', actual: '50', weight: '2', score: '1.11' })],
    });
    const sc = score({}, [{ indicatorId: 'x', computed: '1.11', met: false }]);
    expect(checkRuleDeviation(ctx(e, sc))).toEqual([]);
  });
});

describe('tables the copy does not show whole', () => {
  it('does not add up a table that starts part-way down (corpus 039: 55 of a stated 100 with the head cut)', () => {
    const e = evaluation({
      statedWeightTotal: s('100'),
      indicators: [
        indicator({ name: '发放及时率', level1: '', level2: '', target: '100', weight: '5' }),
        indicator({
          name: '群众知晓率',
          level1: '效益指标',
          level2: '社会效益指标',
          target: '100',
          weight: '50',
        }),
      ],
    });
    expect(checkScoreSums(ctx(e))).toEqual([]);
    expect(checkWeights(ctx(e, score({ weightTotal: '55' })))).toEqual([]);
  });
  it('still adds up a whole table whose weights fall short', () => {
    const e = evaluation({
      statedWeightTotal: s('100'),
      indicators: [
        indicator({ name: '发放及时率', level1: '产出指标', target: '100', weight: '5' }),
        indicator({ name: '群众知晓率', level1: '效益指标', target: '100', weight: '50' }),
      ],
    });
    expect(checkScoreSums(ctx(e)).map((f) => f.rule)).toContain('audit.weight-sum');
    expect(checkWeights(ctx(e, score({ weightTotal: '55' }))).map((f) => f.rule)).toContain(
      'audit.weight-total',
    );
  });
  it('does not ask for 完成值 on a form that has no 指标值 or 完成值 column (corpus 010, 决策/管理/绩效)', () => {
    const e = evaluation({
      indicators: [
        indicator({ name: '目标内容', level1: '项目决策', weight: '4', score: '4' }),
        indicator({ name: '决策依据', level1: '项目决策', weight: '3', score: '3' }),
      ],
    });
    expect(checkScoredWithoutActual(ctx(e))).toEqual([]);
    const withTargets = evaluation({
      indicators: [indicator({ name: '培训人数', target: '≥100', weight: '4', score: '4' })],
    });
    expect(checkScoredWithoutActual(ctx(withTargets)).map((f) => f.code)).toEqual(['scored-without-actual']);
  });
  it('does not total weights for a form that prints no 分值 column (corpus 018, 湖北 20/80)', () => {
    const e = evaluation({
      indicators: [indicator({ name: '办结信访案件', target: '168起', actual: '168起', score: '10' })],
    });
    expect(checkWeights(ctx(e, score({ weightTotal: '20' })))).toEqual([]);
  });
});
