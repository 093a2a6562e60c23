import { describe, expect, it } from 'vitest';
import type { RuleOf } from '../../frameworks/schema.ts';
import type { Indicator } from '../../model/evaluation.ts';
import { D } from '../../numbers/decimal.ts';
import { costCap } from './cost-cap.ts';

const rule = {
  id: 'total.cost-cap',
  cite: 'shanxi',
  kind: 'cost-cap',
  names: ['成本指标', '经济成本指标'],
  weight: '10',
  max: '5',
} as RuleOf<'cost-cap'>;

const row = (level1: string, level2: string): Indicator => ({
  id: level1,
  level1,
  level2,
  name: 'x',
  direction: '≥',
});

describe('成本指标封顶', () => {
  it('a project with no 成本指标 loses 5 of the 10 cost points: total ≤ 95', () => {
    const c = costCap(rule, [row('产出指标', '数量指标'), row('效益指标', '社会效益指标')], new D(100));
    expect(c?.cap.toFixed()).toBe('95');
    expect(c?.summary).toContain('未设置成本指标');
  });
  it('seed 003 安置帮教 has 成本指标 / 经济成本指标: no cap', () => {
    expect(costCap(rule, [row('成本指标', '经济成本指标')], new D(100))).toBeNull();
  });
});
