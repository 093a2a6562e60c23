import { describe, expect, it } from 'vitest';
import { blankEvaluation, builtinRegistry, parseStated, type Evaluation } from '@jixiao/core';
import { followRowTotal } from './self-score.ts';

const blank = () => blankEvaluation(builtinRegistry().get('mof-project-2020')!, { year: 2025 });
const withScores = (e: Evaluation, scores: string[]): Evaluation => ({
  ...e,
  budget: e.budget.map((l) => (l.statedScore ? { ...l, statedScore: parseStated(scores[0]) } : l)),
  indicators: e.indicators.map((i, k) => ({ ...i, statedScore: parseStated(scores[k + 1] ?? '') })),
});

describe('followRowTotal', () => {
  it('fills the 自评得分 once the last row is scored, and follows later edits', () => {
    const start = blank();
    const partial = followRowTotal(start, withScores(start, ['10', '50', '30']));
    expect(partial.statedTotal).toBeUndefined();
    const full = followRowTotal(partial, withScores(partial, ['10', '50', '30', '9.5']));
    expect(full.statedTotal?.raw).toBe('99.5');
    const lowered = followRowTotal(full, withScores(full, ['10', '45', '30', '9.5']));
    expect(lowered.statedTotal?.raw).toBe('94.5');
  });

  it('keeps a typed-over 自评得分 that differs from the rows', () => {
    const full = followRowTotal(blank(), withScores(blank(), ['10', '50', '30', '10']));
    const overridden = followRowTotal(full, { ...full, statedTotal: parseStated('95') });
    expect(overridden.statedTotal?.raw).toBe('95');
    const edited = followRowTotal(overridden, withScores(overridden, ['10', '48', '30', '10']));
    expect(edited.statedTotal?.raw).toBe('95');
  });

  it('drops a followed total again when a row is cleared', () => {
    const full = followRowTotal(blank(), withScores(blank(), ['10', '50', '30', '10']));
    expect(followRowTotal(full, withScores(full, ['10', '', '30', '10'])).statedTotal).toBeUndefined();
  });

  it('leaves a 自评得分 as written while the rows add up to the same', () => {
    const full = withScores(blank(), ['10', '50', '30', '10']);
    const read = { ...full, statedTotal: parseStated('100.00') };
    const typed = followRowTotal(read, {
      ...read,
      indicators: read.indicators.map((i) => ({ ...i, actual: parseStated('96%') })),
    });
    expect(typed.statedTotal?.raw).toBe('100.00');
  });
});
