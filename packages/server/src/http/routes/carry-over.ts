import type { FastifyInstance } from 'fastify';
import { builtinBudgetUseRule, type FrameworkRegistry } from '@jixiao/core';
import type { Database } from '../../db/database.ts';
import { carryOverOf, resultsUseRows } from '../../store/carry-over.ts';
import { scopeOf } from '../../store/listing.ts';
import { shown } from './rectifications.ts';
import { canSeeMonitoring } from '../access.ts';
import { badRequest, forbidden, unauthenticated } from '../errors.ts';
import { requireUser } from '../session-plugin.ts';
import { idParam, yearQuery } from '../validate.ts';

/**
 * 跨年度: next year's evaluation of the same project shows last year's 整改 items and actuals; the 结果应用表
 * applies the bureau's rule (core/budget-use/) to a year's grades and budgets.
 */
export function carryOverRoutes(app: FastifyInstance, db: Database, registry: FrameworkRegistry): void {
  const rule = builtinBudgetUseRule();

  app.get('/api/evaluations/:id/carry-over', async (request) => {
    const id = idParam(request.params);
    const user = request.session?.user ?? null;
    const scope = await scopeOf(db, id);
    if (!canSeeMonitoring(user, scope)) {
      if (!user) throw unauthenticated();
      throw forbidden('查看这份自评的上年整改情况');
    }
    const r = await db.query<{ kind: string; project_name: string | null }>(
      `select kind, data->>'projectName' as project_name from evaluations where id = $1`,
      [id],
    );
    const c = await carryOverOf(db, {
      id,
      departmentId: scope.departmentId,
      year: scope.year,
      kind: r.rows[0]!.kind,
      projectName: r.rows[0]!.project_name,
    });
    const previous = c.previous.map((p) => ({ ...p, rectifications: p.rectifications.map(shown) }));
    const items = previous.flatMap((p) => p.rectifications);
    return {
      year: c.year,
      previous,
      openCount: items.filter((i) => i.status !== 'done').length,
      overdueCount: items.filter((i) => i.overdue).length,
      actuals: c.actuals,
    };
  });

  app.get('/api/results-use', async (request) => {
    const user = requireUser(request, 'reviewer', 'admin');
    const year = yearQuery(request.query);
    if (year === undefined) throw badRequest('请选择年度（year，四位数字）');
    const rows = await resultsUseRows(db, registry, rule, {
      year,
      ...(user.role === 'reviewer' ? { region: user.region } : {}),
    });
    return { year, rule: { name: rule.name, version: rule.version }, rows };
  });
}
