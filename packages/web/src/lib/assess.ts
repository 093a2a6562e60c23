import {
  auditDocument,
  builtinRegistry,
  parseStated,
  scoreEvaluation,
  type EvaluationResult,
  type Evaluation,
  type Finding,
  type FrameworkRegistry,
  type Stated,
} from '@jixiao/core';

let registry: FrameworkRegistry | null = null;

/** 评分框架 — the shipped frameworks, bundled with core and parsed once in the browser. */
export function frameworks(): FrameworkRegistry {
  registry ??= builtinRegistry();
  return registry;
}

/**
 * 实时计分 — scores and audits one evaluation in the browser exactly as the server does
 * (packages/server/src/http/assess.ts), so what a 填报人 sees while typing is what submission checks.
 */
export function assessInBrowser(evaluation: Evaluation): EvaluationResult {
  const document = {
    file: evaluation.source?.file ?? '',
    evaluations: [evaluation],
    statements: [],
    issues: [],
  };
  return auditDocument(document, (e) => scoreEvaluation(e, frameworks())).results[0]!;
}

/** 发现键 — the key the server expects explanations under at submission. */
export function findingKey(f: Finding): string {
  return [f.code, f.location.line ?? '', f.location.indicator ?? f.location.budgetLine ?? ''].join(':');
}

/** A cell edited to `raw`: re-parsed like an imported cell, keeping where it came from. */
export function restate(previous: Stated | undefined, raw: string): Stated {
  return parseStated(raw, previous?.source);
}
