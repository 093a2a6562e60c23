import type { FastifyInstance } from 'fastify';
import { auditDocument, scoreEvaluation, type FrameworkRegistry } from '@jixiao/core';
import { readDocumentBytes, ReadError } from '@jixiao/formats';
import type { Database } from '../../db/database.ts';
import { createEvaluation } from '../../store/evaluations.ts';
import { badRequest, HttpError } from '../errors.ts';
import { evaluationFromBody } from '../evaluation-body.ts';
import { requireUser } from '../session-plugin.ts';

/** 导入与新建: a file is read and audited for preview (nothing saved); saving is a separate, explicit step. */
export function importRoutes(app: FastifyInstance, db: Database, registry: FrameworkRegistry): void {
  app.post('/api/import', async (request) => {
    requireUser(request, 'filler', 'admin');
    const body = (request.body ?? {}) as { fileName?: unknown; contentBase64?: unknown };
    if (typeof body.fileName !== 'string' || typeof body.contentBase64 !== 'string') {
      throw badRequest('导入需要 fileName 和 contentBase64（文件内容的 Base64 编码）');
    }
    const name = body.fileName.replace(/[\\/]/g, '_').slice(0, 200);
    let document;
    try {
      document = await readDocumentBytes(Buffer.from(body.contentBase64, 'base64'), name);
    } catch (error) {
      if (error instanceof ReadError) throw new HttpError(422, error.message);
      throw error;
    }
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

  app.post('/api/evaluations', async (request) => {
    const user = requireUser(request, 'filler');
    const body = (request.body ?? {}) as { evaluation?: unknown; sourceFile?: unknown };
    const e = evaluationFromBody(body.evaluation);
    return createEvaluation(db, {
      departmentId: user.departmentId!,
      evaluation: e,
      ...(typeof body.sourceFile === 'string' ? { sourceFile: body.sourceFile } : {}),
      author: { id: user.id, name: user.displayName },
      note: typeof body.sourceFile === 'string' ? `导入 ${body.sourceFile}` : '新建',
    });
  });
}
