import type { FastifyInstance } from 'fastify';
import type { FrameworkRegistry } from '@jixiao/core';
import type { Database } from '../../db/database.ts';
import { dashboardBody } from '../../summary/service.ts';
import { requireUser } from '../session-plugin.ts';
import { sendBody, summaryQuery } from './summary.ts';

/**
 * 看板: execution by department, the score distribution and grades, the largest gaps between stated and
 * recomputed totals (the year and the 汇总表's filters applied), and each department's year-on-year change
 * (over all years). Sums in SQL, arithmetic in core (summary/service.ts).
 */
export function dashboardRoutes(app: FastifyInstance, db: Database, registry: FrameworkRegistry): void {
  app.get('/api/dashboard', async (request, reply) => {
    const user = requireUser(request, 'reviewer', 'admin');
    const {
      page: _p,
      pageSize: _s,
      sort: _o,
      descending: _d,
      ...filters
    } = summaryQuery(request.query, false);
    return sendBody(request, reply, (gzip) => dashboardBody(db, registry, user, filters, gzip));
  });
}
