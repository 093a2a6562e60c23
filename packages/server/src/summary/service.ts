// 汇总表与看板的组成: the user's scope and the page's filters, the sums from SQL (repository.ts), the
// arithmetic on them from core (rates, averages, 小计, 合计, score bands), pages of lines. No HTTP here
// (http/routes/summary.ts, dashboard.ts), no SQL (repository.ts).
import {
  addSums,
  averageOfSums,
  changeOf,
  gapOf,
  groupOf,
  KIND_GROUPS,
  moneyOfSums,
  rateOfSums,
  SCORE_BANDS,
  sumOf,
  SUMMARY_MONEY_NOTES,
  summaryLines as coreSummaryLines,
  totalLines,
  type Dashboard,
  type EvaluationKind,
  type FrameworkRegistry,
  type KindGroup,
  type Money,
  type MoneySums,
  type SummaryEntry as ContractSummaryEntry,
  type SummaryLine as ContractSummaryLine,
  type SummaryTable as ContractSummaryTable,
} from '@jixiao/core';
import type { User } from '../auth/users.ts';
import type { Queryable } from '../db/database.ts';
import { getEvaluation, type EvaluationStatus } from '../store/evaluations.ts';
import { computeFile, isCurrent } from '../store/results.ts';
import { AggregateCache, type Body } from './cache.ts';
import {
  departmentsOf,
  entryRows,
  gradesAndBands,
  groupSums,
  largestDeviations,
  unscoredIds,
  yearsOf,
  type AggregateFilter,
  type EntryRow,
  type EntrySort,
  type GroupSums,
} from './repository.ts';

/** What a reviewer or the admin may aggregate: a 财政审核人 its region's submitted evaluations, the admin all. */
export function visibleFilter(user: User): AggregateFilter {
  return user.role === 'reviewer'
    ? { region: user.region, statuses: ['submitted', 'returned', 'accepted', 'published'] }
    : {};
}

/** 汇总表的一行 and its lines — core's contract, the shapes GET /api/summary answers and the web reads. */
export type SummaryEntry = ContractSummaryEntry;
export type SummaryLine = ContractSummaryLine;

/** 口径说明 under the sheet and the page. */
export const SUMMARY_NOTES = [
  ...SUMMARY_MONEY_NOTES,
  '「其中」行是部门所报汇总表列出的项目，金额已计入上一行，不重复相加。',
  '复算得分按评分框架重新计算；完成值空白时只能算出下限，不作为得分。错误、警告为未标记「不是问题」的审核发现条数。',
];

/** The page's filters and order, as the route read them from the query. */
export interface SummaryQuery {
  year?: number;
  departmentId?: number;
  region?: string;
  kinds?: EvaluationKind[];
  statuses?: EvaluationStatus[];
  grades?: string[];
  frameworkId?: string;
  /** 1-based */
  page: number;
  /** Evaluation lines per page (小计 and 合计 lines come on top). */
  pageSize: number;
  /** 'department': by department with 小计 (the filed layout); else a flat list sorted by that column. */
  sort: 'department' | EntrySort;
  descending: boolean;
}

/** GET /api/summary's answer (core's contract). */
export type SummaryTable = ContractSummaryTable;

const collator = new Intl.Collator('zh-Hans-CN');

/**
 * The user's scope narrowed by the page's filters. A reviewer's region and statuses stay: a filter can
 * narrow them, never widen them.
 */
function scopeOf(
  user: User,
  q: Omit<SummaryQuery, 'page' | 'pageSize' | 'sort' | 'descending'>,
): AggregateFilter {
  const scope = visibleFilter(user);
  const statuses = q.statuses
    ? scope.statuses
      ? q.statuses.filter((s) => scope.statuses!.includes(s))
      : q.statuses
    : scope.statuses;
  const region = scope.region ?? q.region;
  // A reviewer asking for another region sees nothing of it.
  const foreign = scope.region !== undefined && q.region !== undefined && q.region !== scope.region;
  return {
    ...(region !== undefined ? { region } : {}),
    ...(statuses ? { statuses: foreign ? [] : statuses } : foreign ? { statuses: [] } : {}),
    ...(q.departmentId !== undefined ? { departmentId: q.departmentId } : {}),
    ...(q.kinds ? { kinds: q.kinds } : {}),
    ...(q.grades ? { grades: q.grades } : {}),
    ...(q.frameworkId !== undefined ? { frameworkId: q.frameworkId } : {}),
  };
}

/**
 * Scores what in the filter has no stored result with the aggregate's columns yet (saves and imports store
 * theirs, so this is rare: a database from before migration 012 until the recomputation reaches it). One
 * evaluation's file is computed once for all its members.
 */
