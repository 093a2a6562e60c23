// 汇总表与看板的 SQL: what they add up is summed by PostgreSQL over the columns stored with each result
// (migration 012), money as numeric; nothing here reads an evaluation's data or its stored findings. The
// arithmetic on the sums (rates, averages, 小计 and 合计) is core's (summary/sums.ts), called by service.ts.
import type { EvaluationKind, SummaryProject } from '@jixiao/core';
import type { Queryable } from '../db/database.ts';
import type { EvaluationStatus } from '../store/evaluations.ts';

/** Which evaluations an aggregate covers: the user's scope (region, statuses) narrowed by the page's filters. */
export interface AggregateFilter {
  region?: string;
  statuses?: EvaluationStatus[];
  year?: number;
  departmentId?: number;
  departmentIds?: number[];
  kinds?: EvaluationKind[];
  grades?: string[];
  frameworkId?: string;
}

/**
 * The current 不是问题 marks per evaluation: the latest entry of each finding (store/dispositions.ts), kept
 * when it is a dismissal. Open counts are the stored counts less the stored keys found here.
 */
const DISMISSED = `dismissed as (
  select evaluation_id, array_agg(finding_key) as keys
    from (select distinct on (evaluation_id, finding_key) evaluation_id, finding_key, action
            from finding_dispositions order by evaluation_id, finding_key, id desc) latest
   where action = 'dismiss' group by evaluation_id)`;
const OPEN_ERRORS = `(case when dm.keys is null then r.errors
   else (select count(*) from unnest(r.error_keys) k where not (k = any(dm.keys)))::integer end)`;
const OPEN_WARNINGS = `(case when dm.keys is null then r.warnings
   else (select count(*) from unnest(r.warning_keys) k where not (k = any(dm.keys)))::integer end)`;
/** core's groupOf in SQL: 部门整体支出 apart from 项目支出 (a filed 汇总表 is a project line). */
const GROUP = `(case when e.kind = 'department' then 'department' else 'project' end)`;

/** Without the marks: for what does not count findings. */
const PLAIN = `from evaluations e join departments d on d.id = e.department_id
  join evaluation_results r on r.evaluation_id = e.id`;
const and = (w: string) => (w ? `${w} and` : 'where');

const FROM = `from evaluations e join departments d on d.id = e.department_id
  join evaluation_results r on r.evaluation_id = e.id
  left join dismissed dm on dm.evaluation_id = e.id`;

function where(filter: AggregateFilter, params: unknown[]): string {
  const clauses: string[] = [];
  const add = (clause: string, value: unknown) => {
    params.push(value);
    clauses.push(clause.replace('?', `$${params.length}`));
  };
  if (filter.region !== undefined) add('d.region = ?', filter.region);
  if (filter.statuses) add('e.status = any(?)', filter.statuses);
  if (filter.year !== undefined) add('e.year = ?', filter.year);
  if (filter.departmentId !== undefined) add('e.department_id = ?', filter.departmentId);
  if (filter.departmentIds) add('e.department_id = any(?)', filter.departmentIds);
  if (filter.kinds) add('e.kind = any(?)', filter.kinds);
  if (filter.grades) add('r.grade = any(?)', filter.grades);
  if (filter.frameworkId !== undefined) add('r.framework_id = ?', filter.frameworkId);
  return clauses.length ? `where ${clauses.join(' and ')}` : '';
}

/**
 * Evaluations in the filter's scope whose result is not stored with the 汇总表's columns (never scored, or
 * stored before migration 012): the service computes them before it adds up. The result filters (grade,
 * framework) do not apply: what has no result has neither.
 */
export async function unscoredIds(db: Queryable, filter: AggregateFilter): Promise<number[]> {
  const params: unknown[] = [];
  const { grades: _g, frameworkId: _f, ...scope } = filter;
  const w = where(scope, params);
  const r = await db.query<{ id: number }>(
    `select e.id from evaluations e join departments d on d.id = e.department_id
       left join evaluation_results r on r.evaluation_id = e.id
      ${and(w)} (r.evaluation_id is null or r.basis_count is null)
      order by e.id`,
    params,
  );
  return r.rows.map((x) => x.id);
}

