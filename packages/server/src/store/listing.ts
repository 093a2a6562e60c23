import type { FrameworkRegistry } from '@jixiao/core';
import type { Queryable } from '../db/database.ts';
import { getEvaluation, type EvaluationStatus } from './evaluations.ts';
import { NotFoundError } from './errors.ts';
import { BASIS, computeFile, isCurrent, type ListedScore } from './results.ts';

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

/** 排序: what a list page may be sorted by, each a stored column (ties broken by id). */
export const LIST_SORTS = {
  /** 更新时间 (the queue's default: oldest first). */
  updated: 'e.updated_at',
  department: 'd.name',
  year: 'e.year',
  /** 自评得分. */
  stated: 'r.stated_score',
  /** 规则得分 (复算). */
  computed: 'r.computed_score',
  /** 错误条数. */
  errors: 'r.errors',
} as const;
export type ListSort = keyof typeof LIST_SORTS;

/** One page of a list: which rows, in what order. */
export interface ListPage {
  page: number;
  pageSize: number;
  sort: ListSort;
  descending: boolean;
}

/** A listed evaluation with its stored score columns (see results.ts ListedScore). */
export type ScoredListItem = EvaluationListItem & ListedScore;

interface ListedRow {
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
  holds: boolean;
  stated_score: string | null;
  computed_score: string | null;
  total_incomplete: boolean | null;
  grade: string | null;
  computed_grade: string | null;
  framework_id: string | null;
  r_framework_version: string | null;
  engine_version: string | null;
  computed_at: Date | string | null;
  frozen_framework: string | null;
  total: number | string;
}

/**
 * 列表（分页）: evaluations with their stored score columns in one query — filtered, sorted and paged in
 * SQL (`page` absent: all of them, in the list's usual order), with the number of rows the filter gives.
 * A row whose stored result no longer holds (rare: saves compute theirs) has its file computed and the page
 * read again; older framework or engine versions are served naming themselves, as in the 汇总表.
 */
export async function listScoredEvaluations(
  db: Queryable,
  registry: FrameworkRegistry,
  filter: ListFilter & { kind?: string },
  page?: ListPage,
): Promise<{ items: ScoredListItem[]; total: number }> {
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
  if (filter.kind !== undefined) add('e.kind = ?', filter.kind);
  const order = page
    ? `${LIST_SORTS[page.sort]} ${page.descending ? 'desc' : 'asc'} nulls last, e.id ${page.descending ? 'desc' : 'asc'}`
    : 'e.year desc nulls last, d.name, e.id';
  const limit = page ? `limit ${page.pageSize} offset ${(page.page - 1) * page.pageSize}` : '';
  const read = () =>
    db.query<ListedRow>(
      `select e.id, e.title, e.kind, e.year, e.status, e.version, e.department_id, d.name as department,
              d.region, e.updated_at, coalesce(r.basis = ${BASIS}, false) as holds,
              r.stated_score::text as stated_score, r.computed_score::text as computed_score,
              r.total_incomplete, r.grade, r.computed_grade, r.framework_id,
              r.framework_version as r_framework_version, r.engine_version, r.computed_at,
              e.framework_version as frozen_framework, count(*) over () as total
         from evaluations e join departments d on d.id = e.department_id
         left join evaluation_results r on r.evaluation_id = e.id
        ${where.length ? `where ${where.join(' and ')}` : ''}
        order by ${order} ${limit}`,
      params,
    );
  let r = await read();
  const stale = r.rows.filter((x) => !x.holds);
  if (stale.length) {
    const computed = new Set<number>();
    for (const x of stale) {
      if (computed.has(x.id)) continue;
      for (const id of (await computeFile(db, registry, await getEvaluation(db, x.id))).keys())
        computed.add(id);
    }
    r = await read();
  }
  const total = r.rows.length ? Number(r.rows[0]!.total) : page ? await countOf(db, where, params) : 0;
  return {
    total,
    items: r.rows.map((x) => ({
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
      statedScore: x.stated_score,
      computedScore: x.computed_score,
      totalIncomplete: x.total_incomplete ?? false,
      grade: x.grade,
      computedGrade: x.computed_grade,
      scoredBy: {
        frameworkId: x.framework_id ?? '',
        frameworkVersion: x.r_framework_version ?? '',
        engineVersion: x.engine_version ?? '',
        computedAt: x.computed_at ? new Date(x.computed_at).toISOString() : '',
        current: isCurrent(
          {
            engine_version: x.engine_version,
            status: x.status,
            frozen_framework: x.frozen_framework,
            framework_id: x.framework_id,
            framework_version: x.r_framework_version,
          },
          registry,
        ),
      },
    })),
  };
}

/** How many rows a filter gives, for a page past the last one (which has no row to carry the count). */
async function countOf(db: Queryable, where: string[], params: unknown[]): Promise<number> {
  const r = await db.query<{ n: number | string }>(
    `select count(*) as n from evaluations e join departments d on d.id = e.department_id
      ${where.length ? `where ${where.join(' and ')}` : ''}`,
    params,
  );
  return Number(r.rows[0]!.n);
}
