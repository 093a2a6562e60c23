import { describe, expect, it } from 'vitest';
import { ctx, evaluation, indicator, s, score } from '../test-kit.ts';
import { checkScoreSums } from './score-sums.ts';
import { checkWeights } from './weights.ts';

// Corpus 006: the copy of a 四川 510000 form starts below its 预算执行 block: four rows of 22.5 = 90, 合计 100.
const rows = ['足额保障率', '科目调整次数', '按时发放率', '结余率'].map((name) =>
  indicator({ name, target: '=100%', weight: '22.5' }),
);
const categories = [
  { level1: '预算执行', weight: '0', expectedWeight: '10', computed: null, stated: null },
  { level1: '产出指标', weight: '67.5', computed: null, stated: null },
  { level1: '效益指标', weight: '22.5', computed: null, stated: null },
];

describe('a table that leaves out a fixed 一级 whose points its 合计 still counts', () => {
  const e = evaluation({ indicators: rows, statedWeightTotal: s('100', 3) });
  const sc = score({ weightTotal: '90', expectedWeightTotal: '100', categories, weightsAdjustable: true });

  it('says it once, as a warning naming the category, the points and the printed 合计 — no sum errors', () => {
    const found = [...checkScoreSums(ctx(e, sc)), ...checkWeights(ctx(e, sc))];
    expect(found.map((f) => [f.severity, f.rule])).toEqual([['warning', 'audit.category-weight']]);
    expect(found[0]!.message).toBe(
      '评分框架设有一级指标「预算执行」（10 分），本表未设置，各项分值合计 90 比框架的 100 分正少了这 10 分（表中合计填报 100）：请补全该项或说明原因。',
    );
  });

  it('still reports the sums when the shortfall is not that category’s points (rows of 85 beside 合计 100)', () => {
    const short = evaluation({
      indicators: [...rows.slice(0, 3), indicator({ name: '结余率', target: '≤5%', weight: '17.5' })],
      statedWeightTotal: s('100', 3),
    });
    const sc85 = score({
      weightTotal: '85',
      expectedWeightTotal: '100',
      categories,
      weightsAdjustable: true,
    });
    const rules = [...checkScoreSums(ctx(short, sc85)), ...checkWeights(ctx(short, sc85))].map((f) => f.rule);
    expect(rules).toContain('audit.weight-sum');
    expect(rules).toContain('audit.weight-total');
  });
});
