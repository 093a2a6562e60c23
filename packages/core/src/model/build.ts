import type { Evaluation, EvaluationKind } from './evaluation.ts';

/** An evaluation with every list present and empty, for readers and tests to fill. */
export function newEvaluation(
  init: { id: string; title: string; kind: EvaluationKind } & Partial<Evaluation>,
): Evaluation {
  return {
    budget: [],
    indicators: [],
    categoryScores: [],
    summaryRows: [],
    indicatorCounts: [],
    monitoring: [],
    unmetExplanations: [],
    formSignature: [],
    inputs: {},
    ...init,
  };
}
