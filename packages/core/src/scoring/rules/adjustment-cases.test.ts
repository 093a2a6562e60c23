import { describe, expect, it } from 'vitest';
import type { RuleOf } from '../../frameworks/schema.ts';
import { scoreAdjustmentCases } from './adjustment-cases.ts';
import { ctxOf, base } from './test-kit.ts';

const rule = {
  ...base,
  id: 'c.dynamic',
  kind: 'adjustment-cases',
  criterion: '动态调整',
  weight: '10',
  cancelledInput: '绩效监控调整取消额',
  writtenOffInput: '结余注销额',
  budgetInput: '年度预算总额',
  factor: '10',
  zeroAbove: '0.1',
} as RuleOf<'adjustment-cases'>;

const run = (c: string, w: string, b?: string) =>
  scoreAdjustmentCases(
    rule,
    ctxOf('10', { 绩效监控调整取消额: c, 结余注销额: w, ...(b ? { 年度预算总额: b } : {}) }),
  );
const score = (r: ReturnType<typeof run>) => (r.outcome === 'scored' ? r.score.toFixed(2) : r.outcome);

describe('动态调整, three cases', () => {
  it('case 1: 取消额 6, 注销额 2 → 6 ÷ 8 × 10 = 7.50', () => expect(score(run('6', '2'))).toBe('7.50'));
  it('case 2: 取消额 0, 注销额 20 of 1163.82 → (1 − 10 × 0.0172) × 10 = 8.28', () =>
    expect(score(run('0', '20', '1163.82'))).toBe('8.28'));
  it('case 2 beyond 10% of the budget: 0', () => expect(score(run('0', '120', '1000'))).toBe('0.00'));
  it('case 3: both zero → full marks', () => expect(score(run('0', '0'))).toBe('10.00'));
  it('case 2 without the budget total: not judgeable', () =>
    expect(run('0', '20')).toMatchObject({ outcome: 'not-judgeable', missing: ['年度预算总额'] }));
  it('the unlisted case (取消额 ≠ 0, 注销额 0) says it used the first formula', () => {
    const r = run('5', '0');
    expect(score(r)).toBe('10.00');
    expect(r.summary).toContain('未列此情形');
  });
});