/** Years with evaluations in scope, newest first, and how many have no year. */
export async function yearsOf(
  db: Queryable,
  filter: AggregateFilter,
): Promise<{ years: number[]; undated: number }> {
  const params: unknown[] = [];
  const r = await db.query<{ year: number | null; n: number | string }>(
    `select e.year, count(*) as n from evaluations e join departments d on d.id = e.department_id
       ${where({ ...filter, year: undefined }, params)}
      group by e.year order by e.year desc nulls last`,
    params,
  );
  return {
    years: r.rows.filter((x) => x.year !== null).map((x) => x.year!),
    undated: Number(r.rows.find((x) => x.year === null)?.n ?? 0),
  };
}

/** Departments with evaluations in scope (for the filter), unordered. */
export async function departmentsOf(
  db: Queryable,
  filter: AggregateFilter,
): Promise<Array<{ id: number; name: string }>> {
  const params: unknown[] = [];
  const r = await db.query<{ id: number; name: string }>(
    `select distinct d.id, d.name from evaluations e join departments d on d.id = e.department_id
      ${where(filter, params)}`,
    params,
  );
  return r.rows;
}

/** The sums of one department's lines of one year and one group. */
export interface GroupSums {
  departmentId: number;
  department: string;
  year: number | null;
  group: 'department' | 'project';
  count: number;
  initial: string | null;
  adjusted: string | null;
  executed: string | null;
  basisBudget: string | null;
  basisExecuted: string | null;
  basisCount: number;
  statedSum: string | null;
  statedCount: number;
  /** Σ and number of the computed scores that are scores (完成值 complete). */
  computedSum: string | null;
  computedCount: number;
  errors: number;
  warnings: number;
}

/** Sums per department, year and group over the filter — 小计, 合计, 看板 and 同比 are made of these. */
export async function groupSums(db: Queryable, filter: AggregateFilter): Promise<GroupSums[]> {
  const params: unknown[] = [];
  const r = await db.query<{
    department_id: number;
    department: string;
    year: number | null;
    grp: 'department' | 'project';
    n: number | string;
    initial: string | null;
    adjusted: string | null;
    executed: string | null;
    basis_budget: string | null;
    basis_executed: string | null;
    basis_count: number | string;
    stated_sum: string | null;
    stated_count: number | string;
    computed_sum: string | null;
    computed_count: number | string;
    errors: number | string;
    warnings: number | string;
  }>(
    // Summed per department id first, named after: grouping by the name would sort text 40,000 times.
    `with ${DISMISSED},
     sums as (
       select e.department_id, e.year, ${GROUP} as grp, count(*) as n,
              sum(r.initial_budget) as initial, sum(r.adjusted_budget) as adjusted, sum(r.executed) as executed,
              sum(r.basis_budget) as basis_budget, sum(r.basis_executed) as basis_executed,
              sum(r.basis_count) as basis_count, sum(r.stated_sum) as stated_sum,
              sum(r.stated_count) as stated_count,
              sum(r.computed_score) filter (where not r.total_incomplete) as computed_sum,
              count(r.computed_score) filter (where not r.total_incomplete) as computed_count,
              sum(${OPEN_ERRORS}) as errors, sum(${OPEN_WARNINGS}) as warnings
         ${FROM} ${where(filter, params)}
        group by e.department_id, e.year, ${GROUP})
     select s.department_id, d.name as department, s.year, s.grp, s.n, s.initial::text as initial,
            s.adjusted::text as adjusted, s.executed::text as executed, s.basis_budget::text as basis_budget,
            s.basis_executed::text as basis_executed, s.basis_count, s.stated_sum::text as stated_sum,
            s.stated_count, s.computed_sum::text as computed_sum, s.computed_count, s.errors, s.warnings
       from sums s join departments d on d.id = s.department_id`,
    params,
  );
  return r.rows.map((x) => ({
    departmentId: x.department_id,
    department: x.department,
    year: x.year,
    group: x.grp,
    count: Number(x.n),
    initial: x.initial,
    adjusted: x.adjusted,
    executed: x.executed,
    basisBudget: x.basis_budget,
    basisExecuted: x.basis_executed,
    basisCount: Number(x.basis_count ?? 0),
    statedSum: x.stated_sum,
    statedCount: Number(x.stated_count ?? 0),
    computedSum: x.computed_sum,
    computedCount: Number(x.computed_count),
    errors: Number(x.errors ?? 0),
    warnings: Number(x.warnings ?? 0),
  }));
}

