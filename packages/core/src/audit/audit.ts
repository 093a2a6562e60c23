import type { Evaluation, EvaluationDocument, NarrativeStatement, ReadIssue } from '../model/evaluation.ts';
import type { Finding, Severity } from '../model/finding.ts';
import type { EvaluationResult, ScoreResult } from '../model/result.ts';
import type { AuditContext, Check } from './context.ts';
import { mergeSameFindings } from './merge.ts';
import { checkBudgetRatios } from './checks/budget-ratios.ts';
import { checkBudgetSums } from './checks/budget-sums.ts';
import { checkBudgetAdjustments } from './checks/budget-adjustment.ts';
import { checkClaims, checkClaimsAgainstResults } from './checks/claims.ts';
import { checkCompleteness } from './checks/completeness.ts';
import { checkIndicatorCounts } from './checks/counts.ts';
import { checkDeviationReasons } from './checks/deviation-reasons.ts';
import { checkExecutionAnomalies } from './checks/execution-anomaly.ts';
import { checkGrade } from './checks/grade.ts';
import { checkIndicatorQuality } from './checks/indicator-quality.ts';
import { checkLevel2Names } from './checks/level2-names.ts';
import { checkIndicatorsAgainstBudget } from './checks/indicator-vs-budget.ts';
import {
  checkRuleDeviation,
  checkScoreExceedsWeight,
  checkScoredWithoutActual,
} from './checks/indicator-scores.ts';
import { checkNarrativeChanges } from './checks/narrative-changes.ts';
import { checkNarrativeConflicts } from './checks/narrative-conflicts.ts';
import { checkNarrativeShares } from './checks/narrative-shares.ts';
import { checkNarrativeSums } from './checks/narrative-sums.ts';
import { checkNarrativeAgainstTables } from './checks/narrative-vs-tables.ts';
import { checkScoreSums } from './checks/score-sums.ts';
import { checkSummaryRows } from './checks/summary-rows.ts';
import { checkWeights } from './checks/weights.ts';
import { checkPrintedWeights } from './checks/printed-weights.ts';
import { checkStatedActuals } from './checks/stated-actuals.ts';
import { checkComponentRows } from './checks/component-rows.ts';
import { checkFundMeasuresMisfiled, checkOutputIsBudget } from './checks/fund-measures.ts';
import { checkStaleYears, checkTemplateText, checkUnfilledCells } from './checks/unfilled.ts';

/** Every check that looks at one evaluation, in the order a reviewer reads a form. */
export const EVALUATION_CHECKS: Check[] = [
  checkCompleteness,
  checkBudgetSums,
  checkBudgetRatios,
  checkBudgetAdjustments,
  checkExecutionAnomalies,
  checkSummaryRows,
  checkScoreExceedsWeight,
  checkScoreSums,
  checkWeights,
  checkPrintedWeights,
  checkComponentRows,
  checkUnfilledCells,
  checkTemplateText,
  checkStaleYears,
  checkScoredWithoutActual,
  checkRuleDeviation,
  checkDeviationReasons,
  checkGrade,
  checkIndicatorQuality,
  checkLevel2Names,
  checkStatedActuals,
  checkIndicatorCounts,
  checkIndicatorsAgainstBudget,
  checkOutputIsBudget,
  checkFundMeasuresMisfiled,
  checkNarrativeAgainstTables,
  checkClaims,
];

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      (a.location.line ?? Infinity) - (b.location.line ?? Infinity) ||
      a.code.localeCompare(b.code),
  );
}

export function auditEvaluation(
  evaluation: Evaluation,
  score: ScoreResult,
  document: EvaluationDocument,
): Finding[] {
  const ctx: AuditContext = { evaluation, score, document };
  const findings: Finding[] = [];
  for (const check of EVALUATION_CHECKS) findings.push(...check(ctx));
  return findings;
}

/** How core is asked for a score: the caller brings the framework registry. */
export type Scorer = (evaluation: Evaluation) => ScoreResult;

export interface DocumentAudit {
  file: string;
  results: EvaluationResult[];
  /** Findings about the prose as a whole (contradictions, shares), also attached to the evaluation they concern. */
  documentFindings: Finding[];
  issues: ReadIssue[];
  /** The prose's figures, for writers that quote the department's own (总支出, 预算执行率). */
  statements?: NarrativeStatement[];
}

/** The evaluation a prose finding belongs with: the project it names, else the department, else the first. */
function ownerOf(f: Finding, results: EvaluationResult[]): EvaluationResult | undefined {
  const about = typeof f.evidence.about === 'string' ? f.evidence.about : '';
  return (
    (about && results.find((r) => r.evaluation.projectName && about.includes(r.evaluation.projectName))) ||
    results.find((r) => r.evaluation.projectName && f.message.includes(r.evaluation.projectName)) ||
    results.find((r) => r.evaluation.kind === 'department') ||
    results[0]
  );
}

/** Scores and audits every evaluation of a document, then the document's prose as a whole. */
export function auditDocument(document: EvaluationDocument, scorer: Scorer): DocumentAudit {
  const results: EvaluationResult[] = document.evaluations.map((evaluation) => {
    const score = scorer(evaluation);
    return { evaluation, score, findings: auditEvaluation(evaluation, score, document) };
  });
  const documentFindings = mergeSameFindings([
    ...checkNarrativeSums(document),
    ...checkNarrativeShares(document),
    ...checkNarrativeChanges(document),
    ...checkNarrativeConflicts(document),
    ...checkClaimsAgainstResults(document, results),
  ]);
  for (const f of documentFindings) {
    const owner = ownerOf(f, results);
    if (!owner) continue;
    f.location.evaluation ??= owner.evaluation.title;
    owner.findings.push(f);
  }
  for (const r of results) r.findings = sortFindings(r.findings);
  return {
    file: document.file,
    results,
    documentFindings: sortFindings(documentFindings),
    issues: document.issues,
    statements: document.statements,
  };
}
