import { describe, expect, it } from 'vitest';
import type { RuleOf } from '../../frameworks/schema.ts';
import { scoreReviewDifference } from './review-difference.ts';
import { ctxOf, base } from './test-kit.ts';

const rule = (selfScored: boolean) =>
  ({
    ...base,
    id: 'c.self-accuracy',
    kind: 'review-difference',
    criterion: '自评准确',
    category: '自评质量',
    weight: '10',
    selfInput: '部门自评得分',
    reviewInput: '评价组抽查得分',
    selfScored,
    bands: [
      { min: '0', max: '5', deduction: '0' },
      { min: '5', max: '10', deduction: '4' },
      { min: '10', max: '20', deduction: '8' },
      { min: '20', deduction: '10' },
    ],
  }) as RuleOf<'review-difference'>;

const score = (self: string, review: string) => {
  const r = scoreReviewDifference(rule(false), ctxOf('10', { 部门自评得分: self, 评价组抽查得分: review }));
  return r.outcome === 'scored' ? r.score.toFixed() : r.outcome;
};

describe('自评准确: |self − review| ÷ review', () => {
  it('within 5%: no deduction (94 vs 90 = 4.44%)', () => expect(score('94', '90')).toBe('10'));
  it('exactly 5%: −4 (94.5 vs 90)', () => expect(score('94.5', '90')).toBe('6'));
  it('10–20%: −8 (100 vs 90 = 11.11%)', () => expect(score('100', '90')).toBe('2'));
  it('over 20%: −10 (90 vs 70 = 28.57%)', () => expect(score('90', '70')).toBe('0'));
  it('seed 003: not self-scored — without a review score it is dropped, not zero', () => {
    expect(scoreReviewDifference(rule(false), ctxOf('10', {}))).toMatchObject({ outcome: 'not-applicable' });
  });
  it('a self-scored variant without a review score is not judgeable', () => {
    expect(scoreReviewDifference(rule(true), ctxOf('10', {}))).toMatchObject({
      outcome: 'not-judgeable',
      missing: ['评价组抽查得分'],
    });
  });
  it('falls back to the evaluation’s stated total for the self score', () => {
    const r = scoreReviewDifference(
      rule(false),
      ctxOf('10', { 评价组抽查得分: '80' }, { statedTotal: '100' }),
    );
    expect(r.outcome === 'scored' && r.score.toFixed()).toBe('0');
  });
});