async function ensureScored(db: Queryable, registry: FrameworkRegistry, filter: AggregateFilter) {
  const done = new Set<number>();
  for (const id of await unscoredIds(db, filter)) {
    if (done.has(id)) continue;
    for (const member of (await computeFile(db, registry, await getEvaluation(db, id))).keys())
      done.add(member);
  }
}

function sumsOf(g: GroupSums): MoneySums {
  return {
    count: g.count,
    initial: g.initial,
    adjusted: g.adjusted,
    executed: g.executed,
    basisBudget: g.basisBudget,
    basisExecuted: g.basisExecuted,
    basisCount: g.basisCount,
    errors: g.errors,
    warnings: g.warnings,
  };
}

function entryOf(row: EntryRow, registry: FrameworkRegistry): { entry: SummaryEntry; money: Money } {
  const money = moneyOfSums({
    count: 1,
    initial: row.initialBudget,
    adjusted: row.adjustedBudget,
    executed: row.executed,
    basisBudget: row.basisBudget,
    basisExecuted: row.basisExecuted,
    basisCount: row.basisCount,
  });
  return {
    money,
    entry: {
      id: row.id,
      order: row.id,
      title: row.title,
      name: row.name,
      kind: row.kind,
      group: groupOf(row.kind),
      year: row.year,
      status: row.status,
      departmentId: row.departmentId,
      department: row.department,
      initialBudget: row.initialBudget,
      adjustedBudget: row.adjustedBudget,
      executed: row.executed,
      rate: row.rate,
      rateStated: row.rateStated,
      statedScore: row.statedScore,
      computedScore: row.computedScore,
      totalIncomplete: row.totalIncomplete,
      grade: row.grade,
      computedGrade: row.computedGrade,
      reviewScore: row.reviewScore,
      errors: row.errors,
      warnings: row.warnings,
      projects: row.projects,
      scoredBy: {
        frameworkId: row.frameworkId,
        frameworkVersion: row.frameworkVersion,
        engineVersion: row.engineVersion,
        computedAt: row.computedAt,
        current: isCurrent(
          {
            engine_version: row.engineVersion,
            status: row.status,
            frozen_framework: row.frozenFramework,
            framework_id: row.frameworkId,
            framework_version: row.frameworkVersion,
          },
          registry,
        ),
      },
    },
  };
}

/** The 合计 lines of the whole table from its group sums. */
function totalsOf(groups: GroupSums[]) {
  const byGroup: Partial<Record<KindGroup, MoneySums>> = {};
  for (const g of KIND_GROUPS) byGroup[g] = addSums(groups.filter((x) => x.group === g).map(sumsOf));
  return totalLines(byGroup);
}

/**
 * The lines of one page of the table by department: the departments (by name) whose lines meet the page
 * are read whole, laid out by core's summaryLines (their 小计 are then whole too), and cut to the page; a
 * 小计 goes with its group's last line.
 */
async function departmentPage(
  db: Queryable,
  registry: FrameworkRegistry,
  filter: AggregateFilter,
  groups: GroupSums[],
  from: number,
  to: number,
): Promise<SummaryLine[]> {
  const groupsPresent = KIND_GROUPS.filter((g) => groups.some((x) => x.group === g && x.count > 0));
  const counts = new Map<number, { name: string; count: number }>();
  for (const g of groups) {
    const c = counts.get(g.departmentId) ?? { name: g.department, count: 0 };
    c.count += g.count;
    counts.set(g.departmentId, c);
  }
  const ordered = [...counts].sort(([, a], [, b]) => collator.compare(a.name, b.name));
  let index = 0;
  let first: number | null = null;
  const wanted: number[] = [];
  for (const [id, { count }] of ordered) {
    if (index + count > from && index < to) {
      wanted.push(id);
      first ??= index;
    }
    index += count;
    if (index >= to) break;
  }
  if (!wanted.length) return [];
  const rows = (await entryRows(db, { ...filter, departmentIds: wanted })).map((r) => entryOf(r, registry));
  const laid = coreSummaryLines(rows, { groupsPresent });
  const out: SummaryLine[] = [];
  let k = first!;
  for (const line of laid) {
    if (line.type === 'evaluation') {
      if (k >= from && k < to) out.push(line);
      k++;
    } else if (line.type === 'subtotal' && k - 1 >= from && k - 1 < to) out.push(line);
  }
  return out;
}

/** One cache per database (tests and benchmarks open several in one process). */
const caches = new WeakMap<Queryable, AggregateCache>();
function cacheOf(db: Queryable): AggregateCache {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new AggregateCache()));
  return cache;
}
/** What an answer depends on: the user's scope (role and region) and the query. */
const keyOf = (what: string, user: User, q: unknown) => JSON.stringify([what, user.role, user.region, q]);

