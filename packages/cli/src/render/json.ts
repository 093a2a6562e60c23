import type { DocumentAudit, EvaluationResult, Finding } from '@jixiao/core';

/** One file's share of `jixiao audit --json` (DESIGN.md "CLI JSON"): names and meanings are a contract. */
export interface JsonDocument {
  file: string;
  evaluations: JsonEvaluation[];
  /** What kept the file (or part of it) from being read. */
  errors: Array<{ message: string; location?: unknown }>;
  /** What the reader repaired or could not use, with its place (a shifted row, a page-break join). */
  warnings: Array<{ message: string; location?: unknown }>;
}

export interface JsonEvaluation {
  title: string;
  kind: string;
  year: number | null;
  statedTotal: string | null;
  computedTotal: string | null;
  statedGrade: string | null;
  computedGrade: string | null;
  indicatorCount: number;
  findings: Array<
    Pick<Finding, 'code' | 'severity' | 'message' | 'location' | 'evidence'> & { rule?: string }
  >;
  // Beyond the contract: what a reviewer needs to trust the numbers above.
  organization: string | null;
  projectName: string | null;
  framework: { id: string; version: string; name: string; chosenBy: string };
  totalIncomplete: boolean;
  maxTotal: string;
  counts: { error: number; warning: number; info: number };
}

export function evaluationJson(r: EvaluationResult): JsonEvaluation {
  const { evaluation: e, score } = r;
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of r.findings) counts[f.severity]++;
  return {
    title: e.title,
    kind: e.kind,
    year: e.year ?? null,
    statedTotal: e.statedTotal?.raw || null,
    computedTotal: score.computedTotal,
    statedGrade: e.statedGrade?.raw ?? null,
    computedGrade: score.computedGrade,
    indicatorCount: e.indicators.length,
    findings: r.findings.map((f) => ({
      code: f.code,
      severity: f.severity,
      message: f.message,
      location: f.location,
      evidence: f.evidence,
      ...(f.rule ? { rule: f.rule } : {}),
    })),
    organization: e.organization ?? null,
    projectName: e.projectName ?? null,
    framework: {
      id: score.frameworkId,
      version: score.frameworkVersion,
      name: score.frameworkName,
      chosenBy: score.frameworkChosenBy,
    },
    totalIncomplete: score.totalIncomplete,
    maxTotal: score.maxTotal,
    counts,
  };
}

export function documentJson(audit: DocumentAudit): JsonDocument {
  return {
    file: audit.file,
    evaluations: audit.results.map(evaluationJson),
    errors: audit.issues
      .filter((i) => i.severity === 'error')
      .map((i) => ({ message: i.message, location: i.source })),
    warnings: audit.issues
      .filter((i) => i.severity !== 'error')
      .map((i) => ({ message: i.message, location: i.source })),
  };
}

export function unreadableJson(file: string, message: string, location?: unknown): JsonDocument {
  return { file, evaluations: [], errors: [{ message, ...(location ? { location } : {}) }], warnings: [] };
}
