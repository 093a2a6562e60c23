import {
  auditDocument,
  builtinRegistry,
  FrameworkRegistry,
  parseFramework,
  parseStated,
  scoreEvaluation,
  type EvaluationResult,
  type Evaluation,
  type Finding,
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
 * 实时计分 — scores and audits one evaluation in the browser exactly as the server does
 * (packages/server/src/http/assess.ts), so what a 填报人 sees while typing is what submission checks.
 * A frozen submission is scored under its pinned version.
 */
export function assessInBrowser(evaluation: Evaluation, pin?: FrameworkPin | null): EvaluationResult {
  const document = {
    file: evaluation.source?.file ?? '',
    evaluations: [evaluation],
    statements: [],
    issues: [],
  };
  const reg = frameworks();
  const options =
    pin && reg.get(pin.frameworkId, pin.frameworkVersion)
      ? { frameworkId: pin.frameworkId, frameworkVersion: pin.frameworkVersion }
      : {};
  return auditDocument(document, (e) => scoreEvaluation(e, reg, options)).results[0]!;
}

/** 发现键 — the key the server expects explanations under at submission. */
export function findingKey(f: Finding): string {
  return [f.code, f.location.line ?? '', f.location.indicator ?? f.location.budgetLine ?? ''].join(':');
}

/** A cell edited to `raw`: re-parsed like an imported cell, keeping where it came from. */
export function restate(previous: Stated | undefined, raw: string): Stated {
  return parseStated(raw, previous?.source);
}
