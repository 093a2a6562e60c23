import { describe, expect, it } from 'vitest';
import type { RuleOf } from '../../frameworks/schema.ts';
import { scoreBands } from './bands.ts';
import { ctxOf, base } from './test-kit.ts';

const key = {
  ...base,
  id: 'c.key',
  kind: 'bands',
  criterion: '重点支出安排率',
  weight: '5',
  input: '重点支出安排率',
  bands: [
    { min: '90', score: '5' },
    { min: '80', max: '90', score: '4' },
    { min: '70', max: '80', score: '3' },
    { min: '0', max: '70', score: '0' },
  ],
} as RuleOf<'bands'>;

const control = {
  ...base,
  id: 'c.control',
  kind: 'bands',
  criterion: '支出控制',
  weight: '10',
  deviation: { actual: '公用经费决算数', planned: '公用经费年初预算数' },
  bands: [
    { min: '0', max: '10', score: '10' },
    { min: '10', max: '20', score: '5' },
    { min: '20', score: '0' },
  ],
} as RuleOf<'bands'>;

const score = (r: ReturnType<typeof scoreBands>) => (r.outcome === 'scored' ? r.score.toFixed() : r.outcome);

describe('分档计分', () => {
  it('重点支出安排率 90% → 5, 89.99% → 4, 80% → 4, 65% → 0', () => {
    expect(score(scoreBands(key, ctxOf('5', { 重点支出安排率: '90%' })))).toBe('5');
    expect(score(scoreBands(key, ctxOf('5', { 重点支出安排率: '89.99%' })))).toBe('4');
    expect(score(scoreBands(key, ctxOf('5', { 重点支出安排率: '80%' })))).toBe('4');
    expect(score(scoreBands(key, ctxOf('5', { 重点支出安排率: '65%' })))).toBe('0');
  });
  it('seed 003 支出控制: 决算 110 against 预算 100 is a 10% deviation → 5', () => {
    const r = scoreBands(control, ctxOf('10', { 公用经费决算数: '110', 公用经费年初预算数: '100' }));
    expect(score(r)).toBe('5');
    expect(r.outcome === 'scored' && r.formula).toContain('|110 − 100| ÷ 100 = 10%');
  });
  it('a 26.82% gap (seed 003 机关运行经费 104.35 against 82.28, had 82.28 been the budget) → 0', () => {
    expect(
      score(scoreBands(control, ctxOf('10', { 公用经费决算数: '104.35', 公用经费年初预算数: '82.28' }))),
    ).toBe('0');
  });
  it('missing budget: not judgeable', () => {
    expect(scoreBands(control, ctxOf('10', { 公用经费决算数: '104.35' }))).toMatchObject({
      outcome: 'not-judgeable',
      missing: ['公用经费年初预算数'],
    });
  });
});
