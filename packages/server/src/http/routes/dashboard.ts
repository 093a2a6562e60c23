import type { FastifyInstance } from 'fastify';
import { D, type FrameworkRegistry } from '@jixiao/core';
import type { Database } from '../../db/database.ts';
import { getEvaluation } from '../../store/evaluations.ts';
import { listEvaluations, type ListFilter } from '../../store/listing.ts';
import { assess } from '../assess.ts';
import { requireUser } from '../session-plugin.ts';

function money(v: string | null | undefined) {
  return v ? new D(v) : null;
}

/**
 * 看板: what a 财政审核人 looks at first, over the evaluations the user may see — execution by department,
 * the score distribution and grades, the largest gaps between stated and recomputed totals.
 */
export function dashboardRoutes(app: FastifyInstance, db: Database, registry: FrameworkRegistry): void {
  app.get('/api/dashboard', async (request) => {
    const user = requireUser(request, 'reviewer', 'admin');
    const filter: ListFilter =
      user.role === 'reviewer'
        ? { region: user.region, statuses: ['submitted', 'returned', 'accepted', 'published'] }
        : {};
    const year = Number((request.query as { year?: string }).year) || undefined;
    const items = await listEvaluations(db, year ? { ...filter, year } : filter);
    const byDepartment = new Map<
      string,
      { budget: InstanceType<typeof D>; executed: InstanceType<typeof D> }
    >();
    const gradeCounts: Record<string, number> = {};
    const scores: Array<{
      id: number;
      title: string;
      department: string;
      stated: string | null;
      computed: string | null;
      /** Some items could not be judged (blank 完成值): the computed total is a lower bound. */
      totalIncomplete: boolean;
    }> = [];
    for (const item of items) {
      const stored = await getEvaluation(db, item.id);
      const { score } = assess(registry, stored.evaluation);
      const total = stored.evaluation.budget.find((l) => l.role === 'total');
      const b = money(total?.adjustedBudget?.value ?? total?.initialBudget?.value);
      const x = money(total?.executed?.value);
      if (b && x) {
        const agg = byDepartment.get(item.department) ?? { budget: new D(0), executed: new D(0) };
        byDepartment.set(item.department, { budget: agg.budget.plus(b), executed: agg.executed.plus(x) });
      }
      const grade = score.gradeOfStatedTotal ?? score.computedGrade;
      if (grade) gradeCounts[grade] = (gradeCounts[grade] ?? 0) + 1;
      scores.push({
        id: item.id,
        title: item.title,
        department: item.department,
        stated: score.statedTotal,
        computed: score.computedTotal,
        totalIncomplete: score.totalIncomplete,
      });
    }
    const largestDeviations = scores
      // A lower bound is no deviation: "100 vs 10" with blank 完成值 says nothing about the gap.
      .filter((s) => s.stated !== null && s.computed !== null && !s.totalIncomplete)
      .map((s) => ({ ...s, difference: new D(s.stated!).minus(s.computed!).abs().toFixed(2) }))
      .sort((a, b) => Number(b.difference) - Number(a.difference))
      .slice(0, 10);
    return {
      byDepartment: [...byDepartment].map(([department, v]) => ({
        department,
        budget: v.budget.toFixed(2),
        executed: v.executed.toFixed(2),
        rate: v.budget.isZero() ? null : v.executed.div(v.budget).times(100).toFixed(2),
      })),
      gradeCounts,
      scores,
      largestDeviations,
    };
  });
}
