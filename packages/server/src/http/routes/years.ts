import type { FastifyInstance } from 'fastify';
import type { Queryable } from '../../db/database.ts';
import { closedYear, listYears, setYear } from '../../store/years.ts';
import { badRequest, HttpError } from '../errors.ts';
import { requireUser } from '../session-plugin.ts';

/**
 * 填报年度: everyone signed in sees which years are open (the 填报人 to know what may still change); the
 * admin opens and closes them.
 */
export function yearRoutes(app: FastifyInstance, db: Queryable): void {
  app.get('/api/years', async (request) => {
    requireUser(request);
    return listYears(db);
  });

  app.put('/api/years/:year', async (request) => {
    const user = requireUser(request, 'admin');
    const year = Number((request.params as { year?: string }).year);
    if (!Number.isInteger(year) || year < 1990 || year > 2200) throw badRequest('年度应为 1990–2200 的整数');
    const b = (request.body ?? {}) as { open?: unknown; deadline?: unknown };
    if (typeof b.open !== 'boolean') throw badRequest('请指明该年度是否开放填报（open: true / false）');
    const deadline = b.deadline ?? null;
    if (deadline !== null && (typeof deadline !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(deadline)))
      throw badRequest('截止日期应为 YYYY-MM-DD');
    // A calendar check, not just the pattern: 2024-02-30 would reach the database and fail there.
    if (deadline !== null && !isCalendarDay(deadline)) throw badRequest(`截止日期 ${deadline} 不是有效日期`);
    return setYear(db, { year, open: b.open, deadline, by: user.displayName });
  });
}

function isCalendarDay(text: string): boolean {
  const t = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === text;
}

/**
 * Refuses a 填报人's change to a closed year (截止): creating, saving or submitting an evaluation of it, or
 * moving one into or out of it.
 */
export async function assertYearsOpen(db: Queryable, years: Array<number | null | undefined>): Promise<void> {
  const closed = await closedYear(db, years);
  if (closed) {
    throw new HttpError(
      409,
      `${closed.year} 年度已截止填报${closed.deadline ? `（截止日期 ${closed.deadline}）` : ''}，不能再新建、修改或提交该年度的自评；如需补报请联系管理员重新开放`,
    );
  }
}
