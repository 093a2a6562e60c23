import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { searchLibrary, WHOLE_DEPARTMENT, type IndicatorChoices, type LibraryAnswer } from '@jixiao/core';
import type { Database } from '../../db/database.ts';
import { getEvaluation } from '../../store/evaluations.ts';
import { indicatorLibrary } from '../../store/library.ts';
import { scopeOf } from '../../store/listing.ts';
import { canSeeMonitoring } from '../access.ts';
import { forbidden, unauthenticated } from '../errors.ts';
import { requireUser } from '../session-plugin.ts';
import { idParam, parse, text, yearQuery } from '../validate.ts';

/** The most rows one answer carries; `total` says how many matched. */
const LIMIT = 500;

const query = z.object({
  q: text('检索词', { max: 100, optional: true }),
  project: text('项目名称', { max: 200, optional: true }),
  year: z.unknown().optional(),
});

/**
 * 指标库: every approved indicator with its project, year, target and actual, searchable by the department (its
 * own), the region's 财政审核人 (the region's) and the admin (all); and the choices the self-evaluation editor
 * offers from the year's targets and last year's evaluation of the same project.
 */
export function libraryRoutes(app: FastifyInstance, db: Database): void {
  app.get('/api/indicators', async (request): Promise<LibraryAnswer> => {
    const user = requireUser(request);
    const q = parse(query, request.query ?? {});
    const year = yearQuery(request.query);
    const scope =
      user.role === 'filler'
        ? { departmentId: user.departmentId ?? -1 }
        : user.role === 'reviewer'
          ? { region: user.region }
          : {};
    const found = searchLibrary(
      await indicatorLibrary(db, { ...scope, ...(year !== undefined ? { years: [year] } : {}) }),
      { ...(q.q ? { q: q.q } : {}), ...(q.project ? { projectName: q.project } : {}) },
    );
    return { total: found.length, rows: found.slice(0, LIMIT) };
  });

  app.get('/api/evaluations/:id/indicator-choices', async (request): Promise<IndicatorChoices> => {
    const id = idParam(request.params);
    const user = request.session?.user ?? null;
    const scope = await scopeOf(db, id);
    if (!canSeeMonitoring(user, scope)) {
      if (!user) throw unauthenticated();
      throw forbidden('查看这份自评可选的指标');
    }
    const e = (await getEvaluation(db, id)).evaluation;
    const projectName = e.kind === 'department' ? WHOLE_DEPARTMENT : (e.projectName ?? '').trim();
    const year = e.year;
    if (!year || !projectName) return { projectName, year: year ?? null, thisYear: [], lastYear: [] };
    const library = searchLibrary(
      await indicatorLibrary(db, { departmentId: scope.departmentId, years: [year, year - 1] }),
      { projectName },
    );
    return {
      projectName,
      year,
      thisYear: library.filter((r) => r.year === year && r.targetId !== null),
      lastYear: library.filter((r) => r.year === year - 1),
    };
  });
}
