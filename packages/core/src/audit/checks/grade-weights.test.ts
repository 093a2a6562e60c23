import { describe, expect, it } from 'vitest';
import { ctx, evaluation, indicator, score } from '../test-kit.ts';
import { checkGrade, gradeOfLabel } from './grade.ts';
import { checkWeights } from './weights.ts';

describe('grade-mismatch', () => {
  it('reads aliases', () => {
    expect(gradeOfLabel('“良好”', score().grades)).toBe('良');
    expect(gradeOfLabel('优', score().grades)).toBe('优');
    expect(gradeOfLabel('卓越', score().grades)).toBeNull();
  });
  it('finds 良好 written beside 100 points (seed 003)', () => {
    const e = evaluation({ statedGrade: { raw: '良好' } });
    const [f] = checkGrade(ctx(e, score({ statedTotal: '100', gradeOfStatedTotal: '优' })));
    expect(f).toMatchObject({ code: 'grade-mismatch', severity: 'error', evidence: { computed: '优' } });
  });
  it('accepts 优 for 99', () => {
    const e = evaluation({ statedGrade: { raw: '优' } });
    expect(checkGrade(ctx(e, score({ statedTotal: '99', gradeOfStatedTotal: '优' })))).toEqual([]);
  });
});

describe('weights-invalid', () => {
  const e = evaluation({ indicators: [indicator({ name: 'x', weight: '90', score: '90' })] });
  it('finds weights that do not add to the framework total', () => {
    const [f] = checkWeights(ctx(e, score({ weightTotal: '95', expectedWeightTotal: '100' })));
    expect(f).toMatchObject({ code: 'weights-invalid', severity: 'error' });
  });
  it('treats a moved weight as info where the framework allows adjustment, an error where it does not', () => {
    const categories = [
      { level1: '效益指标', weight: '30', expectedWeight: '20', computed: null, stated: null },
    ];
    expect(checkWeights(ctx(e, score({ categories, weightsAdjustable: true })))[0]!.severity).toBe('info');
    expect(checkWeights(ctx(e, score({ categories, weightsAdjustable: false })))[0]!.severity).toBe('error');
  });
  it('notes once, as info, a category left out whose points moved to another (seed 001: 可持续性指标 10 → 效益指标 30)', () => {
    const categories = [
      { level1: '可持续性指标', weight: '0', expectedWeight: '10', computed: null, stated: null },
      { level1: '效益指标', weight: '30', expectedWeight: '20', computed: null, stated: null },
    ];
    const found = checkWeights(ctx(e, score({ categories, weightsAdjustable: true })));
    expect(found.map((f) => f.severity)).toEqual(['info']);
    expect(found[0]!.message).toBe(
      '一级指标「可持续性指标」（框架 10 分）未设置，分值调整到「效益指标」（30 分，框架原则上 20 分）；评分框架允许适当调整，合计仍为 100 分。',
    );
    const elsewhere = [categories[0]!, { ...categories[1]!, weight: '25' }];
    const apart = checkWeights(ctx(e, score({ categories: elsewhere, weightsAdjustable: true })));
    expect(apart.map((f) => f.severity)).toEqual(['warning', 'info']);
  });
});