/** The 汇总表 of one year: a page of its lines with the 合计 of the whole table (kept per data version). */
export function summaryTable(
  db: Queryable,
  registry: FrameworkRegistry,
  user: User,
  q: SummaryQuery,
): Promise<SummaryTable> {
  return cacheOf(db).get(db, keyOf('summary', user, q), () => computeSummaryTable(db, registry, user, q));
}

/** summaryTable as the response body (serialized, and gzipped if taken, once per data version). */
export function summaryTableBody(
  db: Queryable,
  registry: FrameworkRegistry,
  user: User,
  q: SummaryQuery,
  acceptsGzip: boolean,
): Promise<Body> {
  return cacheOf(db).body(
    db,
    keyOf('summary', user, q),
    () => computeSummaryTable(db, registry, user, q),
    acceptsGzip,
  );
}

async function computeSummaryTable(
  db: Queryable,
  registry: FrameworkRegistry,
  user: User,
  q: SummaryQuery,
): Promise<SummaryTable> {
  const scope = scopeOf(user, q);
  const visible = visibleFilter(user);
  const { years, undated } = await yearsOf(db, visible);
  const year = q.year ?? years[0] ?? null;
  const departments =
    year === null
      ? []
      : (await departmentsOf(db, { ...visible, year })).sort((a, b) => collator.compare(a.name, b.name));
  const base = {
    year,
    years,
    undated,
    departments,
    departmentId: q.departmentId ?? null,
    scope: user.role === 'admin' ? '全部地区' : user.region || '本地区',
    page: q.page,
    pageSize: q.pageSize,
    sort: q.sort,
    order: q.descending ? ('desc' as const) : ('asc' as const),
    notes: SUMMARY_NOTES,
  };
  if (year === null) return { ...base, lines: [], rowCount: 0 };
  const filter = { ...scope, year };
  await ensureScored(db, registry, filter);
  const groups = await groupSums(db, filter);
  const rowCount = groups.reduce((n, g) => n + g.count, 0);
  const from = (q.page - 1) * q.pageSize;
  const to = from + q.pageSize;
  const lines: SummaryLine[] =
    q.sort === 'department'
      ? await departmentPage(db, registry, filter, groups, from, to)
      : (
          await entryRows(db, filter, {
            sort: q.sort,
            descending: q.descending,
            limit: q.pageSize,
            offset: from,
          })
        ).map((r) => ({ type: 'evaluation' as const, ...entryOf(r, registry).entry }));
  return { ...base, lines: [...lines, ...totalsOf(groups)], rowCount };
}

/** 看板's filters: the 汇总表's, the year applying to all but the year-on-year. */
export type DashboardQuery = Omit<SummaryQuery, 'page' | 'pageSize' | 'sort' | 'descending'>;

/** A department's 预算执行 of one year: its 部门整体 figures, else its projects' (see departmentYear). */
interface YearFigures {
  budget: string;
  executed: string;
  basis: KindGroup;
}

/**
 * A department's 预算执行 of one year. A 部门整体 evaluation already holds the department's projects, so
 * when one has the figures they are the department's; only without one are the projects added up.
 */
function departmentYear(groups: GroupSums[]): YearFigures | null {
  for (const basis of KIND_GROUPS) {
    const g = groups.find((x) => x.group === basis && x.basisCount > 0);
    if (g) return { budget: g.basisBudget!, executed: g.basisExecuted!, basis };
  }
  return null;
}

/** Figures added up over years or departments: Σbudget, Σexecuted, and how many were added. */
function addFigures(all: YearFigures[]) {
  const s = addSums(
    all.map((f) => ({
      count: 1,
      initial: null,
      adjusted: null,
      executed: null,
      basisBudget: f.budget,
      basisExecuted: f.executed,
      basisCount: 1,
    })),
  );
  const money = moneyOfSums(s);
  return {
    budget: money.basisBudget.toFixed(2),
    executed: money.basisExecuted.toFixed(2),
    rate: rateOfSums(s.basisExecuted, s.basisBudget, s.basisCount),
  };
}

const key = (department: string, year: number | null) => `${department}\u0000${year ?? ''}`;

