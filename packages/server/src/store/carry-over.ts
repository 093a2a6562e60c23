import {
  WHOLE_DEPARTMENT,
  budgetUseOf,
  carryKeyOf,
  gradeOf,
  gradesOf,
  type BudgetUseRule,
  type EvaluationKind,
  type FrameworkRegistry,
  D,
  RECTIFICATION_STATUS_NAMES,
  rectificationOverdue,
} from '@jixiao/core';
import type { ReportApplication, ReportRectification } from '@jixiao/formats';
import type { Queryable } from '../db/database.ts';
import { indicatorLibrary } from './library.ts';
import {
  listEvaluations,
  listScoredEvaluations,
  type EvaluationListItem,
  type ListFilter,
} from './listing.ts';
import { rectificationsOf, type Rectification } from './rectifications.ts';
import type { EvaluationStatus } from './evaluations.ts';

const keyOf = (kind: string, projectName: string | null) =>
  carryKeyOf({ kind: kind as EvaluationKind, projectName: projectName ?? undefined });

/** The evaluations of a department in a year with the key that matches them across years. */
async function keyedEvaluations(
  db: Queryable,
  departmentId: number,
  year: number,
): Promise<Array<{ id: number; key: string | null }>> {
  const r = await db.query<{ id: number; kind: string; project_name: string | null }>(
    `select id, kind, data->>'projectName' as project_name from evaluations
      where department_id = $1 and year = $2 order by id`,
    [departmentId, year],
  );
  return r.rows.map((x) => ({ id: x.id, key: keyOf(x.kind, x.project_name) }));
}

/** 上年情况 of one evaluation: last year's of the same project, their 整改 items and the 指标库's actuals. */
export async function carryOverOf(
  db: Queryable,
  e: { id: number; departmentId: number; year: number | null; kind: string; projectName: string | null },
): Promise<{
  year: number | null;
  previous: Array<{ evaluation: EvaluationListItem; rectifications: Rectification[] }>;
  actuals: Array<{
    year: number;
    level1: string;
    level2: string;
    name: string;
    unit: string;
    target: string;
    actual: string | null;
  }>;
}> {
  const key = keyOf(e.kind, e.projectName);
  if (e.year === null || key === null) return { year: null, previous: [], actuals: [] };
  const year = e.year - 1;
  const ids = (await keyedEvaluations(db, e.departmentId, year))
    .filter((x) => x.key === key)
    .map((x) => x.id);
  const listed = (await listEvaluations(db, { departmentId: e.departmentId, year })).filter((x) =>
    ids.includes(x.id),
  );
  const items = await rectificationsOf(db, ids);
  const previous = listed.map((evaluation) => ({
    evaluation,
    rectifications: items.filter((i) => i.evaluationId === evaluation.id),
  }));
  const project = key === WHOLE_DEPARTMENT ? WHOLE_DEPARTMENT : key;
  const actuals = (await indicatorLibrary(db, { departmentId: e.departmentId, years: [year] }))
    .filter((r) => r.projectName.replace(/\s+/g, '') === project)
    .map((r) => ({
      year: r.year,
      level1: r.level1,
      level2: r.level2,
      name: r.name,
      unit: r.unit,
      target: r.target,
      actual: r.actual,
    }));
  return { year, previous, actuals };
}

const SHOWN: EvaluationStatus[] = ['submitted', 'accepted', 'published'];

/**
 * 结果应用表 of a year: the submitted, accepted and published evaluations in the filter with their grade (the
 * 复核得分's when reviewed, else the 规则得分's, else the stated one), this year's 调整后预算, and the rule's
 * suggestion computed on next year's 年初预算 of the same project when its evaluation states one, else on this
 * year's 调整后预算.
 */
