import type { Queryable } from '../db/database.ts';
import type { EvaluationStatus } from './evaluations.ts';
import { NotFoundError } from './errors.ts';

export interface EvaluationListItem {
  id: number;
  title: string;
  kind: string;
  year: number | null;
  status: EvaluationStatus;
  version: number;
  departmentId: number;
  department: string;
  region: string;
  updatedAt: string;
}

export interface ListFilter {
  departmentId?: number;
  region?: string;
  statuses?: EvaluationStatus[];
  year?: number;
}

/** Lists evaluations with the columns a queue shows; the filter is how access rules narrow it. */
export async function listEvaluations(db: Queryable, filter: ListFilter): Promise<EvaluationListItem[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, value: unknown) => {
    params.push(value);
    where.push(clause.replace('?', `$${params.length}`));
  };
  if (filter.departmentId !== undefined) add('e.department_id = ?', filter.departmentId);
  if (filter.region !== undefined) add('d.region = ?', filter.region);
  if (filter.statuses) add('e.status = any(?)', filter.statuses);
  if (filter.year !== undefined) add('e.year = ?', filter.year);
  const r = await db.query<{
    id: number;
    title: string;
    kind: string;
    year: number | null;
    status: EvaluationStatus;
    version: number;
    department_id: number;
    department: string;
    region: string;
    updated_at: Date | string;
  }>(
    `select e.id, e.title, e.kind, e.year, e.status, e.version, e.department_id, d.name as department, d.region, e.updated_at
       from evaluations e join departments d on d.id = e.department_id
      ${where.length ? `where ${where.join(' and ')}` : ''}
      order by e.year desc nulls last, d.name, e.id`,
    params,
  );
  return r.rows.map((x) => ({
    id: x.id,
    title: x.title,
    kind: x.kind,
    year: x.year,
    status: x.status,
    version: x.version,
    departmentId: x.department_id,
    department: x.department,
    region: x.region,
    updatedAt: new Date(x.updated_at).toISOString(),
  }));
}

/** Department and region of one evaluation, for access decisions. */
export async function scopeOf(
  db: Queryable,
  id: number,
): Promise<{
  departmentId: number;
  region: string;
  status: EvaluationStatus;
  version: number;
  year: number | null;
  title: string;
}> {
  const r = await db.query<{
    title: string;
    department_id: number;
    region: string;
    status: EvaluationStatus;
    version: number;
    year: number | null;
  }>(
    'select e.department_id, d.region, e.status, e.version, e.year, e.title from evaluations e join departments d on d.id = e.department_id where e.id = $1',
    [id],
  );
  const row = r.rows[0];
  if (!row) throw new NotFoundError(`没有编号为 ${id} 的自评`);
  return {
    departmentId: row.department_id,
    region: row.region,
    status: row.status,
    version: row.version,
    year: row.year,
    title: row.title,
  };
}

/**
 * Moves an evaluation from one of `from` to `to` as a new revision. With `freeze` (submission), the change
 * happens only if the evaluation is still at `freeze.expectedVersion` — the figures that were checked are
 * the figures frozen — and records the new revision and the framework version as the submitted ones.
 */
export async function setStatus(
  db: Queryable,
  id: number,
  from: EvaluationStatus[],
  to: EvaluationStatus,
  author: { id?: number | null; name: string },
  note: string,
  freeze?: { expectedVersion: number; frameworkId: string; frameworkVersion: string },
): Promise<boolean> {
  const r = freeze
    ? await db.query<{ version: number; data: unknown }>(
        `update evaluations set status = $3, updated_at = now(), updated_by = $4, updated_by_name = $5,
                version = version + 1, submitted_version = version + 1, submitted_at = now(),
                framework_id = $7, framework_version = $8
          where id = $1 and status = any($2) and version = $6 returning version, data`,
        [
          id,
          from,
          to,
          author.id ?? null,
          author.name,
          freeze.expectedVersion,
          freeze.frameworkId,
          freeze.frameworkVersion,
        ],
      )
    : await db.query<{ version: number; data: unknown }>(
        `update evaluations set status = $3, updated_at = now(), updated_by = $4, updated_by_name = $5, version = version + 1
          where id = $1 and status = any($2) returning version, data`,
        [id, from, to, author.id ?? null, author.name],
      );
  const row = r.rows[0];
  if (!row) return false;
  await db.query(
    `insert into evaluation_revisions (evaluation_id, version, data, status, author, author_name, note)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [
      id,
      row.version,
      typeof row.data === 'string' ? row.data : JSON.stringify(row.data),
      to,
      author.id ?? null,
      author.name,
      note,
    ],
  );
  return true;
}
