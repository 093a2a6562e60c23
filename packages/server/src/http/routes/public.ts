import type { FastifyInstance } from 'fastify';
import type { FrameworkRegistry } from '@jixiao/core';
import type { Database } from '../../db/database.ts';
import { getEvaluation } from '../../store/evaluations.ts';
import { listEvaluations, scopeOf } from '../../store/listing.ts';
import { resultsOf, withScores } from '../../store/results.ts';
import { HttpError } from '../errors.ts';
import { idParam } from '../validate.ts';

/**
 * 公开报告: what the portal shows of a published evaluation — its figures and score under the frozen
 * framework version, nothing of the review (findings, review score and comment, marks, notes). The one
 * place this is decided: an outsider reading a published evaluation anywhere gets this.
 */
export async function publicReport(db: Database, registry: FrameworkRegistry, id: number) {
  const stored = await getEvaluation(db, id);
  // The stored result: a published evaluation is frozen, so it holds until the engine changes.
  const { result } = (await resultsOf(db, registry, [stored], 'exact')).get(id)!;
  return {
    id,
    public: true as const,
    evaluation: stored.evaluation,
    score: result.score,
    frozen: stored.frozen,
  };
}

/** 信息公开: published reports only, to anyone. Findings are internal and never shown here. */
export function publicRoutes(app: FastifyInstance, db: Database, registry: FrameworkRegistry): void {
  // With the score and grade each was published with (its stored result; findings stay internal).
  app.get('/api/public/reports', async () =>
    withScores(db, registry, await listEvaluations(db, { statuses: ['published'] })),
  );

  app.get('/api/public/reports/:id', async (request) => {
    const id = idParam(request.params, '报告编号');
    const scope = await scopeOf(db, id);
    if (scope.status !== 'published') throw new HttpError(404, '没有这份公开报告');
    // The frozen submission: scored under the framework version it was submitted with.
    return publicReport(db, registry, id);
  });
}
