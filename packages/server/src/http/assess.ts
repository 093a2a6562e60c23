import {
  auditDocument,
  auditInDocument,
  scoreEvaluation,
  type DocumentContext,
  type Evaluation,
  type EvaluationResult,
  type FrameworkPin,
  type FrameworkRegistry,
  type ScoreResult,
} from '@jixiao/core';
import type { Queryable } from '../db/database.ts';
import { storedDocument } from '../store/documents.ts';
import { frameworkVersion } from '../store/frameworks.ts';
import type { StoredEvaluation } from '../store/evaluations.ts';

export type { FrameworkPin } from '@jixiao/core';

/**
 * Scores and audits one evaluation on its own, as the CLI does a one-table file: under `pin` when given,
 * else under the framework it names or is detected as (the current version). A stored evaluation is
 * assessed with its file by `assessStored`.
 */
export function assess(
  registry: FrameworkRegistry,
  evaluation: Evaluation,
  pin?: FrameworkPin,
): EvaluationResult {
  const document = {
    file: evaluation.source?.file ?? '',
    evaluations: [evaluation],
    statements: [],
    issues: [],
  };
  return auditInDocument(document, evaluation, registry, new Map([[evaluation, pin]]));
}

/**
 * 按新版框架重新计分: a frozen submission scored again under the current version of its framework — a
 * separate, labelled result for comparison; it never replaces the submitted score.
 */
export interface Rescored {
  label: string;
  frameworkId: string;
  frameworkVersion: string;
  frameworkName: string;
  score: ScoreResult;
}

/** A stored evaluation's file as core audits it, with the frozen pins of its members. */
async function documentOf(
  db: Queryable,
  registry: FrameworkRegistry,
  stored: StoredEvaluation,
  read?: Awaited<ReturnType<typeof storedDocument>>,
) {
  const context = read === undefined ? await storedDocument(db, stored) : read;
  const members = context?.members ?? [stored];
  const document = context?.document ?? {
    file: stored.evaluation.source?.file ?? '',
    evaluations: [stored.evaluation],
    statements: [],
    issues: [],
  };
  const pins = new Map<Evaluation, FrameworkPin>();
  for (const m of members) {
    if (!m.frozen) continue;
    // Loads the version from the database if another app process stored it after this one started.
    await frameworkVersion(db, registry, m.frozen.frameworkId, m.frozen.frameworkVersion);
    pins.set(m.evaluation, m.frozen);
  }
  const shared: DocumentContext | null = context && {
    file: document.file,
    statements: document.statements,
    claims: document.claims ?? [],
    members: members.map((m) => ({ id: m.id, evaluation: m.evaluation, frozen: m.frozen })),
  };
  return { document, pins, shared };
}

/**
 * The file a stored evaluation was imported from, as its page shows it beside the stored result — read,
 * not audited — and its score under the newest version of its framework when it was submitted under an
 * older one (see Rescored).
 */
export async function storedContext(
  db: Queryable,
  registry: FrameworkRegistry,
  stored: StoredEvaluation,
): Promise<{ context: DocumentContext | null; rescored: Rescored | null }> {
  const { document, shared } = await documentOf(db, registry, stored);
  return { context: shared, rescored: rescoredOf(registry, stored, document.evaluations) };
}

function rescoredOf(
  registry: FrameworkRegistry,
  stored: StoredEvaluation,
  related: Evaluation[],
): Rescored | null {
  const frozen = stored.frozen;
  const current = frozen ? registry.get(frozen.frameworkId) : undefined;
  if (!frozen || !current || current.version === frozen.frameworkVersion) return null;
  return {
    label: `按新版框架「${current.name}」${current.version} 版重新计分，仅供对照；提交时按 ${frozen.frameworkVersion} 版计分的结果不变`,
    frameworkId: current.id,
    frameworkVersion: current.version,
    frameworkName: current.name,
    score: scoreEvaluation(stored.evaluation, registry, {
      related,
      frameworkId: current.id,
      frameworkVersion: current.version,
    }),
  };
}

/**
 * A stored evaluation's score and findings, audited with the file it was imported from — its prose and its
 * sibling tables, as stored now — as the import preview showed them. A submitted, accepted or published
 * evaluation is scored under the framework version it was submitted with, for ever; a draft under the
 * current version. When a newer version of a frozen evaluation's framework exists, `rescored` carries its
 * result beside, labelled. Reads take the stored result instead (store/results.ts), which assessFile computes.
 */
export async function assessStored(
  db: Queryable,
  registry: FrameworkRegistry,
  stored: StoredEvaluation,
): Promise<{ result: EvaluationResult; rescored: Rescored | null; context: DocumentContext | null }> {
  const { document, pins, shared } = await documentOf(db, registry, stored);
  const result = auditInDocument(document, stored.evaluation, registry, pins);
  return { result, context: shared, rescored: rescoredOf(registry, stored, document.evaluations) };
}

/**
 * Every evaluation of a stored evaluation's file scored and audited in one audit of the file, each as
 * assessStored would (core's auditInDocument is this audit, picking one result): a file of n tables costs
 * one audit, not n. Members in file order, each with its result.
 */
export async function assessFile(
  db: Queryable,
  registry: FrameworkRegistry,
  stored: StoredEvaluation,
): Promise<Array<{ member: StoredEvaluation; result: EvaluationResult }>> {
  const context = await storedDocument(db, stored);
  const members = context?.members ?? [stored];
  const { document, pins } = await documentOf(db, registry, stored, context);
  const related = document.evaluations;
  const audit = auditDocument(document, (e) => {
    const pin = pins.get(e);
    return scoreEvaluation(e, registry, {
      related,
      ...(pin ? { frameworkId: pin.frameworkId, frameworkVersion: pin.frameworkVersion } : {}),
    });
  });
  return members.map((member, i) => ({ member, result: audit.results[i]! }));
}

/** 发现键: core's, re-exported where the routes have always found it. */
export { findingKey } from '@jixiao/core';
