import { describe, expect, it } from 'vitest';
import { ctx, evaluation, indicator } from '../test-kit.ts';
import { checkStatedActuals } from './stated-actuals.ts';

const one = (init: Parameters<typeof indicator>[0]) =>
  checkStatedActuals(ctx(evaluation({ indicators: [indicator(init)] })));

describe('actuals that are not measured values', () => {
  it('finds "完成" against "≤30万元", naming both and the score', () => {
    const [f] = one({
      name: '项目成本',
      level2: '成本指标',
      direction: '≤',
      target: '≤30万元',
      actual: '完成',
      weight: '10',
      score: '10',
    });
    expect(f).toMatchObject({
      code: 'indicator-quality',
      severity: 'warning',
      rule: 'audit.actual-not-measured',
    });
    expect(f!.message).toContain('指标值为 ≤30万元，完成值却只写了「完成」');
  });
  it('finds "无经济效益" scored full marks', () => {
    const [f] = one({
      name: '经济效益',
      level2: '经济效益指标',
      target: '有所提升',
      direction: 'qualitative',
      actual: '无经济效益',
      weight: '10',
      score: '10',
    });
    expect(f).toMatchObject({ code: 'unmet-full-score', rule: 'audit.actual-not-measured' });
  });
  it('finds a qualitative target that names both ends ("好坏")', () => {
    const [f] = one({
      name: '服务质量',
      direction: 'qualitative',
      target: '好坏',
      actual: '好',
      weight: '10',
      score: '10',
    });
    expect(f).toMatchObject({ rule: 'audit.qualitative-target' });
    expect(f!.message).toContain('「好坏」');
  });
  it('is silent on a measured actual, and on "完成" against a qualitative target', () => {
    expect(
      one({
        name: '项目成本',
        direction: '≤',
        target: '≤30万元',
        actual: '28.6万元',
        weight: '10',
        score: '10',
      }),
    ).toEqual([]);
    expect(
      one({
        name: '工作任务',
        direction: 'qualitative',
        target: '按时完成',
        actual: '完成',
        weight: '10',
        score: '10',
      }),
    ).toEqual([]);
  });
});
