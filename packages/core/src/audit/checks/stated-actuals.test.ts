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

describe('a 完成值 written as a range (corpus 043)', () => {
  it('finds actuals like ≥90% scored, once for the table, naming each row', () => {
    const e = evaluation({
      indicators: [
        indicator({ name: '采购的原原种合格率', target: '≥90%', actual: '≥90%', weight: '8', score: '8' }),
        indicator({ name: '认知度', target: '≥50%', actual: '≤50%', weight: '8', score: '8' }),
        indicator({ name: '免费发放原原种', target: '550万粒', actual: '550万粒', weight: '8', score: '8' }),
      ],
    });
    const found = checkStatedActuals(ctx(e)).filter((f) => /范围/.test(f.message));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      code: 'indicator-quality',
      severity: 'warning',
      rule: 'audit.actual-not-measured',
    });
    expect(found[0]!.message).toContain('2 个指标的完成值写成了范围');
    expect(found[0]!.message).toContain('「认知度」完成值「≤50%」（指标值 ≥50%，得 8 分）');
    expect(found[0]!.message).not.toContain('免费发放原原种');
  });

  it('is silent on a range actual not scored, and on a measured one', () => {
    const e = evaluation({
      indicators: [
        indicator({ name: '合格率', target: '≥90%', actual: '≥90%', weight: '8', score: '' }),
        indicator({ name: '满意度', target: '≥90%', actual: '96%', weight: '8', score: '8' }),
      ],
    });
    expect(checkStatedActuals(ctx(e))).toEqual([]);
  });
});
