import { describe, expect, it } from 'vitest';
import mof from '../../../frameworks/mof-project-2020.json' with { type: 'json' };
import { parseFramework } from '../../frameworks/parse.ts';
import type { RuleOf } from '../../frameworks/schema.ts';
import { D, type Dec } from '../../numbers/decimal.ts';
import { judgeWording, tierOfScore, tierRange, tiersBestFirst } from './qualitative-tiers.ts';

const rule = parseFramework(mof, 'mof.json').rules.find(
  (r): r is RuleOf<'qualitative-tiers'> => r.kind === 'qualitative-tiers',
)!;
const [achieved, partial, failed] = tiersBestFirst(rule);

describe('定性指标 tiers', () => {
  it('seed 001: 科学 = 科学 and 是 = 是 are met', () => {
    expect(judgeWording('科学', '科学', rule)).toMatchObject({ met: true, tier: achieved });
    expect(judgeWording('是', '是', rule).met).toBe(true);
  });
  it('seed 002: 年度完成 → 已完成 is a known "achieved" word', () => {
    expect(judgeWording('年度完成', '已完成', rule).met).toBe(true);
  });
  it('a blank actual leaves it open (seed 003: 优良 with no 完成值)', () => {
    expect(judgeWording('优良', '', rule)).toEqual({ met: null, tier: null });
  });
  it('an unknown wording is not guessed', () => {
    expect(judgeWording('优良', '良', rule).met).toBeNull();
  });
  it('partial and failed wordings pick their tiers', () => {
    expect(judgeWording('完成', '基本完成', rule)).toEqual({ met: false, tier: partial });
    expect(judgeWording('完成', '未完成', rule)).toEqual({ met: false, tier: failed });
  });
  it('lower bounds are inclusive: 8 of 10 is 达成, 7.99 is 部分达成, 6 is 部分达成, 5.99 is 未达成', () => {
    const w = new D(10);
    expect(tierOfScore(new D(10), w, rule)).toBe(achieved);
    expect(tierOfScore(new D(8), w, rule)).toBe(achieved);
    expect(tierOfScore(new D('7.99'), w, rule)).toBe(partial);
    expect(tierOfScore(new D(6), w, rule)).toBe(partial);
    expect(tierOfScore(new D('5.99'), w, rule)).toBe(failed);
    expect(tierOfScore(new D(0), w, rule)).toBe(failed);
  });
  it('allowed ranges are rounded to 2 decimals; an open upper bound ends one cent below', () => {
    const show = (r: [Dec, Dec]) => r.map((x) => x.toFixed(2));
    expect(show(tierRange(achieved!, new D(6), 2, rule))).toEqual(['4.80', '6.00']);
    expect(show(tierRange(partial!, new D(6), 2, rule))).toEqual(['3.60', '4.79']);
    expect(show(tierRange(failed!, new D(1), 2, rule))).toEqual(['0.00', '0.59']);
  });
});
