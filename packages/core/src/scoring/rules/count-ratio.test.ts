import { describe, expect, it } from 'vitest';
import type { RuleOf } from '../../frameworks/schema.ts';
import type { Indicator } from '../../model/evaluation.ts';
import { parseStated } from '../../numbers/parse.ts';
import { scoreCountRatio } from './count-ratio.ts';
import { ctxOf, base } from './test-kit.ts';

const rule = {
  ...base,
  id: 'c.achievement',
  kind: 'count-ratio',
  criterion: '目标实现',
  weight: '10',
  counted: ['数量指标'],
  tolerance: '0.3',
  metInput: '达到预期值的数量指标个数',
  totalInput: '数量指标个数',
} as RuleOf<'count-ratio'>;

const qty = (name: string, target: string, actual: string): Indicator => ({
  id: name,
  level1: '产出指标',
  level2: '数量指标',
  name,
  direction: '≥',
  target: parseStated(target),
  actual: parseStated(actual),
});

describe('目标实现: quantity indicators within +30% ÷ all quantity indicators × 分值', () => {
  it('at target and at +30% count; +31% and under target do not: 2 ÷ 4 × 10 = 5', () => {
    const indicators = [
      qty('a', '100', '100'),
      qty('b', '100', '130'),
      qty('c', '100', '131'),
      qty('d', '100', '99'),
    ];
    const r = scoreCountRatio(rule, ctxOf('10', {}, { indicators }));
    expect(r.outcome === 'scored' && r.score.toFixed(2)).toBe('5.00');
    expect(r.inputs).toMatchObject({ a: '计入', b: '计入', c: '不计入', d: '不计入' });
  });
  it('seed 003 project tables leave every 完成值 blank: not judgeable, naming them', () => {
    const indicators = [qty('累计发放法律宣传资料', '40000', ''), qty('安置、帮教刑释人员', '220', '')];
    expect(scoreCountRatio(rule, ctxOf('10', {}, { indicators }))).toMatchObject({
      outcome: 'not-judgeable',
      missing: ['累计发放法律宣传资料', '安置、帮教刑释人员'],
    });
  });
  it('counts given as inputs: 7 of 9 → 7.78', () => {
    const r = scoreCountRatio(rule, ctxOf('10', { 达到预期值的数量指标个数: '7', 数量指标个数: '9' }));
    expect(r.outcome === 'scored' && r.score.toFixed(2)).toBe('7.78');
  });
  it('no quantity indicators and no counts: not judgeable, naming the inputs', () => {
    expect(scoreCountRatio(rule, ctxOf('10', {}))).toMatchObject({
      outcome: 'not-judgeable',
      missing: ['达到预期值的数量指标个数', '数量指标个数'],
    });
  });
});
