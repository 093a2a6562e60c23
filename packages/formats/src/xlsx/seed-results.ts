import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { auditDocument, scoreEvaluation, type DocumentAudit, type FrameworkRegistry } from '@jixiao/core';
import { loadBuiltinRegistry } from '../frameworks/load.ts';
import { readDocumentFile } from '../read-file.ts';

const SEEDS = join(dirname(fileURLToPath(import.meta.url)), '../../../../examples/seeds');

export function seedFiles(): string[] {
  return readdirSync(SEEDS)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => join(SEEDS, f));
}

/** Scores and audits a document the way the CLI does (packages/cli/src/pipeline.ts). */
export function auditWith(
  doc: Parameters<typeof auditDocument>[0],
  registry: FrameworkRegistry,
): DocumentAudit {
  return auditDocument(doc, (e) => scoreEvaluation(e, registry, { related: doc.evaluations }));
}

/** Every seed read, scored and audited: the evaluations the xlsx tests and the benchmark write. */
export async function seedAudits(): Promise<{ registry: FrameworkRegistry; audits: DocumentAudit[] }> {
  const registry = await loadBuiltinRegistry();
  const audits: DocumentAudit[] = [];
  for (const file of seedFiles()) audits.push(auditWith(await readDocumentFile(file), registry));
  return { registry, audits };
}
