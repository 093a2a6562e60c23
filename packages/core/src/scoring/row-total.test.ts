import { describe, expect, it } from 'vitest';
import { builtinRegistry } from '../frameworks/builtin.ts';
import { blankEvaluation } from '../model/blank.ts';
import type { Evaluation } from '../model/evaluation.ts';
import { parseStated } from '../numbers/parse.ts';
import { rowScoreTotal, statedTotalDifference } from './row-total.ts';

const blank = () =>
  blankEvaluation(builtinRegistry().get('mof-project-2020')!, { year: 2025, projectName: '法律援助' });

/** Types 得分 into the budget total line and every indicator row, as a 填报人 does. */
function scored(e: Evaluation, budget: string, rows: string[]): Evaluation {
  return {
    ...e,
    budget: e.budget.map((l) => (l.statedScore ? { ...l, statedScore: parseStated(budget) } : l)),
    indicators: e.indicators.map((i, k) => ({ ...i, statedScore: parseStated(rows[k] ?? '') })),
  };
}

describe('rowScoreTotal', () => {
  it('has no total on a blank form and names every row still to score', () => {
    const r = rowScoreTotal(blank());
    expect(r.total).toBeNull();
    expect(r.missing).toEqual(['年度资金总额', '第 1 个指标', '第 2 个指标', '第 3 个指标']);
  });

  it('adds budget execution and every indicator once all are entered', () => {
    expect(rowScoreTotal(scored(blank(), '9.5', ['48', '28.5', '9']))).toEqual({ total: '95', missing: [] });
  });

  it('waits while one row is blank or not a number', () => {
    expect(rowScoreTotal(scored(blank(), '9.5', ['48', '', '9'])).total).toBeNull();
    expect(rowScoreTotal(scored(blank(), '9.5', ['48', '满分', '9'])).missing).toEqual(['第 2 个指标']);
  });

  it('leaves out a row marked 不适用', () => {
    const e = scored(blank(), '10', ['50', '', '10']);
    e.indicators[1]!.notApplicable = true;
    expect(rowScoreTotal(e).total).toBe('70');
  });
});

describe('statedTotalDifference', () => {
  it('states how far a typed 自评得分 is from the rows, and nothing when they agree', () => {
    const e = scored(blank(), '9.5', ['48', '28.5', '9']);
    expect(statedTotalDifference({ ...e, statedTotal: parseStated('95') })).toBeNull();
    expect(statedTotalDifference({ ...e, statedTotal: parseStated('97') })).toEqual({
      stated: '97',
      rows: '95',
      difference: '2',
    });
  });
});
