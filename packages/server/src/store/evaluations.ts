import { displayTitle, type Evaluation, type EvaluationStatus } from '@jixiao/core';
import type { Database, Queryable } from '../db/database.ts';
import { ConflictError, NotFoundError } from './errors.ts';

/** 自评状态: 草稿 → 已提交 → 退回 / 已审核 → 已公开 (core's contract). */
export type { EvaluationStatus };

/**
 * 提交时冻结: what a submission fixed — the revision submitted and the framework version it was scored
 * under. Present while the evaluation is 已提交, 已审核 or 已公开; a 退回 evaluation is editable again.
 */
export interface Frozen {
  /** The revision (evaluation_revisions.version) whose figures were submitted. */
  version: number;
  frameworkId: string;
  frameworkVersion: string;
  submittedAt: string;
}

export interface StoredEvaluation {
  id: number;
  departmentId: number;
  status: EvaluationStatus;
  version: number;
  evaluation: Evaluation;
  sourceFile: string | null;
  updatedAt: string;
  updatedBy: string;
  frozen: Frozen | null;
  /** The imported file it came from, with its prose and sibling tables (null when created blank). */
  documentId: number | null;
}

export interface Revision {
  version: number;
  status: EvaluationStatus;
  authorName: string;
  note: string;
  createdAt: string;
  evaluation: Evaluation;
}

export interface Author {
  id?: number;
  name: string;
}

/** A row of the evaluations table; `data` as JSON text when a query reads it so. */
export interface Row {
  id: number;
  department_id: number;
  status: EvaluationStatus;
  version: number;
  data: Evaluation | string;
  source_file: string | null;
  updated_at: Date | string;
  updated_by_name: string;
  framework_id: string | null;
  framework_version: string | null;
  submitted_version: number | null;
  submitted_at: Date | string | null;
  document_id: number | null;
}

const COLUMNS =
  'id, department_id, status, version, data, source_file, updated_at, updated_by_name, framework_id, framework_version, submitted_version, submitted_at, document_id';

/** COLUMNS of the evaluations table aliased `e`, for a query that joins it. */
export const COLUMNS_OF_E = COLUMNS.split(', ')
  .map((c) => `e.${c}`)
  .join(', ');

const FROZEN_STATUSES: EvaluationStatus[] = ['submitted', 'accepted', 'published'];

/** "2026/11/23 16:35:51" in the users' time zone (TZ, default Asia/Shanghai), for messages. */
export function localTime(iso: string): string {
  return new Date(iso).toLocaleString('zh-CN', {
    timeZone: process.env.TZ || 'Asia/Shanghai',
    hour12: false,
  });
}

function when(v: Date | string): string {
  return v instanceof Date ? v.toISOString() : new Date(v).toISOString();
}

/** A row of the evaluations table (its COLUMNS) as the stored evaluation. */
export function toStored(r: Row): StoredEvaluation {
  return {
    ...storedHead(r),
    evaluation: typeof r.data === 'string' ? (JSON.parse(r.data) as Evaluation) : r.data,
  };
}

/** A stored evaluation but its figures: what a page says of it besides the figures it sends as stored. */
export function storedHead(r: Row): Omit<StoredEvaluation, 'evaluation'> {
  return {
    id: r.id,
    departmentId: r.department_id,
    status: r.status,
    version: r.version,
    sourceFile: r.source_file,
    updatedAt: when(r.updated_at),
    updatedBy: r.updated_by_name,
    frozen:
      FROZEN_STATUSES.includes(r.status) &&
      r.submitted_version !== null &&
      r.framework_id &&
      r.framework_version &&
      r.submitted_at
        ? {
            version: r.submitted_version,
            frameworkId: r.framework_id,
            frameworkVersion: r.framework_version,
            submittedAt: when(r.submitted_at),
          }
        : null,
    documentId: r.document_id,
  };
}

/** The department of that name, created if new; a region is filled in where none was known, never replaced. */
export async function ensureDepartment(db: Queryable, name: string, region = ''): Promise<number> {
  const r = await db.query<{ id: number }>(
    `insert into departments (name, region) values ($1, $2)
     on conflict (name) do update
       set region = case when departments.region = '' then excluded.region else departments.region end
     returning id`,
    [name, region],
  );
  return r.rows[0]!.id;
}

