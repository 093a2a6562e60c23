import type { Evidence, Finding, FindingCode, Severity } from '../model/finding.ts';
import type { SourceRef } from '../model/source.ts';
import type { Stated } from '../model/stated.ts';
import type { Evaluation } from '../model/evaluation.ts';
import { D, type Dec } from '../numbers/decimal.ts';
import { compareWithRounding, halfUnit, type RoundingVerdict } from '../numbers/tolerance.ts';

export interface FindingInit {
  code: FindingCode;
  severity: Severity;
  message: string;
  evaluation?: Evaluation;
  source?: SourceRef;
  indicator?: string;
  budgetLine?: string;
  evidence: Evidence;
  rule: string;
}

export function finding(init: FindingInit): Finding {
  const location: Finding['location'] = { ...(init.source ?? init.evaluation?.source ?? {}) };
  if (init.evaluation) location.evaluation = init.evaluation.title;
  if (init.indicator) location.indicator = init.indicator;
  if (init.budgetLine) location.budgetLine = init.budgetLine;
  return {
    code: init.code,
    severity: init.severity,
    message: init.message,
    location,
    evidence: init.evidence,
    rule: init.rule,
  };
}

/** "1,045.50" style is for tables; findings show plain decimals to the precision that matters. */
export function show(value: Dec, places = 2): string {
  return value.toDecimalPlaces(places, D.ROUND_HALF_UP).toFixed(places);
}

export function showStated(value: Stated): string {
  return value.raw || '（空）';
}

export interface NumericComparison {
  verdict: RoundingVerdict;
  difference: Dec;
  tolerance: Dec;
}

/**
 * Compares a stated figure with its recomputation and says what kind of difference it is.
 * Returns null when they agree exactly or within rounding.
 */
export function mismatch(
  stated: Dec,
  statedDecimals: number,
  computed: Dec,
  partDecimals: number[] = [],
  extra?: Dec,
): NumericComparison | null {
  const result = compareWithRounding(stated, statedDecimals, computed, partDecimals, extra);
  if (result.verdict === 'equal' || result.verdict === 'within-rounding') return null;
  return result;
}

/** Severity of a numeric difference beyond rounding: a slip of a unit or two in the last place is a warning. */
export function severityOf(cmp: NumericComparison, statedDecimals: number): Severity {
  const twoUnits = halfUnit(statedDecimals).times(4);
  return cmp.difference.lte(twoUnits) || cmp.verdict === 'truncation' ? 'warning' : 'error';
}

export function roundingNote(cmp: NumericComparison): string {
  if (cmp.verdict === 'truncation') return '（像是截尾而非四舍五入）';
  return `（差 ${cmp.difference.toFixed()}，超出四舍五入允许的 ${cmp.tolerance.toFixed()}）`;
}

export function roundingEvidence(cmp: NumericComparison): Evidence['rounding'] {
  return cmp.verdict === 'truncation' ? 'truncation' : 'beyond-rounding';
}

/**
 * A table whose copy starts part-way down (corpus 039: the tail of the previous project's table opens the
 * page): its first row carries no 一级指标 although later rows do, so the rows that named it, and their points,
 * are not in the file. Its sums are not audited as errors, as with a table cut off at the end.
 */
export function startsMidTable(evaluation: Evaluation): boolean {
  const [first, ...rest] = evaluation.indicators;
  return !!first && !first.level1?.trim() && rest.some((i) => !!i.level1?.trim());
}

/**
 * The precision of a 万元 amount as a reviewer reads it: budgets are kept to the 元 hundredth, so "62.4" 万元 is
 * 62.40 with its last zero dropped, not 62.35–62.45 (seed 003). Other figures keep their printed precision.
 */
export function amountDecimals(value: Stated): number {
  return Math.max(value.decimals, 2);
}
