import type { Evaluation, EvaluationDocument } from '../model/evaluation.ts';
import type { ScoreResult } from '../model/result.ts';

/** What every check sees: the evaluation, its score under its framework, and the whole document around it. */
export interface AuditContext {
  evaluation: Evaluation;
  score: ScoreResult;
  document: EvaluationDocument;
}

/** A check reads the context and returns its findings; checks never throw on odd input, they skip it. */
export type Check = (ctx: AuditContext) => import('../model/finding.ts').Finding[];
