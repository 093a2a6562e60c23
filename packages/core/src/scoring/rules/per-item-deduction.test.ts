import { describe, expect, it } from 'vitest';
import type { RuleOf } from '../../frameworks/schema.ts';
import { scorePerItemDeduction } from './per-item-deduction.ts';
import { ctxOf, base } from './test-kit.ts';

const rule = {
  ...base,
  id: 'c.violations',
  kind: 'per-item-deduction',
  criterion: '违规记录',
  weight: '10',
  input: '违规问题个数',
  perItem: '0.5',
} as RuleOf<'per-item-deduction'>;

describe('违规记录: −0.5 per problem, down to 0', () => {
  it('no problems: 10', () => {
    const r = scorePerItemDeduction(rule, ctxOf('10', { 违规问题个数: '0' }));
    expect(r.outcome === 'scored' && r.score.toFixed()).toBe('10');
  });
  it('3 problems: 8.5', () => {
    const r = scorePerItemDeduction(rule, ctxOf('10', { 违规问题个数: '3' }));
    expect(r.outcome === 'scored' && r.score.toFixed(1)).toBe('8.5');
  });
  it('25 problems: 0, not negative', () => {
    const r = scorePerItemDeduction(rule, ctxOf('10', { 违规问题个数: '25' }));
    expect(r.outcome === 'scored' && r.score.toFixed()).toBe('0');
  });
  it('text where a count belongs: not judgeable', () => {
    expect(scorePerItemDeduction(rule, ctxOf('10', { 违规问题个数: '无' }))).toMatchObject({
      outcome: 'not-judgeable',
    });
  });
});
