import type { FastifyInstance } from 'fastify';
import {
  auditDocument,
  scoreEvaluation,
  type EvaluationDocument,
  type FrameworkRegistry,
} from '@jixiao/core';
import { readDocumentBytes, ReadError } from '@jixiao/formats';
import type { Database } from '../../db/database.ts';
import { createDocument } from '../../store/documents.ts';
import { createEvaluation, createEvaluationIn } from '../../store/evaluations.ts';
import { badRequest, HttpError } from '../errors.ts';
import { evaluationFromBody } from '../evaluation-body.ts';
import { requireUser } from '../session-plugin.ts';
import { assertYearsOpen } from './years.ts';

/** The uploaded file of a preview or save, read into the core model; unreadable files are a 422 in Chinese. */
async function readUpload(body: unknown): Promise<{ name: string; document: EvaluationDocument }> {
  const b = (body ?? {}) as { fileName?: unknown; contentBase64?: unknown };
  if (typeof b.fileName !== 'string' || typeof b.contentBase64 !== 'string') {
    throw badRequest('导入需要 fileName 和 contentBase64（文件内容的 Base64 编码）');
  }
  const name = b.fileName.replace(/[\\/]/g, '_').slice(0, 200);
  try {
    return { name, document: await readDocumentBytes(Buffer.from(b.contentBase64, 'base64'), name) };
  } catch (error) {
    if (error instanceof ReadError) throw new HttpError(422, error.message);
    throw error;
  }
}

/** 导入与新建: a file is read and audited for preview (nothing saved); saving is a separate, explicit step. */
export function importRoutes(app: FastifyInstance, db: Database, registry: FrameworkRegistry): void {
  app.post('/api/import', async (request) => {
    requireUser(request, 'filler', 'admin');
    const { name, document } = await readUpload(request.body);
    const audit = auditDocument(document, (e) =>
      scoreEvaluation(e, registry, { related: document.evaluations }),
    );
    return {
      file: name,
      evaluations: audit.results.map((r) => ({
        evaluation: r.evaluation,
        score: r.score,
        findings: r.findings,
      })),
      issues: document.issues,
    };
  });

  /**
   * 保存导入: the same file again, with the tables chosen in the preview (`select`, indexes). The file is
   * read on the server, not taken from the browser's preview, so what is kept — the tables, and the prose
   * the audit holds them against — is what the file says. All chosen tables or none are saved.
   */
  app.post('/api/import/save', async (request) => {
    const user = requireUser(request, 'filler');
    const { name, document } = await readUpload(request.body);
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
    return db.transaction(async (tx) => {
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
  });

  app.post('/api/evaluations', async (request) => {
    const user = requireUser(request, 'filler');
    const body = (request.body ?? {}) as { evaluation?: unknown; sourceFile?: unknown };
    const e = evaluationFromBody(body.evaluation);
    await assertYearsOpen(db, [e.year]);
    return createEvaluation(db, {
      departmentId: user.departmentId!,
      evaluation: e,
      ...(typeof body.sourceFile === 'string' ? { sourceFile: body.sourceFile } : {}),
      author: { id: user.id, name: user.displayName },
      note: typeof body.sourceFile === 'string' ? `导入 ${body.sourceFile}` : '新建',
    });
  });
}