export async function resultsUseRows(
  db: Queryable,
  registry: FrameworkRegistry,
  rule: BudgetUseRule,
  filter: Pick<ListFilter, 'departmentId' | 'region'> & { year: number },
) {
  const { items } = await listScoredEvaluations(db, registry, { ...filter, statuses: SHOWN });
  const scored = items.filter((x) => x.kind !== 'summary');
  const ids = scored.map((x) => x.id);
  const extra = new Map(
    (
      await db.query<{
        id: number;
        kind: string;
        project_name: string | null;
        adjusted_budget: string | null;
        initial_budget: string | null;
        review_total: string | null;
        framework_id: string | null;
        framework_version: string | null;
      }>(
        `select e.id, e.kind, e.data->>'projectName' as project_name, r.adjusted_budget::text as adjusted_budget,
                r.initial_budget::text as initial_budget, v.review_total::text as review_total,
                r.framework_id, r.framework_version
           from evaluations e left join evaluation_results r on r.evaluation_id = e.id
           left join reviews v on v.evaluation_id = e.id
          where e.id = any($1)`,
        [ids],
      )
    ).rows.map((x) => [x.id, x]),
  );
  // Next year's 年初预算 of the same project, by department and key.
  const next = new Map<string, string>();
  const departments = [...new Set(scored.map((x) => x.departmentId))];
  if (departments.length) {
    // Scores (and so the budget columns) of next year's evaluations, computed when not yet stored.
    await listScoredEvaluations(db, registry, { ...filter, year: filter.year + 1 });
    const r = await db.query<{
      department_id: number;
      kind: string;
      project_name: string | null;
      initial_budget: string | null;
    }>(
      `select e.department_id, e.kind, e.data->>'projectName' as project_name, r.initial_budget::text as initial_budget
         from evaluations e join evaluation_results r on r.evaluation_id = e.id
        where e.department_id = any($1) and e.year = $2 and r.initial_budget is not null order by e.id`,
      [departments, filter.year + 1],
    );
    for (const x of r.rows) {
      const k = keyOf(x.kind, x.project_name);
      if (k && x.initial_budget) next.set(`${x.department_id}\u0000${k}`, x.initial_budget);
    }
  }
  const open = await rectificationsOf(db, ids);
  return scored.map((item) => {
    const x = extra.get(item.id)!;
    const key = keyOf(x.kind, x.project_name);
    const framework = x.framework_id
      ? registry.get(x.framework_id, x.framework_version ?? undefined)
      : undefined;
    const reviewGrade =
      x.review_total !== null && framework ? gradeOf(new D(x.review_total), gradesOf(framework)) : null;
    const [grade, gradeBasis, score] = reviewGrade
      ? [reviewGrade, '复核等级', x.review_total]
      : item.computedGrade && !item.totalIncomplete
        ? [item.computedGrade, '规则等级', item.computedScore]
        : item.grade
          ? [item.grade, '自评等级', item.statedScore]
          : [null, '无', null];
    const nextBudget = key ? next.get(`${item.departmentId}\u0000${key}`) : undefined;
    const basis = nextBudget !== undefined ? '下年度年初预算' : '本年调整后预算';
    const {
      statedScore: _s,
      computedScore: _c,
      totalIncomplete: _t,
      grade: _g,
      computedGrade: _cg,
      scoredBy: _b,
      ...evaluation
    } = item;
    return {
      evaluation,
      project: key === WHOLE_DEPARTMENT || !x.project_name ? WHOLE_DEPARTMENT : x.project_name.trim(),
      score: score === null ? null : new D(score).toFixed(2),
      gradeBasis,
      budget: x.adjusted_budget === null ? null : new D(x.adjusted_budget).toFixed(2),
      basis,
      use: budgetUseOf(rule, grade, nextBudget ?? x.adjusted_budget, basis),
      openRectifications: open.filter((i) => i.evaluationId === item.id && i.status !== 'done').length,
    };
  });
}

/**
 * 结果应用 of one evaluation as its report tells it: last year's 整改 items of the same project, this year's,
 * and the rule's suggestion when the evaluation is in its year's 结果应用表 with a grade.
 */
export async function reportApplicationOf(
  db: Queryable,
  registry: FrameworkRegistry,
  rule: BudgetUseRule,
  e: { id: number; departmentId: number; year: number | null; kind: string; projectName: string | null },
  today: string,
): Promise<ReportApplication> {
  const told = (i: Rectification): ReportRectification => ({
    problem: i.problem,
    measure: i.measure,
    owner: i.owner,
    due: i.due,
    statusName: RECTIFICATION_STATUS_NAMES[i.status],
    done: i.status === 'done',
    overdue: rectificationOverdue(i, today),
    result: i.result,
  });
  const carried = await carryOverOf(db, e);
  const lastItems = carried.previous.flatMap((p) => p.rectifications);
  const out: ReportApplication = {
    ...(carried.year !== null && lastItems.length
      ? { lastYear: { year: carried.year, items: lastItems.map(told) } }
      : {}),
    thisYear: (await rectificationsOf(db, [e.id])).map(told),
  };
  if (e.year === null) return out;
  const row = (await resultsUseRows(db, registry, rule, { year: e.year, departmentId: e.departmentId })).find(
    (r) => r.evaluation.id === e.id,
  );
  if (row && row.use.action !== 'none') out.budgetUse = { rule: rule.name, words: row.use.words };
  return out;
}