/** 同比 — each department's execution and average scores per year, and the change from its previous year. */
function yearOnYear(groups: GroupSums[]) {
  const dated = groups.filter((g) => g.year !== null);
  const years = [...new Set(dated.map((g) => g.year!))].sort((a, b) => a - b);
  const byDepartment = new Map<string, Map<number, GroupSums[]>>();
  for (const g of dated) {
    const own = byDepartment.get(g.department) ?? new Map<number, GroupSums[]>();
    own.set(g.year!, [...(own.get(g.year!) ?? []), g]);
    byDepartment.set(g.department, own);
  }
  return {
    years,
    departments: [...byDepartment]
      .sort(([a], [b]) => collator.compare(a, b))
      .map(([department, own]) => {
        let previous: { year: number; rate: string | null; averageStated: string | null } | null = null;
        const perYear = [...own]
          .sort(([a], [b]) => a - b)
          .map(([year, rows]) => {
            const figures = departmentYear(rows);
            const money = figures ? addFigures([figures]) : null;
            const rate = money?.rate ?? null;
            const stated = addStatedAndComputed(rows);
            const averageStated = averageOfSums(stated.statedSum, stated.statedCount);
            const out = {
              year,
              count: rows.reduce((n, r) => n + r.count, 0),
              budget: money?.budget ?? null,
              executed: money?.executed ?? null,
              rate,
              basis:
                figures?.basis === 'department'
                  ? ('department' as const)
                  : figures
                    ? ('projects' as const)
                    : null,
              averageStated,
              statedCount: stated.statedCount,
              averageComputed: averageOfSums(stated.computedSum, stated.computedCount),
              computedCount: stated.computedCount,
              previousYear: previous?.year ?? null,
              /** 执行率的变化，百分点 */
              rateChange: changeOf(rate, previous?.rate),
              /** 平均自评得分的变化，分 */
              averageStatedChange: changeOf(averageStated, previous?.averageStated),
            };
            previous = { year, rate, averageStated };
            return out;
          });
        return { department, years: perYear };
      }),
  };
}

function addStatedAndComputed(rows: GroupSums[]) {
  return {
    statedSum: sumOf(rows.map((r) => r.statedSum)),
    statedCount: rows.reduce((n, r) => n + r.statedCount, 0),
    computedSum: sumOf(rows.map((r) => r.computedSum)),
    computedCount: rows.reduce((n, r) => n + r.computedCount, 0),
  };
}

/**
 * 看板: what a 财政审核人 looks at first, over the evaluations the user may see — execution by department,
 * the score distribution and grades, the largest gaps between stated and recomputed totals, and each
 * department's year-on-year change (over all years, whatever the year filter).
 */
/** The 看板 as the response body, computed, serialized (and gzipped if taken) once per data version. */
export function dashboardBody(
  db: Queryable,
  registry: FrameworkRegistry,
  user: User,
  q: DashboardQuery,
  acceptsGzip: boolean,
): Promise<Body> {
  return cacheOf(db).body(
    db,
    keyOf('dashboard', user, q),
    () => computeDashboard(db, registry, user, q),
    acceptsGzip,
  );
}

async function computeDashboard(
  db: Queryable,
  registry: FrameworkRegistry,
  user: User,
  q: DashboardQuery,
): Promise<Dashboard> {
  const scope = scopeOf(user, q);
  await ensureScored(db, registry, scope);
  const all = await groupSums(db, scope);
  const shown = q.year === undefined ? all : all.filter((g) => g.year === q.year);
  const inYear = q.year === undefined ? scope : { ...scope, year: q.year };

  // Execution by department over the years shown: each year's figures (see departmentYear) added up.
  const perYear = new Map<string, GroupSums[]>();
  for (const g of shown)
    perYear.set(key(g.department, g.year), [...(perYear.get(key(g.department, g.year)) ?? []), g]);
  const byDepartment = new Map<string, YearFigures[]>();
  for (const rows of perYear.values()) {
    const figures = departmentYear(rows);
    if (!figures) continue;
    const department = rows[0]!.department;
    byDepartment.set(department, [...(byDepartment.get(department) ?? []), figures]);
  }
  const [bands, deviations] = await Promise.all([
    gradesAndBands(db, inYear, SCORE_BANDS),
    largestDeviations(db, inYear, 10),
  ]);
  return {
    byDepartment: [...byDepartment]
      .sort(([a], [b]) => collator.compare(a, b))
      .map(([department, figures]) => ({ department, ...addFigures(figures) })),
    /** 全部部门合计, with decimals: the page shows these, it does not add floats. */
    totals: {
      count: shown.reduce((n, g) => n + g.count, 0),
      ...(({ budget, executed, rate }) => ({ budget, executed, rate }))(
        addFigures([...byDepartment.values()].flat()),
      ),
    },
    gradeCounts: bands.grades,
    distribution: {
      bins: SCORE_BANDS.map((b, i) => ({
        label: b.label,
        stated: bands.stated[i]!,
        computed: bands.computed[i]!,
      })),
      incomplete: bands.incomplete,
      unscored: bands.unscored,
    },
    largestDeviations: deviations.map((d) => ({
      ...d,
      // A lower bound is no deviation: left out by the query.
      difference: gapOf(d.stated, d.computed),
    })),
    yearOnYear: yearOnYear(all),
  };
}
