import { describe, expect, it } from 'vitest';
import { builtinRegistry } from '../frameworks/builtin.ts';
import { newEvaluation } from '../model/build.ts';
import type { Indicator } from '../model/evaluation.ts';
import { completionOf, deadlineOf, latenessOf } from './deadline.ts';
import { row } from './fixtures/seed-shapes.ts';
import { scoreEvaluation } from './score.ts';

const reg = builtinRegistry();

/** Scores 时效 rows in a project table of the given year under the national framework. */
function scoreRows(year: number, ...rows: Indicator[]) {
  const e = newEvaluation({ id: 'd', title: '项目支出绩效自评表', kind: 'project', year, indicators: rows });
  return scoreEvaluation(e, reg, { frameworkId: 'mof-project-2020' }).indicators;
}

describe('a 时效指标 whose target is a deadline', () => {
  // 008.txt 金寨县茶谷和美丽乡村建设服务中心 部门整体支出绩效自评表(2023年度), its two 时效 rows.
  it('is met when done before it, full marks as the table gives (9月前 / 7月, 11月前 / 10月: 5 and 5)', () => {
    const [a, b] = scoreRows(
      2023,
      row('产出指标', '时效指标', '指标1:完成美丽宜居自然村庄验收时间', '9月前', '7月', '5', '5'),
      row('产出指标', '时效指标', '指标2:完成户用卫生厕所改造验收时间', '11月前', '10月', '5', '5'),
    );
    expect([a!.computed, b!.computed]).toEqual(['5.00', '5.00']);
    expect(a!.met).toBe(true);
    expect(a!.explanation.summary).toContain('截止时间「9月前」，完成于「7月」，至少提前 61 天');
    expect(a!.explanation.formula).toBe('-61 ≤ 0（成立）→ 5');
  });

  it('is not a figure to reach: 7月 against 9月前 is not 7 ÷ 9 of the points', () => {
    const [a] = scoreRows(2023, row('产出指标', '时效指标', '验收时间', '9月前', '7月', '5', '5'));
    expect(a!.explanation.formula).not.toContain('÷');
  });

  it('done after it is left to judgement below the 达成 tier, and a full stated score falls outside', () => {
    const [a] = scoreRows(2023, row('产出指标', '时效指标', '资金拨付时间', '10月底前', '12月', '10', '10'));
    expect(a!.outcome).toBe('manual');
    expect(a!.met).toBe(false);
    expect(a!.allowedRange).toEqual(['0.00', '7.99']);
    expect(a!.explanation.summary).toContain('至少逾期 31 天');
  });

  it('a day in the same month as the deadline cannot be told from a month alone: 无法判定, not 0', () => {
    const [a] = scoreRows(
      2023,
      row('产出指标', '时效指标', '验收时间', '2023年11月15日前', '11月', '5', '5'),
    );
    expect(a!.outcome).toBe('not-judgeable');
    expect(a!.computed).toBeNull();
    expect(a!.explanation.summary).toContain('看不出是否按期完成');
  });

  it('a deadline with its own year (043: 2021年11月30日前 in a 2022 table) is read as written; 11月底 is on time', () => {
    const [a] = scoreRows(
      2022,
      row('产出指标', '时效指标', '指标1', '2021年11月30日前完成资金支付', '11月底完成', '8', '8'),
    );
    expect(a!.computed).toBe('8.00');
    expect(a!.explanation.summary).toContain('按期');
  });

  it('an actual in words (按时完成) is judged as a 定性 row, not scored as a date', () => {
    const [a] = scoreRows(2023, row('产出指标', '时效指标', '完成时间', '12月底前', '按时完成', '5', '5'));
    expect(a!.outcome).toBe('manual');
    expect(a!.met).toBe(true);
    expect(a!.allowedRange).toEqual(['4.00', '5.00']);
  });
});

describe('reading deadlines and completion dates', () => {
  it('reads 前 / 之前 / 底前 as a deadline, and a month alone or a percentage as none', () => {
    expect(deadlineOf('12月底之前完成')).toMatchObject({ month: 12, day: null });
    expect(deadlineOf('10月份前完成')).toMatchObject({ month: 10, day: null });
    expect(deadlineOf('3个月内完成')).toBeNull();
    expect(deadlineOf('2023年11月30日前完成')).toMatchObject({ year: 2023, month: 11, day: 30 });
    expect(deadlineOf('10月')).toBeNull();
    expect(deadlineOf('≥95%')).toBeNull();
    expect(deadlineOf('13月前')).toBeNull();
  });
  it('a 完成值 that says it is not done has no completion date', () => {
    expect(completionOf('未完成').kind).toBe('none');
    expect(completionOf('延期至12月').kind).toBe('none');
    expect(completionOf('2023年10月20日').kind).toBe('date');
  });
  it('a deadline without a year in a form without a year cannot be placed', () => {
    const r = latenessOf(deadlineOf('9月前')!, completionOf('7月'), null);
    expect(r).toEqual({ ok: false, reason: '截止时间「9月前」没有年份，评价表也没有年度' });
  });
  it('counts days exactly when both give a day', () => {
    const r = latenessOf(deadlineOf('2023年11月30日前')!, completionOf('2023年12月2日'), 2023);
    expect(r).toEqual({ ok: true, days: 2, shown: '逾期 2 天' });
  });
});
