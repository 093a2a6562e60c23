import type { SourceRef } from './source.ts';

/** The audit's finding codes (DESIGN.md "Findings"). Stable: others rely on them. */
export const FINDING_CODES = [
  'sum-mismatch',
  'ratio-mismatch',
  'cross-table-mismatch',
  'narrative-conflict',
  'grade-mismatch',
  'score-exceeds-weight',
  'rule-deviation',
  'scored-without-actual',
  'unmet-full-score',
  'missing-deviation-reason',
  'weights-invalid',
  'indicator-quality',
  'budget-execution-anomaly',
  'unfilled',
  'year-mismatch',
  'incomplete',
] as const;

export type FindingCode = (typeof FINDING_CODES)[number];

export type Severity = 'error' | 'warning' | 'info';

/**
 * 审核发现 — one audit finding. `evidence` holds the stated value, the recomputed value and the
 * inputs, so a reviewer can check it without opening the source.
 */
export interface Finding {
  code: FindingCode;
  severity: Severity;
  /** Chinese, for a 填报人: what is wrong and what to do. */
  message: string;
  location: SourceRef & { evaluation?: string; indicator?: string; budgetLine?: string };
  evidence: Evidence;
  /** Id of the rule that produced it (framework rule id or built-in check id). */
  rule?: string;
}

export interface Evidence {
  stated?: string;
  computed?: string;
  /** The recomputation, written out: "24.81 ÷ 35.20 = 70.48%". */
  formula?: string;
  inputs?: Record<string, string>;
  /** For comparisons: the places the conflicting values come from. */
  others?: Array<{ value: string; location: SourceRef; text?: string }>;
  /** Whether a difference is within the rounding its precision allows. */
  rounding?: 'within-rounding' | 'beyond-rounding' | 'truncation';
  [key: string]: unknown;
}
