import {
  auditDocument,
  builtinRegistry,
  FrameworkRegistry,
  parseFramework,
  parseStated,
  scoreEvaluation,
  type EvaluationDocument,
  type EvaluationResult,
  type Evaluation,
  type Stated,
} from '@jixiao/core';

let registry: FrameworkRegistry | null = null;
let loading: Promise<void> | null = null;

/**
 * 评分框架 — the server's frameworks, every version, once `loadFrameworks` has run; until then (or if the
 * server cannot be reached) the versions shipped with core, so the editor still scores.
 */
export function frameworks(): FrameworkRegistry {
  registry ??= builtinRegistry();
  return registry;
}

/**
 * Fetches every framework version the server scores with (GET /api/frameworks/definitions), so what the
 * browser shows while typing is what the server checks at submission — including versions an admin
 * uploaded and the older versions frozen submissions stay scored under. `force` reloads after an upload.
 */
export function loadFrameworks(force = false): Promise<void> {
  if (loading && !force) return loading;
  loading = (async () => {
    try {
      const res = await fetch('/api/frameworks/definitions', { credentials: 'same-origin' });
      if (!res.ok) return;
      const reg = new FrameworkRegistry();
      for (const definition of (await res.json()) as unknown[]) {
        reg.add(parseFramework(definition, '服务器上的评分框架'));
      }
      registry = reg;
    } catch {
      // Offline or an old server: keep the shipped versions; the page's mismatch warning says so.
    }
  })();
  return loading;
}

/** An exact framework version: a submission's frozen one. */
export interface FrameworkPin {
  frameworkId: string;
  frameworkVersion: string;
}

/**
 * 审核所依据的文件 — GET /api/evaluations/:id's `context`: the prose of the imported file and all its tables
 * (this one included), as the server audits them.
 */
export interface AuditContext {
  file: string;
  statements: EvaluationDocument['statements'];
  claims: NonNullable<EvaluationDocument['claims']>;
  members: Array<{ id: number; evaluation: Evaluation; frozen: FrameworkPin | null }>;
}

/**
 * 实时计分 — scores and audits one evaluation in the browser exactly as the server does
 * (packages/server/src/http/assess.ts assessStored), so what a 填报人 sees while typing is what submission
 * checks: with the prose and sibling tables of its file when `context` is given (the draft stands in for
 * the stored copy of evaluation `selfId`), and a frozen submission under its pinned version.
 */
export function assessInBrowser(
  evaluation: Evaluation,
  pin?: FrameworkPin | null,
  context?: AuditContext | null,
  selfId?: number,
): EvaluationResult {
  const members = context?.members.some((m) => m.id === selfId)
    ? context.members.map((m) => (m.id === selfId ? { ...m, evaluation, frozen: pin ?? null } : m))
    : [{ id: selfId ?? 0, evaluation, frozen: pin ?? null }];
  const evaluations = members.map((m) => m.evaluation);
  const document: EvaluationDocument = {
    file: context?.file ?? evaluation.source?.file ?? '',
    evaluations,
    statements: context?.statements ?? [],
    claims: context?.claims ?? [],
    issues: [],
  };
  const reg = frameworks();
  const pins = new Map(members.map((m) => [m.evaluation, m.frozen]));
  const audit = auditDocument(document, (e) => {
    const p = pins.get(e);
    return scoreEvaluation(e, reg, {
      related: evaluations,
      ...(p && reg.get(p.frameworkId, p.frameworkVersion)
        ? { frameworkId: p.frameworkId, frameworkVersion: p.frameworkVersion }
        : {}),
    });
  });
  return audit.results[evaluations.indexOf(evaluation)]!;
}

/** 发现键 — core's: the key the server expects explanations under at submission. */
export { findingKey } from '@jixiao/core';

/** A cell edited to `raw`: re-parsed like an imported cell, keeping where it came from. */
export function restate(previous: Stated | undefined, raw: string): Stated {
  return parseStated(raw, previous?.source);
}