/** One 汇总表 line as stored. */
export interface EntryRow {
  id: number;
  title: string;
  name: string;
  kind: EvaluationKind;
  year: number | null;
  status: EvaluationStatus;
  departmentId: number;
  department: string;
  initialBudget: string | null;
  adjustedBudget: string | null;
  executed: string | null;
  rate: string | null;
  rateStated: boolean;
  basisBudget: string | null;
  basisExecuted: string | null;
  basisCount: number;
  statedScore: string | null;
  computedScore: string | null;
  totalIncomplete: boolean;
  grade: string | null;
  computedGrade: string | null;
  reviewScore: string | null;
  errors: number;
  warnings: number;
  projects: SummaryProject[];
  frameworkId: string;
  frameworkVersion: string;
  engineVersion: string;
  computedAt: string;
  frozenFramework: string | null;
}

/** What a flat (not by department) 汇总表 may be sorted by, as SQL. */
export const ENTRY_SORTS = {
  stated: 'r.stated_score',
  computed: 'r.computed_score',
  review: 'rv.review_total',
  rate: 'r.rate',
  budget: 'r.adjusted_budget',
  executed: 'r.executed',
  errors: OPEN_ERRORS,
} as const;
export type EntrySort = keyof typeof ENTRY_SORTS;

/**
 * Lines in the filter: for the departments of a page (departmentIds), or one page of a flat table sorted by
 * one column (nulls last, then by id).
 */
export async function entryRows(
  db: Queryable,
  filter: AggregateFilter,
  page?: { sort: EntrySort; descending: boolean; limit: number; offset: number },
): Promise<EntryRow[]> {
  const params: unknown[] = [];
  const w = where(filter, params);
  let tail = 'order by e.id';
  if (page) {
    params.push(page.limit, page.offset);
    tail = `order by ${ENTRY_SORTS[page.sort]} ${page.descending ? 'desc' : 'asc'} nulls last, e.id
            limit $${params.length - 1} offset $${params.length}`;
  }
  const r = await db.query<{
    id: number;
    title: string;
    name: string;
    kind: EvaluationKind;
    year: number | null;
    status: EvaluationStatus;
    department_id: number;
    department: string;
    initial_budget: string | null;
    adjusted_budget: string | null;
    executed: string | null;
    rate: string | null;
    rate_stated: boolean;
    basis_budget: string | null;
    basis_executed: string | null;
    basis_count: number;
    stated_score: string | null;
    computed_score: string | null;
    total_incomplete: boolean;
    grade: string | null;
    computed_grade: string | null;
    review_total: string | null;
    errors: number;
    warnings: number;
    projects: unknown;
    framework_id: string;
    framework_version: string;
    engine_version: string;
    computed_at: Date | string;
    frozen_framework: string | null;
  }>(
    `with ${DISMISSED}
     select e.id, e.title, coalesce(r.name, e.title) as name, e.kind, e.year, e.status, e.department_id,
            d.name as department, r.initial_budget::text as initial_budget,
            r.adjusted_budget::text as adjusted_budget, r.executed::text as executed, r.rate::text as rate,
            r.rate_stated, r.basis_budget::text as basis_budget, r.basis_executed::text as basis_executed,
            r.basis_count, r.stated_score::text as stated_score, r.computed_score::text as computed_score,
            r.total_incomplete, r.grade, r.computed_grade, rv.review_total::text as review_total,
            ${OPEN_ERRORS} as errors, ${OPEN_WARNINGS} as warnings, r.projects, r.framework_id,
            r.framework_version, r.engine_version, r.computed_at, e.framework_version as frozen_framework
       ${FROM} left join reviews rv on rv.evaluation_id = e.id
      ${w} ${tail}`,
    params,
  );
  return r.rows.map((x) => ({
    id: x.id,
    title: x.title,
    name: x.name,
    kind: x.kind,
    year: x.year,
    status: x.status,
    departmentId: x.department_id,
    department: x.department,
    initialBudget: x.initial_budget,
    adjustedBudget: x.adjusted_budget,
    executed: x.executed,
    rate: x.rate,
    rateStated: x.rate_stated,
    basisBudget: x.basis_budget,
    basisExecuted: x.basis_executed,
    basisCount: Number(x.basis_count ?? 0),
    statedScore: x.stated_score,
    computedScore: x.computed_score,
    totalIncomplete: x.total_incomplete,
    grade: x.grade,
    computedGrade: x.computed_grade,
    reviewScore: x.review_total,
    errors: Number(x.errors),
    warnings: Number(x.warnings),
    projects: (typeof x.projects === 'string' ? JSON.parse(x.projects) : x.projects) as SummaryProject[],
    frameworkId: x.framework_id,
    frameworkVersion: x.framework_version,
    engineVersion: x.engine_version,
    computedAt: new Date(x.computed_at).toISOString(),
    frozenFramework: x.frozen_framework,
  }));
}

