import type { FastifyInstance } from 'fastify';
import type { FrameworkRegistry } from '@jixiao/core';
import type { Database } from '../../db/database.ts';
import { getEvaluation } from '../../store/evaluations.ts';
import { listEvaluations, scopeOf } from '../../store/listing.ts';
import { assessStored } from '../assess.ts';
import { badRequest, HttpError } from '../errors.ts';

/** 信息公开: published reports only, to anyone. Findings are internal and never shown here. */
export function publicRoutes(app: FastifyInstance, db: Database, registry: FrameworkRegistry): void {
  app.get('/api/public/reports', async () => listEvaluations(db, { statuses: ['published'] }));

  app.get('/api/public/reports/:id', async (request) => {
    const id = Number((request.params as { id?: string }).id);
    if (!Number.isInteger(id) || id <= 0) throw badRequest('报告编号应为正整数');
    const scope = await scopeOf(db, id);
    if (scope.status !== 'published') throw new HttpError(404, '没有这份公开报告');
    const stored = await getEvaluation(db, id);
    // The frozen submission: scored under the framework version it was submitted with.
    const { result } = await assessStored(db, registry, stored);
    return { id, evaluation: stored.evaluation, score: result.score, frozen: stored.frozen };
  });
}
