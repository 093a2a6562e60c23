import { describe, expect, it } from 'vitest';
import type { RuleOf } from '../../frameworks/schema.ts';
import { scoreLinearRatio } from './linear-ratio.ts';
import { ctxOf, base } from './test-kit.ts';

const rule = {
  ...base,
  id: 'c.accuracy',
  kind: 'linear-ratio',
  criterion: '编制准确',
  weight: '10',
  numerator: '部门全年预算调剂金额',
  denominator: '年初部门预算数',
  factor: '10',
  zeroAbove: '0.1',
} as RuleOf<'linear-ratio'>;

const run = (adjusted: string, initial: string) =>
  scoreLinearRatio(rule, ctxOf('10', { 部门全年预算调剂金额: adjusted, 年初部门预算数: initial }));

describe('编制准确 = (1 − 10 × 调剂金额 ÷ 年初预算) × 分值', () => {
  it('seed 003 项目资金: 调增 8.83 on 年初 261.07 → (1 − 10 × 0.0338) × 10 = 6.62', () => {
    const r = run('8.83', '261.07');
    expect(r.outcome === 'scored' && r.score.toFixed(2)).toBe('6.62');
  });
  it('no adjustment: full marks', () => {
    const r = run('0', '1163.82');
    expect(r.outcome === 'scored' && r.score.toFixed()).toBe('10');
  });
  it('exactly 0.1 scores 0; above 0.1 scores 0', () => {
    const at = run('10', '100');
    expect(at.outcome === 'scored' && at.score.toFixed()).toBe('0');
    const over = run('11', '100');
    expect(over.outcome === 'scored' && over.summary).toContain('超过 0.1');
  });
  it('absent 调剂金额: not judgeable — never a silent full score', () => {
    expect(scoreLinearRatio(rule, ctxOf('10', { 年初部门预算数: '1163.82' }))).toMatchObject({
      outcome: 'not-judgeable',
      missing: ['部门全年预算调剂金额'],
    });
  });
});
