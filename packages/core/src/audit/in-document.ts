import type { FrameworkRegistry } from '../frameworks/registry.ts';
import type { Evaluation, EvaluationDocument } from '../model/evaluation.ts';
import type { EvaluationResult } from '../model/result.ts';
import { scoreEvaluation } from '../scoring/score.ts';
import { auditDocument } from './audit.ts';

/** An exact framework version an evaluation stays scored under (a submission's frozen one). */
export interface FrameworkPin {
  frameworkId: string;
  frameworkVersion: string;
}

/**
 * 审核所依据的文件 — what a stored evaluation is audited with besides its own figures: the prose of the file
 * it was imported from and every table of that file (itself included, in file order, each with its pin).
 * The server sends it with an evaluation so the browser audits an edit exactly as the server will.
 */
export interface DocumentContext {
  file: string;
  statements: EvaluationDocument['statements'];
  claims: NonNullable<EvaluationDocument['claims']>;
  members: Array<{ id: number; evaluation: Evaluation; frozen: FrameworkPin | null }>;
}

/**
 * Scores and audits `target`, one of `document.evaluations`, as it stands among the rest of its file: the
 * prose is held against its tables, a 部门整体 criterion counts its sibling projects, and each evaluation
 * with a pin is scored under exactly that framework version. The server (stored evaluations) and the
 * browser (an edit as it is typed) both call this, so they cannot disagree.
 */
export function auditInDocument(
  document: EvaluationDocument,
  target: Evaluation,
  registry: FrameworkRegistry,
  pins: ReadonlyMap<Evaluation, FrameworkPin | null | undefined> = new Map(),
): EvaluationResult {
  const index = document.evaluations.indexOf(target);
  if (index < 0) throw new Error('auditInDocument: the evaluation is not one of the document’s');
  const related = document.evaluations;
  const audit = auditDocument(document, (e) => {
    const pin = pins.get(e);
    return scoreEvaluation(e, registry, {
      related,
      ...(pin ? { frameworkId: pin.frameworkId, frameworkVersion: pin.frameworkVersion } : {}),
    });
  });
  return audit.results[index]!;
}
