import { D, type Dec } from '../numbers/decimal.ts';
import { executionRatePercent } from '../numbers/execution.ts';
import type { Stated } from '../model/stated.ts';

/** An amount as written, when it is a plain number (not a percentage, not text). */
export function amountOf(s: Stated | undefined): Dec | null {
  return s?.value != null && !s.percent ? new D(s.value) : null;
}

/** A stated rate in percent with 2 decimals, when the figure is a percentage. */
export function statedRateOf(s: Stated | undefined): string | null {
  return s?.value != null && s.percent ? new D(s.value).toFixed(2) : null;
}

/** 万元 with 2 decimals, as every 汇总表 prints money. */
export const money2 = (v: Dec | null): string | null => (v === null ? null : v.toFixed(2));

/**
 * Money of one line or one group of lines: the three sums, and the sums the 执行率 is computed from — only
 * the lines that have both 调整后预算 and 执行数, so a missing 执行数 does not pull the rate down.
 */
export class Money {
  /** 年初预算数 */
  initial: Dec | null = null;
  /** 调整后预算数（全年预算数） */
  adjusted: Dec | null = null;
  /** 执行数 */
  executed: Dec | null = null;
  basisBudget = new D(0);
  basisExecuted = new D(0);
  /** How many of the lines added the rate covers. */
  basisCount = 0;

  private static plus(a: Dec | null, b: Dec | null): Dec | null {
    return b === null ? a : (a ?? new D(0)).plus(b);
  }

  /** Adds one line: its figures as written (or, for a filed 汇总表, the sums of its projects). */
  add(m: Money): this {
    this.initial = Money.plus(this.initial, m.initial);
    this.adjusted = Money.plus(this.adjusted, m.adjusted);
    this.executed = Money.plus(this.executed, m.executed);
    this.basisBudget = this.basisBudget.plus(m.basisBudget);
    this.basisExecuted = this.basisExecuted.plus(m.basisExecuted);
    this.basisCount += m.basisCount ? 1 : 0;
    return this;
  }

  static of(initial: Dec | null, adjusted: Dec | null, executed: Dec | null): Money {
    const m = new Money();
    m.initial = initial;
    m.adjusted = adjusted;
    m.executed = executed;
    if (adjusted !== null && executed !== null) {
      m.basisBudget = adjusted;
      m.basisExecuted = executed;
      m.basisCount = 1;
    }
    return m;
  }

  /** 执行率 in percent, 2 decimals, recomputed from the sums; null when no line has both figures. */
  rate(): string | null {
    if (!this.basisCount) return null;
    return executionRatePercent(this.basisExecuted, this.basisBudget)?.toFixed(2) ?? null;
  }
}
