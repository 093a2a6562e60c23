import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  sameOrganization,
  type Evaluation,
  type EvaluationDocument,
  type FrameworkRegistry,
} from '@jixiao/core';
import type { Database, Queryable } from '../../db/database.ts';
import { clientSignal, type WorkPool } from '../../work/pool.ts';
import type { ReadUploadResult, ReadUploadTask } from '../../work/read-upload.worker.ts';
import { createDocument } from '../../store/documents.ts';
import {
  createEvaluation,
  createEvaluationIn,
  editableTwins,
  findDepartment,
  updateFromImportIn,
} from '../../store/evaluations.ts';
import { refreshResults } from '../../store/results.ts';
import { badRequest, HttpError } from '../errors.ts';
import { evaluationFromBody } from '../evaluation-body.ts';
import { requireUser } from '../session-plugin.ts';
import type { User } from '../../auth/users.ts';
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

/**
 * 部门核对: the tables of a file that name another body as their 部门(单位) than the department they would
 * be saved for (a table that names none is not held against it).
 */
function elsewhere(
  evaluations: Evaluation[],
  department: string,
): Array<{ index: number; organization: string }> {
  return evaluations.flatMap((e, index) =>
    e.organization && !sameOrganization(e.organization, department)
      ? [{ index, organization: e.organization }]
      : [],
  );
}

/** The department an import is saved for: the 填报人's own, or the one the admin names (`departmentId`). */
async function departmentOfImport(db: Queryable, user: User, body: unknown) {
  const named = (body as { departmentId?: unknown } | null)?.departmentId;
  const id = user.role === 'admin' ? named : user.departmentId;
  if (user.role === 'admin' && (typeof id !== 'number' || !Number.isInteger(id))) {
    throw badRequest('管理员导入需要指定保存到哪个部门（departmentId）');
  }
  const department = typeof id === 'number' ? await findDepartment(db, id) : undefined;
  if (!department) throw badRequest('没有这个部门');
  return department;
}

/** Table indexes of a request (`select`, `update`): distinct, in file order, each within the file. */
function indexes(value: unknown, count: number, field: string): number[] {
  if (!Array.isArray(value) || value.some((i) => !Number.isInteger(i) || i < 0 || i >= count)) {
    throw badRequest(`${field} 应为要保存的表的序号（0–${count - 1}）`);
  }
  return [...new Set(value as number[])].sort((a, b) => a - b);
}

/** 导入与新建: a file is read and audited for preview (nothing saved); saving is a separate, explicit step. */
export function importRoutes(
  app: FastifyInstance,
  db: Database,
  registry: FrameworkRegistry,
  pool: WorkPool,
): void {
  app.post('/api/import', async (request, reply) => {
    const user = requireUser(request, 'filler', 'admin');
    const json = await inPool(pool, db, reply, readUpload(request.body), 'preview');
    if (user.role !== 'filler') return reply.type('application/json; charset=utf-8').send(json);
    // The 填报人 sees before saving which tables are not of their department (saving them is refused)
    // and which would update a draft of the same project and year already there.
    const preview = JSON.parse(json) as { evaluations: Array<{ evaluation: Evaluation }> };
    const evaluations = preview.evaluations.map((r) => r.evaluation);
    const department = (await findDepartment(db, user.departmentId!))!;
    const twins = await editableTwins(db, department.id, evaluations);
    return {
      ...preview,
      department: { name: department.name, elsewhere: elsewhere(evaluations, department.name) },
      drafts: twins.flatMap((t, index) => (t ? [{ index, id: t.id, title: t.title, status: t.status }] : [])),
    };
  });

  /**
   * 保存导入: the same file again, with the tables chosen in the preview (`select`, indexes) and those of
   * them that update the department's draft of the same project and year (`update`, indexes) instead of
   * making a second one. The file is read on the server, not taken from the browser's preview, so what is
   * kept — the tables, and the prose the audit holds them against — is what the file says. All chosen
   * tables or none are saved.
   */
  app.post('/api/import/save', async (request, reply) => {
    const user = requireUser(request, 'filler', 'admin');
    const department = await departmentOfImport(db, user, request.body);
    const upload = readUpload(request.body);
    const name = upload.name;
    const document = JSON.parse(await inPool(pool, db, reply, upload, 'read')) as EvaluationDocument;
    const body = request.body as { select?: unknown; update?: unknown };
    const count = document.evaluations.length;
    const picked = indexes(body.select ?? document.evaluations.map((_, i) => i), count, 'select');
    if (!picked.length) throw badRequest(`select 应为要保存的表的序号（0–${count - 1}）`);
    const updating = new Set(indexes(body.update ?? [], count, 'update'));
    const evaluations = picked.map((i) => document.evaluations[i]!);
    // Another body's file is not the 填报人's to save; the admin, who names the department, decides.
    if (user.role === 'filler') {
      const other = elsewhere(evaluations, department.name)[0];
      if (other) {
        throw new HttpError(
          409,
          `所选的第 ${picked[other.index]! + 1} 份自评属于「${other.organization}」，不是你的部门「${department.name}」，` +
            '不能保存为本部门的草稿；如确属本部门，请管理员导入',
        );
      }
    }
    await assertYearsOpen(
      db,
      evaluations.map((e) => e.year),
    );
    const twins = await editableTwins(db, department.id, evaluations);
    const missing = picked.findIndex((i, k) => updating.has(i) && !twins[k]);
    if (missing >= 0) {
      throw badRequest(`第 ${picked[missing]! + 1} 份自评在本部门没有同一项目、同一年度的草稿可更新`);
    }
    const author = { id: user.id, name: user.displayName };
    const saved = await db.transaction(async (tx) => {
      const documentId = await createDocument(tx, { ...document, file: name });
      const saved = [];
      for (const [k, i] of picked.entries()) {
        const evaluation = evaluations[k]!;
        const twin = twins[k];
        saved.push(
          twin && updating.has(i)
            ? await updateFromImportIn(tx, twin, {
                evaluation,
                sourceFile: name,
                documentId,
                author,
                note: `重新导入 ${name}，更新草稿`,
              })
            : await createEvaluationIn(tx, {
                departmentId: department.id,
                evaluation,
                sourceFile: name,
                author,
                note: `导入 ${name}`,
                documentId,
              }),
        );
      }
      return saved.map((x) => ({ id: x.id, title: x.evaluation.title, version: x.version }));
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
