// Runs in a job process of the pool (pool.ts, child.ts): reading an uploaded file and, for a preview, scoring and
// auditing it — the heavy part of an import, off the thread that answers every other request.
import { auditDocument, FrameworkRegistry, parseFramework, scoreEvaluation } from '@jixiao/core';
import { provideReaders, readDocumentBytes, ReadError } from '@jixiao/formats';
import * as readers from '@jixiao/formats/readers';

// The readers load on demand (formats/read-file.ts); here every reader is loaded with the worker instead:
// the job process exists to read, is warmed with this module before its first job (child.ts), and a
// worker thread's tsx loader could not import() a .ts file on Node 20 (this module ran in one before).
provideReaders(readers);

export interface ReadUploadTask {
  bytes: Uint8Array;
  name: string;
  /** 'preview': read, score and audit (POST /api/import); 'read': the document only (save). */
  mode: 'preview' | 'read';
  /** The framework definitions the server scores with (as stored), JSON: a worker has no database. */
  frameworks: string;
}

/** JSON text of the answer (a clone of a large document costs more than its text), or a refusal. */
export type ReadUploadResult = { ok: true; json: string } | { ok: false; message: string };

let cached: { key: string; registry: FrameworkRegistry } | undefined;

function registryOf(frameworks: string): FrameworkRegistry {
  if (cached?.key === frameworks) return cached.registry;
  const registry = new FrameworkRegistry();
  for (const definition of JSON.parse(frameworks) as unknown[])
    registry.add(parseFramework(definition, '服务器上的评分框架'));
  cached = { key: frameworks, registry };
  return registry;
}

export default async function readUpload(task: ReadUploadTask): Promise<ReadUploadResult> {
  try {
    const document = await readDocumentBytes(task.bytes, task.name);
    if (task.mode === 'read') return { ok: true, json: JSON.stringify(document) };
    const registry = registryOf(task.frameworks);
    const audit = auditDocument(document, (e) =>
      scoreEvaluation(e, registry, { related: document.evaluations }),
    );
    return {
      ok: true,
      json: JSON.stringify({
        file: task.name,
        evaluations: audit.results.map((r) => ({
          evaluation: r.evaluation,
          score: r.score,
          findings: r.findings,
        })),
        issues: document.issues,
      }),
    };
  } catch (error) {
    // Error classes do not cross the process boundary: a file that cannot be read comes back as its message.
    if (error instanceof ReadError) return { ok: false, message: error.message };
    throw error;
  }
}
