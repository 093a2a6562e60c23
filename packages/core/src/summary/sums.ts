import { D, type Dec } from '../numbers/decimal.ts';
import { executionRatePercent } from '../numbers/execution.ts';
import { Money, money2 } from './money.ts';
import type { KindGroup, SummaryTotal } from './lines.ts';

/**
 * The sums a 小计, 合计 or 看板 figure is made of, as a database adds them up (`sum(numeric)` is null when no
 * line has the figure, as Money.add leaves it). Amounts are decimals or their text; counts are integers.
 */
export interface MoneySums {
  /** How many lines were added. */
  count: number;
  initial: Dec | string | null;
  adjusted: Dec | string | null;
  executed: Dec | string | null;
  /** Σ调整后预算 and Σ执行数 over the lines that have both (the basis of the rate). */
  basisBudget: Dec | string | null;
  basisExecuted: Dec | string | null;
  /** How many of the lines have both. */
  basisCount: number;
  errors?: number;
  warnings?: number;
}

const dec = (v: Dec | string | null): Dec | null => (v === null ? null : new D(v));

/** Money out of stored sums: the same object Money.add builds line by line. */
export function moneyOfSums(s: MoneySums): Money {
  const m = new Money();
  m.initial = dec(s.initial);
  m.adjusted = dec(s.adjusted);
  m.executed = dec(s.executed);
  m.basisBudget = dec(s.basisBudget) ?? new D(0);
  m.basisExecuted = dec(s.basisExecuted) ?? new D(0);
  m.basisCount = s.basisCount;
  return m;
}

/** The sums of one Money (a line, or lines added up), as a store keeps them beside the line. */
export function sumsOfMoney(m: Money): Omit<MoneySums, 'count'> {
  return {
    initial: m.initial,
    adjusted: m.adjusted,
    executed: m.executed,
    basisBudget: m.basisCount ? m.basisBudget : null,
    basisExecuted: m.basisCount ? m.basisExecuted : null,
    basisCount: m.basisCount ? 1 : 0,
  };
}

/** Adds sums up (a department's groups into its total, departments into the 合计). */
export function addSums(all: MoneySums[]): MoneySums {
  const plus = (a: Dec | string | null, b: Dec | string | null): Dec | null =>
    b === null ? dec(a) : (dec(a) ?? new D(0)).plus(b);
  let out: MoneySums = {
    count: 0,
    initial: null,
    adjusted: null,
    executed: null,
    basisBudget: null,
    basisExecuted: null,
    basisCount: 0,
    errors: 0,
    warnings: 0,
  };
  for (const s of all) {
    out = {
      count: out.count + s.count,
      initial: plus(out.initial, s.initial),
      adjusted: plus(out.adjusted, s.adjusted),
      executed: plus(out.executed, s.executed),
      basisBudget: plus(out.basisBudget, s.basisBudget),
      basisExecuted: plus(out.basisExecuted, s.basisExecuted),
      basisCount: out.basisCount + s.basisCount,
      errors: (out.errors ?? 0) + (s.errors ?? 0),
      warnings: (out.warnings ?? 0) + (s.warnings ?? 0),
    };
  }
  return out;
}

/** 小计 / 合计 from sums: Σ of each figure, the rate recomputed from the sums over the lines that have both. */
export function totalOfSums(
  label: string,
  department: string | null,
  group: KindGroup | null,
  s: MoneySums,
): SummaryTotal {
  const m = moneyOfSums(s);
  return {
    label,
    department,
    group,
    count: s.count,
    initialBudget: money2(m.initial),
    adjustedBudget: money2(m.adjusted),
    executed: money2(m.executed),
    rate: m.rate(),
    rateCount: m.basisCount,
    errors: s.errors ?? 0,
    warnings: s.warnings ?? 0,
  };
}

/** 执行率 (%) of Σ执行数 ÷ Σ调整后预算, 2 decimals; null when nothing has both (count 0) or the budget is 0. */
export function rateOfSums(
  executed: Dec | string | null,
  budget: Dec | string | null,
  count: number,
): string | null {
  if (!count || executed === null || budget === null) return null;
  return executionRatePercent(new D(executed), new D(budget))?.toFixed(2) ?? null;
}

/** 平均分: Σ ÷ n, 2 decimals (an average of stated or computed scores); null over no score. */
export function averageOfSums(sum: Dec | string | null, count: number): string | null {
  if (!count || sum === null) return null;
  return new D(sum).div(count).toFixed(2);
}

/** Σ of figures that may be missing: null when none is there (as sum(numeric) in SQL). */
export function sumOf(values: Array<Dec | string | null>): Dec | null {
  let out: Dec | null = null;
  for (const v of values) if (v !== null) out = (out ?? new D(0)).plus(v);
  return out;
}

/** |a − b|, 2 decimals: the gap between a stated and a computed score. */
export function gapOf(a: Dec | string, b: Dec | string): string {
  return new D(a).minus(b).abs().toFixed(2);
}

/** A change between two figures of two years (百分点 for rates, 分 for scores), 2 decimals. */
export function changeOf(now: string | null, before: string | null | undefined): string | null {
  return now !== null && before != null ? new D(now).minus(before).toFixed(2) : null;
}

/** 得分分段 of the 看板's distribution: lower bound inclusive, upper exclusive (scores out of 100). */
export const SCORE_BANDS: ReadonlyArray<{ label: string; min: number | null; max: number | null }> = [
  { label: '<60', min: null, max: 60 },
  { label: '60–70', min: 60, max: 70 },
  { label: '70–80', min: 70, max: 80 },
  { label: '80–90', min: 80, max: 90 },
  { label: '≥90', min: 90, max: null },
];

/** The index of the band a score falls in. */
export function bandOf(score: Dec | string): number {
  const v = new D(score);
  return SCORE_BANDS.findIndex((b) => (b.min === null || v.gte(b.min)) && (b.max === null || v.lt(b.max)));
}

/** 等级 the 汇总表 and 看板 are filtered by: the four grades of the usual scale, as stored results name them. */
export const SUMMARY_GRADES: readonly string[] = ['优', '良', '中', '差'];
