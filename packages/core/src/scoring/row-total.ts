import type { BudgetLine, Evaluation } from '../model/evaluation.ts';
import { D, sum } from '../numbers/decimal.ts';

/** 各项得分合计 — the 自评得分 the form's own rows add up to, and the rows still without one. */
export interface RowScoreTotal {
  /** Σ of the stated 得分 of budget execution and every applicable indicator; null while a row has none. */
  total: string | null;
  /** Rows whose 得分 is blank or not a number, by name (第 n 行 while a row has no name). */
  missing: string[];
}

/**
 * A budget line with a 得分 of its own: one that carries a 分值 (the 年度资金总额 line of the official form), or
 * states a score. A 得分 column left blank on the other lines (an xlsx's empty cells) is no score row.
 */
export function scoredBudgetLine(l: BudgetLine): boolean {
  return l.weight?.value != null || l.statedScore?.value != null;
}

/**
 * 自评得分 from the rows: the budget line that carries a 得分 cell (the 年度资金总额 line of the official
 * form) plus every indicator not marked 不适用. Only a complete set of row scores gives a total — half a
 * form does not have a 自评得分.
 */
export function rowScoreTotal(e: Pick<Evaluation, 'budget' | 'indicators'>): RowScoreTotal {
  const rows = [
    ...e.budget.filter(scoredBudgetLine).map((l) => ({ name: l.label, score: l.statedScore })),
    ...e.indicators
      .map((i, k) => ({
        name: i.name.trim() || `第 ${k + 1} 个指标`,
        score: i.statedScore,
        skip: i.notApplicable,
      }))
      .filter((r) => !r.skip),
  ];
  const missing = rows.filter((r) => r.score?.value == null).map((r) => r.name);
  if (missing.length || !rows.length) return { total: null, missing };
  return { total: sum(rows.map((r) => new D(r.score!.value!))).toFixed(), missing };
}

/**
 * 自评得分与各项合计之差: the stated 自评得分 less the rows' total, when both are numbers and differ
 * (an override the 填报人 typed, or a document whose 合计 is not its rows' sum); null otherwise.
 */
export function statedTotalDifference(
  e: Pick<Evaluation, 'budget' | 'indicators' | 'statedTotal'>,
): { stated: string; rows: string; difference: string } | null {
  const stated = e.statedTotal?.value;
  const { total } = rowScoreTotal(e);
  if (stated == null || total === null) return null;
  const difference = new D(stated).minus(total);
  return difference.isZero() ? null : { stated, rows: total, difference: difference.toFixed() };
}