/**
 * 等级 counts and 得分分布 over the filter, in one scan: how many stated and computed scores fall in each band
 * (bounds as numbers, lower inclusive), the lower bounds (完成值 blank) and the unscored apart.
 */
export async function gradesAndBands(
  db: Queryable,
  filter: AggregateFilter,
  bands: ReadonlyArray<{ min: number | null; max: number | null }>,
): Promise<{
  grades: Record<string, number>;
  stated: number[];
  computed: number[];
  incomplete: number;
  unscored: number;
}> {
  const params: unknown[] = [];
  const w = where(filter, params);
  const cond = (column: string, b: { min: number | null; max: number | null }) =>
    [
      b.min === null ? null : `${column} >= ${Number(b.min)}`,
      b.max === null ? null : `${column} < ${Number(b.max)}`,
    ]
      .filter(Boolean)
      .join(' and ') || 'true';
  const cols = bands.flatMap((b, i) => [
    `count(*) filter (where r.stated_score is not null and ${cond('r.stated_score', b)}) as s${i}`,
    `count(*) filter (where not r.total_incomplete and r.computed_score is not null and ${cond('r.computed_score', b)}) as c${i}`,
  ]);
  const r = await db.query<Record<string, number | string | null>>(
    `select r.grade, count(*) as n, ${cols.join(', ')},
            count(*) filter (where r.total_incomplete) as incomplete,
            count(*) filter (where not r.total_incomplete and r.computed_score is null) as unscored
       ${PLAIN} ${w} group by r.grade`,
    params,
  );
  const total = (k: string) => r.rows.reduce((n, row) => n + Number(row[k] ?? 0), 0);
  const counted = r.rows.filter((row) => row.grade !== null);
  return {
    grades: Object.fromEntries(counted.map((row) => [String(row.grade), Number(row.n ?? 0)])),
    stated: bands.map((_, i) => total(`s${i}`)),
    computed: bands.map((_, i) => total(`c${i}`)),
    incomplete: total('incomplete'),
    unscored: total('unscored'),
  };
}

/** The largest gaps between stated and computed totals (not lower bounds), largest first. */
export async function largestDeviations(
  db: Queryable,
  filter: AggregateFilter,
  limit: number,
): Promise<
  Array<{
    id: number;
    title: string;
    department: string;
    year: number | null;
    stated: string;
    computed: string;
  }>
> {
  const params: unknown[] = [];
  const w = where(filter, params);
  params.push(limit);
  const r = await db.query<{
    id: number;
    title: string;
    department: string;
    year: number | null;
    stated: string;
    computed: string;
  }>(
    `select e.id, e.title, d.name as department, e.year, r.stated_score::text as stated,
            r.computed_score::text as computed
       ${PLAIN} ${and(w)} r.stated_score is not null and r.computed_score is not null
        and not r.total_incomplete
      order by abs(r.stated_score - r.computed_score) desc, e.id limit $${params.length}`,
    params,
  );
  return r.rows;
}
