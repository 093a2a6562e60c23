import { describe, expect, it } from 'vitest';
import type { RuleOf } from '../../frameworks/schema.ts';
import { ctxOf, base } from './test-kit.ts';
import { scoreTieredDeduction } from './tiered-deduction.ts';

const rule = {
  ...base,
  id: 'c.staff',
  kind: 'tiered-deduction',
  criterion: '人员控制率',
  weight: '5',
  input: '人员控制率',
  threshold: '100',
  perPoint: '0.5',
  side: 'over',
} as RuleOf<'tiered-deduction'>;

describe('按百分点扣分 (人员控制率 ≤100% → 5, −0.5 per point over)', () => {
  it('at 100% keeps full marks', () => {
    expect(scoreTieredDeduction(rule, ctxOf('5', { 人员控制率: '100%' }))).toMatchObject({
      outcome: 'scored',
    });
    const r = scoreTieredDeduction(rule, ctxOf('5', { 人员控制率: '100%' }));
    expect(r.outcome === 'scored' && r.score.toFixed()).toBe('5');
  });
  it('102% loses 1 point: 5 − 2 × 0.5 = 4', () => {
    const r = scoreTieredDeduction(rule, ctxOf('5', { 人员控制率: '102%' }));
    expect(r.outcome === 'scored' && r.score.toFixed(2)).toBe('4.00');
  });
  it('never below zero', () => {
    const r = scoreTieredDeduction(rule, ctxOf('5', { 人员控制率: '120%' }));
    expect(r.outcome === 'scored' && r.score.toFixed()).toBe('0');
  });
  it('absent input: not judgeable, naming it', () => {
    expect(scoreTieredDeduction(rule, ctxOf('5', {}))).toMatchObject({
      outcome: 'not-judgeable',
      missing: ['人员控制率'],
    });
  });
});
