import type { FastifyInstance } from 'fastify';
import { D, type Dec, type FrameworkRegistry } from '@jixiao/core';
import type { Database } from '../../db/database.ts';
import { requireUser } from '../session-plugin.ts';
import { Money } from '@jixiao/core';
import { yearQuery } from '../validate.ts';
import { collectEntries, type Collected } from './summary.ts';

/** 得分分段 — the bands of the score distribution (lower bound inclusive). */
const BINS: Array<{ label: string; min: number | null; max: number | null }> = [
  { label: '<60', min: null, max: 60 },
  { label: '60–70', min: 60, max: 70 },
  { label: '70–80', min: 70, max: 80 },
  { label: '80–90', min: 80, max: 90 },
  { label: '≥90', min: 90, max: null },
];

function binOf(score: string): number {
  const v = new D(score);
  return BINS.findIndex((b) => (b.min === null || v.gte(b.min)) && (b.max === null || v.lt(b.max)));
}

/** How a department's money of one year is taken: its 部门整体 evaluation, else the sum of its projects. */
type Basis = 'department' | 'projects';

/**
 * A department's 预算执行 of one year. A 部门整体 evaluation already holds the department's projects, so
 * when there is one its figures are the department's; only without one are the projects added up.
 */
function departmentYear(rows: Collected[]): { money: Money; basis: Basis } | null {
  const whole = rows.filter((r) => r.entry.group === 'department' && r.money.basisCount);
  const parts = rows.filter((r) => r.entry.group === 'project' && r.money.basisCount);
  const chosen = whole.length ? whole : parts;
  if (!chosen.length) return null;
  const money = new Money();
  for (const r of chosen) money.add(r.money);
  return { money, basis: whole.length ? 'department' : 'projects' };
}

function average(values: Dec[]): string | null {
  if (!values.length) return null;
  return values
    .reduce((s, v) => s.plus(v), new D(0))
    .div(values.length)
    .toFixed(2);
}

const byName = (a: string, b: string) => a.localeCompare(b, 'zh-Hans-CN');

/** 同比 — one department's execution and average scores per year, and the change from its previous year. */
function yearOnYear(entries: Collected[]) {
  const dated = entries.filter((r) => r.entry.year !== null);
  const departments = [...new Set(dated.map((r) => r.entry.department))].sort(byName);
  const years = [...new Set(dated.map((r) => r.entry.year!))].sort((a, b) => a - b);
  return {
    years,
    departments: departments.map((department) => {
      const own = dated.filter((r) => r.entry.department === department);
      let previous: { year: number; rate: string | null; averageStated: string | null } | null = null;
      const perYear = years
        .filter((y) => own.some((r) => r.entry.year === y))
        .map((year) => {
          const rows = own.filter((r) => r.entry.year === year);
          const figures = departmentYear(rows);
          const rate = figures?.money.rate() ?? null;
          const stated = rows.flatMap((r) => r.statedScores);
          const computed = rows
            .filter((r) => r.entry.computedScore !== null && !r.entry.totalIncomplete)
            .map((r) => new D(r.entry.computedScore!));
          const averageStated = average(stated);
          const change = (now: string | null, before: string | null | undefined) =>
            now !== null && before != null ? new D(now).minus(before).toFixed(2) : null;
          const out = {
            year,
            count: rows.length,
            budget: figures ? figures.money.basisBudget.toFixed(2) : null,
            executed: figures ? figures.money.basisExecuted.toFixed(2) : null,
            rate,
            basis: figures?.basis ?? null,
            averageStated,
            statedCount: stated.length,
            averageComputed: average(computed),
            computedCount: computed.length,
            previousYear: previous?.year ?? null,
            /** 执行率的变化，百分点 */
            rateChange: change(rate, previous?.rate),
            /** 平均自评得分的变化，分 */
            averageStatedChange: change(averageStated, previous?.averageStated),
          };
          previous = { year, rate, averageStated };
          return out;
        });
      return { department, years: perYear };
    }),
  };
}

/**
 * 看板: what a 财政审核人 looks at first, over the evaluations the user may see — execution by department,
 * the score distribution and grades, the largest gaps between stated and recomputed totals, and each
 * department's year-on-year change (over all years, whatever the year filter).
 */
export function dashboardRoutes(app: FastifyInstance, db: Database, registry: FrameworkRegistry): void {
  app.get('/api/dashboard', async (request) => {
    const user = requireUser(request, 'reviewer', 'admin');
    const year = yearQuery(request.query);
    const all = await collectEntries(db, registry, user);
    const entries = year ? all.filter((r) => r.entry.year === year) : all;

    // Execution by department over the years shown: each year's figures (see departmentYear) added up.
    const byDepartment = new Map<string, Money>();
    const groups = new Map<string, Collected[]>();
    for (const r of entries) {
      const key = JSON.stringify([r.entry.department, r.entry.year]);
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    for (const rows of groups.values()) {
      const figures = departmentYear(rows);
      if (!figures) continue;
      const department = rows[0]!.entry.department;
      byDepartment.set(department, (byDepartment.get(department) ?? new Money()).add(figures.money));
    }
    const overall = new Money();
    for (const m of byDepartment.values()) overall.add(m);

    const gradeCounts: Record<string, number> = {};
    for (const { entry } of entries) {
      if (entry.grade) gradeCounts[entry.grade] = (gradeCounts[entry.grade] ?? 0) + 1;
    }
    const scores = entries.map(({ entry: e }) => ({
      id: e.id,
      title: e.title,
      department: e.department,
      year: e.year,
      stated: e.statedScore,
      computed: e.computedScore,
      /** Some items could not be judged (blank 完成值): the computed total is a lower bound. */
      totalIncomplete: e.totalIncomplete,
    }));

    // A lower bound is not a score: it goes to its own count, not into a band.
    const bins = BINS.map((b) => ({ label: b.label, stated: 0, computed: 0 }));
    let incomplete = 0;
    let unscored = 0;
    for (const s of scores) {
      if (s.stated !== null) bins[binOf(s.stated)]!.stated++;
      if (s.totalIncomplete) incomplete++;
      else if (s.computed !== null) bins[binOf(s.computed)]!.computed++;
      else unscored++;
    }

    const largestDeviations = scores
      // A lower bound is no deviation: "100 vs 10" with blank 完成值 says nothing about the gap.
      .filter((s) => s.stated !== null && s.computed !== null && !s.totalIncomplete)
      .map((s) => ({ ...s, difference: new D(s.stated!).minus(s.computed!).abs().toFixed(2) }))
      .sort((a, b) => new D(b.difference).cmp(a.difference) || a.id - b.id)
      .slice(0, 10);

    return {
      byDepartment: [...byDepartment]
        .sort(([a], [b]) => byName(a, b))
        .map(([department, m]) => ({
          department,
          budget: m.basisBudget.toFixed(2),
          executed: m.basisExecuted.toFixed(2),
          rate: m.rate(),
        })),
      /** 全部部门合计, with decimals: the page shows these, it does not add floats. */
      totals: {
        count: entries.length,
        budget: overall.basisBudget.toFixed(2),
        executed: overall.basisExecuted.toFixed(2),
        rate: overall.rate(),
      },
      gradeCounts,
      scores,
      distribution: { bins, incomplete, unscored },
      largestDeviations,
      yearOnYear: yearOnYear(all),
    };
  });
}
