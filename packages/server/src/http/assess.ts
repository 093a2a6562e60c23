import {
  auditDocument,
  scoreEvaluation,
  type Evaluation,
  type EvaluationResult,
  type FrameworkRegistry,
} from '@jixiao/core';

/**
 * Scores and audits one stored evaluation as the CLI does a file. The prose statements of the original
 * document are not stored with it yet, so prose-against-table findings appear only at import.
 */
export function assess(registry: FrameworkRegistry, evaluation: Evaluation): EvaluationResult {
  const document = {
    file: evaluation.source?.file ?? '',
    evaluations: [evaluation],
    statements: [],
    issues: [],
  };
  return auditDocument(document, (e) => scoreEvaluation(e, registry)).results[0]!;
}

/** A finding's key for explanations at submission: stable across re-audits of the same figures. */
export function findingKey(f: EvaluationResult['findings'][number]): string {
  return [f.code, f.location.line ?? '', f.location.indicator ?? f.location.budgetLine ?? ''].join(':');
}
