import {
  auditInDocument,
  builtinRegistry,
  FrameworkRegistry,
  parseFramework,
  parseStated,
  type DocumentContext,
  type EvaluationDocument,
  type EvaluationResult,
  type Evaluation,
  type FrameworkPin,
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

/**
 * 实时计分 — scores and audits one evaluation in the browser with the same core function the server uses
 * (auditInDocument), so what a 填报人 sees while typing is what submission checks: with the prose and
 * sibling tables of its file when `context` is given (the draft stands in for the stored copy of
 * evaluation `selfId`), and a frozen submission under its pinned version.
 */
export function assessInBrowser(
  evaluation: Evaluation,
  pin?: FrameworkPin | null,
  context?: DocumentContext | null,
  selfId?: number,
): EvaluationResult {
  const members = context?.members.some((m) => m.id === selfId)
    ? context.members.map((m) => (m.id === selfId ? { ...m, evaluation, frozen: pin ?? null } : m))
    : [{ id: selfId ?? 0, evaluation, frozen: pin ?? null }];
  const reg = frameworks();
  // A version this browser lacks (it could not load the server's) scores under the current one; the page
  // then warns that its score differs from the server's.
  const pins = new Map(
    members.map((m) => [
      m.evaluation,
      m.frozen && reg.get(m.frozen.frameworkId, m.frozen.frameworkVersion) ? m.frozen : null,
    ]),
  );
  const document: EvaluationDocument = {
    file: context?.file ?? evaluation.source?.file ?? '',
    evaluations: members.map((m) => m.evaluation),
    statements: context?.statements ?? [],
    claims: context?.claims ?? [],
    issues: [],
  };
  return auditInDocument(document, evaluation, reg, pins);
}

/** 发现键 — core's: the key the server expects explanations under at submission. */
export { findingKey } from '@jixiao/core';

/** A cell edited to `raw`: re-parsed like an imported cell, keeping where it came from. */
export function restate(previous: Stated | undefined, raw: string): Stated {
  return parseStated(raw, previous?.source);
}