/** 部门 — a department by its id, or undefined when there is none. */
export async function findDepartment(
  db: Queryable,
  id: number,
): Promise<{ id: number; name: string; region: string } | undefined> {
  const r = await db.query<{ id: number; name: string; region: string }>(
    'select id, name, region from departments where id = $1',
    [id],
  );
  return r.rows[0];
}

async function addRevision(
  tx: Queryable,
  id: number,
  version: number,
  evaluation: Evaluation,
  status: EvaluationStatus,
  author: Author,
  note: string,
) {
  await tx.query(
    `insert into evaluation_revisions (evaluation_id, version, data, status, author, author_name, note)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [id, version, JSON.stringify(evaluation), status, author.id ?? null, author.name, note],
  );
}

export interface NewEvaluation {
  departmentId: number;
  evaluation: Evaluation;
  sourceFile?: string;
  author: Author;
  note?: string;
  documentId?: number;
}

export async function createEvaluation(db: Database, input: NewEvaluation): Promise<StoredEvaluation> {
  return db.transaction((tx) => createEvaluationIn(tx, input));
}

/** Creates an evaluation and its first revision inside the caller's transaction. */
export async function createEvaluationIn(tx: Queryable, input: NewEvaluation): Promise<StoredEvaluation> {
  const e = input.evaluation;
  const r = await tx.query<Row>(
    `insert into evaluations (department_id, year, kind, title, framework_id, data, source_file, updated_by, updated_by_name, document_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning ${COLUMNS}`,
    [
      input.departmentId,
      e.year ?? null,
      e.kind,
      displayTitle(e),
      e.frameworkId ?? null,
      JSON.stringify(e),
      input.sourceFile ?? null,
      input.author.id ?? null,
      input.author.name,
      input.documentId ?? null,
    ],
  );
  const stored = toStored(r.rows[0]!);
  await addRevision(tx, stored.id, 1, e, stored.status, input.author, input.note ?? '创建');
  return stored;
}

/** A draft an import can update: the department's own, still editable, of the same kind, year and title. */
export interface EditableTwin {
  id: number;
  title: string;
  status: EvaluationStatus;
  version: number;
}

/**
 * 再次导入: for each evaluation of a file, the department's editable draft of the same project and year
 * (same kind, year and title as a list shows it), if there is one — the newest when several.
 */
export async function editableTwins(
  db: Queryable,
  departmentId: number,
  evaluations: Evaluation[],
): Promise<Array<EditableTwin | undefined>> {
  if (!evaluations.length) return [];
  const r = await db.query<EditableTwin & { kind: string; year: number | null }>(
    `select id, title, status, version, kind, year from evaluations
      where department_id = $1 and status in ('draft', 'returned') and title = any($2::text[])
      order by updated_at desc, id desc`,
    [departmentId, evaluations.map(displayTitle)],
  );
  return evaluations.map((e) => {
    const twin = r.rows.find(
      (x) => x.title === displayTitle(e) && x.kind === e.kind && (x.year ?? undefined) === e.year,
    );
    return twin && { id: twin.id, title: twin.title, status: twin.status, version: twin.version };
  });
}

/**
 * An import saved over an editable draft (inside the caller's transaction): a new version with the file's
 * figures, now tied to the new file; the revision says so. Refused as a conflict if the draft was
 * submitted or saved since it was found.
 */
export async function updateFromImportIn(
  tx: Queryable,
  twin: EditableTwin,
  input: { evaluation: Evaluation; sourceFile: string; documentId: number; author: Author; note: string },
): Promise<StoredEvaluation> {
  const e = input.evaluation;
  const r = await tx.query<Row>(
    `update evaluations
        set data = $3, version = version + 1, updated_at = now(), updated_by = $4, updated_by_name = $5,
            year = $6, title = $7, source_file = $8, document_id = $9, framework_id = coalesce($10, framework_id)
      where id = $1 and version = $2 and status in ('draft', 'returned')
      returning ${COLUMNS}`,
    [
      twin.id,
      twin.version,
      JSON.stringify(e),
      input.author.id ?? null,
      input.author.name,
      e.year ?? null,
      displayTitle(e),
      input.sourceFile,
      input.documentId,
      e.frameworkId ?? null,
    ],
  );
  if (!r.rows[0]) {
    const current = await getEvaluation(tx, twin.id);
    throw new ConflictError(
      `草稿「${twin.title}」已被「${current.updatedBy || '其他用户'}」于 ${localTime(current.updatedAt)} 保存或提交，未能更新；请重新导入`,
      { version: current.version, updatedAt: current.updatedAt, updatedBy: current.updatedBy },
    );
  }
  const stored = toStored(r.rows[0]);
  await addRevision(tx, stored.id, stored.version, e, stored.status, input.author, input.note);
  return stored;
}

/** The evaluations imported from one file, in id order (file order), in one query. */
export async function evaluationsOfDocument(db: Queryable, documentId: number): Promise<StoredEvaluation[]> {
  const r = await db.query<Row>(`select ${COLUMNS} from evaluations where document_id = $1 order by id`, [
    documentId,
  ]);
  return r.rows.map(toStored);
}

export async function getEvaluation(db: Queryable, id: number): Promise<StoredEvaluation> {
  const r = await db.query<Row>(`select ${COLUMNS} from evaluations where id = $1`, [id]);
  if (!r.rows[0]) throw new NotFoundError(`没有编号为 ${id} 的自评`);
  return toStored(r.rows[0]);
}

/**
 * Saves a new version when `expectedVersion` is still the stored one. Otherwise nothing is written and
 * a ConflictError says who saved in between; the caller keeps the user's edit to merge by hand.
 */
export async function saveEvaluation(
  db: Database,
  id: number,
  input: { expectedVersion: number; evaluation: Evaluation; author: Author; note?: string },
): Promise<StoredEvaluation> {
  return db.transaction((tx) => saveEvaluationIn(tx, id, input));
}

/** saveEvaluation inside the caller's transaction (a survey saved with the 完成值 it gives). */
export async function saveEvaluationIn(
  tx: Queryable,
  id: number,
  input: { expectedVersion: number; evaluation: Evaluation; author: Author; note?: string },
): Promise<StoredEvaluation> {
  const r = await tx.query<Row>(
    `update evaluations
          set data = $3, version = version + 1, updated_at = now(), updated_by = $4, updated_by_name = $5,
              year = $6, title = $7
        where id = $1 and version = $2
        returning ${COLUMNS}`,
    [
      id,
      input.expectedVersion,
      JSON.stringify(input.evaluation),
      input.author.id ?? null,
      input.author.name,
      input.evaluation.year ?? null,
      displayTitle(input.evaluation),
    ],
  );
  if (!r.rows[0]) {
    const current = await getEvaluation(tx, id);
    throw new ConflictError(
      `保存未成功：这份自评已被「${current.updatedBy || '其他用户'}」于 ${localTime(current.updatedAt)} 修改（当前第 ${current.version} 版，你编辑的是第 ${input.expectedVersion} 版）。你的修改没有丢失，请刷新查看对方的改动后再合并保存。`,
      { version: current.version, updatedAt: current.updatedAt, updatedBy: current.updatedBy },
    );
  }
  const stored = toStored(r.rows[0]);
  await addRevision(tx, id, stored.version, input.evaluation, stored.status, input.author, input.note ?? '');
  return stored;
}

export async function listRevisions(db: Queryable, id: number): Promise<Revision[]> {
  const r = await db.query<{
    version: number;
    status: EvaluationStatus;
    author_name: string;
    note: string;
    created_at: Date | string;
    data: Evaluation;
  }>(
    `select version, status, author_name, note, created_at, data
       from evaluation_revisions where evaluation_id = $1 order by version`,
    [id],
  );
  return r.rows.map((x) => ({
    version: x.version,
    status: x.status,
    authorName: x.author_name,
    note: x.note,
    createdAt: when(x.created_at),
    evaluation: typeof x.data === 'string' ? (JSON.parse(x.data) as Evaluation) : x.data,
  }));
}

export async function countEvaluations(db: Queryable): Promise<number> {
  const r = await db.query<{ n: number }>('select count(*)::int as n from evaluations');
  return r.rows[0]!.n;
}
