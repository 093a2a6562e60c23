import { describe, expect, it } from 'vitest';
import type { RuleOf } from '../../frameworks/schema.ts';
import { D } from '../../numbers/decimal.ts';
import { executionCap } from './execution-caps.ts';

const rule = {
  id: 'total.execution-caps',
  cite: 'desk33',
  kind: 'execution-caps',
  bands: [
    { min: '70', max: '80', cap: '89' },
    { min: '60', max: '70', cap: '79' },
    { min: '50', max: '60', cap: '69' },
    { min: '0', max: '50', cap: '59' },
  ],
} as RuleOf<'execution-caps'>;

const cap = (rate: string) => executionCap(rule, new D(rate))?.toFixed() ?? null;

describe('执行率封顶', () => {
  it('70–80% caps at 89, bounds half-open', () => {
    expect(cap('75')).toBe('89');
    expect(cap('70')).toBe('89');
    expect(cap('80')).toBeNull();
  });
  it('60–70% at 79, below 60% at 69, below 50% at 59', () => {
    expect(cap('69.99')).toBe('79');
    expect(cap('50')).toBe('69');
    expect(cap('49.99')).toBe('59');
    expect(cap('0')).toBe('59');
  });
  it('seed 000 社区矫正 at 45% is capped at 59', () => {
    expect(cap('45')).toBe('59');
  });
});
