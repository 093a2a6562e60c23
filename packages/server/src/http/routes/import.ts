import type { FastifyInstance, FastifyReply } from 'fastify';
import type { EvaluationDocument, FrameworkRegistry } from '@jixiao/core';
import type { Database, Queryable } from '../../db/database.ts';
import { clientSignal, type WorkPool } from '../../work/pool.ts';
import type { ReadUploadResult, ReadUploadTask } from '../../work/read-upload.worker.ts';
import { createDocument } from '../../store/documents.ts';
import { createEvaluation, createEvaluationIn } from '../../store/evaluations.ts';
import { refreshResults } from '../../store/results.ts';
import { badRequest, HttpError } from '../errors.ts';
import { evaluationFromBody } from '../evaluation-body.ts';
import { requireUser } from '../session-plugin.ts';
import { uploadFileName } from '../validate.ts';
import { assertYearsOpen } from './years.ts';

/** The framework definitions as stored, for a worker to score with (it has no database). */
async function frameworkDefinitions(db: Queryable): Promise<string> {
  const r = await db.query<{ definition: unknown }>('select definition from frameworks order by seq');
  return JSON.stringify(
    r.rows.map((x) => (typeof x.definition === 'string' ? JSON.parse(x.definition) : x.definition)),
  );
}

/**
 * Reads (and for a preview scores and audits) an upload in the worker pool, cancelled when the client
 * goes away; unreadable files are a 422 in Chinese, a full queue a 429.
 */
async function inPool(
  pool: WorkPool,
  db: Queryable,
  reply: FastifyReply,
  upload: { name: string; bytes: Buffer },
  mode: ReadUploadTask['mode'],
): Promise<string> {
  const task: ReadUploadTask = {
    bytes: upload.bytes,
    name: upload.name,
    mode,
    frameworks: await frameworkDefinitions(db),
  };
  const r = await pool.run<ReadUploadResult>(task, {
    what: `读取文件 ${upload.name} `,
    signal: clientSignal(reply),
  });
  if (!r.ok) throw new HttpError(422, r.message);
  return r.json;
}

/** The uploaded file of a preview or save: its name and bytes; the bytes are read in the worker pool. */
function readUpload(body: unknown): { name: string; bytes: Buffer } {
  const b = (body ?? {}) as { fileName?: unknown; contentBase64?: unknown };
  if (typeof b.fileName !== 'string' || typeof b.contentBase64 !== 'string') {
    throw badRequest('导入需要 fileName 和 contentBase64（文件内容的 Base64 编码）');
  }
  return { name: uploadFileName(b.fileName), bytes: Buffer.from(b.contentBase64, 'base64') };
}

/** 导入与新建: a file is read and audited for preview (nothing saved); saving is a separate, explicit step. */
export function importRoutes(
  app: FastifyInstance,
  db: Database,
  registry: FrameworkRegistry,
  pool: WorkPool,
): void {
  app.post('/api/import', async (request, reply) => {
    requireUser(request, 'filler', 'admin');
    const json = await inPool(pool, db, reply, readUpload(request.body), 'preview');
    return reply.type('application/json; charset=utf-8').send(json);
  });

  /**
   * 保存导入: the same file again, with the tables chosen in the preview (`select`, indexes). The file is
   * read on the server, not taken from the browser's preview, so what is kept — the tables, and the prose
   * the audit holds them against — is what the file says. All chosen tables or none are saved.
   */
  app.post('/api/import/save', async (request, reply) => {
    const user = requireUser(request, 'filler');
    const upload = readUpload(request.body);
    const name = upload.name;
    const document = JSON.parse(await inPool(pool, db, reply, upload, 'read')) as EvaluationDocument;
    const select = (request.body as { select?: unknown }).select;
    const chosen =
      select === undefined ? document.evaluations.map((_, i) => i) : Array.isArray(select) ? select : null;
    if (
      !chosen ||
      !chosen.length ||
      chosen.some((i) => !Number.isInteger(i) || i < 0 || i >= document.evaluations.length)
    ) {
      throw badRequest(`select 应为要保存的表的序号（0–${document.evaluations.length - 1}）`);
    }
    await assertYearsOpen(
      db,
      (chosen as number[]).map((i) => document.evaluations[i]?.year),
    );
    const saved = await db.transaction(async (tx) => {
      const documentId = await createDocument(tx, { ...document, file: name });
      const saved = [];
      for (const i of [...new Set(chosen as number[])].sort((a, b) => a - b)) {
        const e = document.evaluations[i]!;
        saved.push(
          await createEvaluationIn(tx, {
            departmentId: user.departmentId!,
            evaluation: e,
            sourceFile: name,
            author: { id: user.id, name: user.displayName },
            note: `导入 ${name}`,
            documentId,
          }),
        );
      }
      return saved.map((x) => ({ id: x.id, title: x.evaluation.title }));
    });
    // One file: refreshing one of its tables computes them all (they are each other's basis).
    if (saved[0]) await refreshResults(db, registry, saved[0].id);
    return saved;
  });

  app.post('/api/evaluations', async (request) => {
    const user = requireUser(request, 'filler');
    const body = (request.body ?? {}) as { evaluation?: unknown; sourceFile?: unknown };
    const e = evaluationFromBody(body.evaluation);
    const sourceFile = typeof body.sourceFile === 'string' ? uploadFileName(body.sourceFile) : undefined;
    await assertYearsOpen(db, [e.year]);
    const created = await createEvaluation(db, {
      departmentId: user.departmentId!,
      evaluation: e,
      ...(sourceFile ? { sourceFile } : {}),
      author: { id: user.id, name: user.displayName },
      note: sourceFile ? `导入 ${sourceFile}` : '新建',
    });
    await refreshResults(db, registry, created.id);
    return created;
  });
}
