import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { FrameworkRegistry } from '@jixiao/core';
import type { Database } from '../../db/database.ts';
import { addDisposition, listDispositionHistory } from '../../store/dispositions.ts';
import { getEvaluation } from '../../store/evaluations.ts';
import { scopeOf } from '../../store/listing.ts';
import { canReview, canSeeInternal } from '../access.ts';
import { findingKey } from '../assess.ts';
import { resultsOf } from '../../store/results.ts';
import { badRequest, forbidden, HttpError, unauthenticated } from '../errors.ts';
import { requireUser } from '../session-plugin.ts';
import { idParam, parse, text } from '../validate.ts';

const idOf = (params: unknown) => idParam(params);

const markBody = z.object({
  key: text('审核发现（key）', { min: 1, max: 300 }),
  reason: text('理由', { max: 2000, multiline: true, optional: true }),
});

/**
 * Marking audit findings 不是问题 (dismiss, with a reason) and withdrawing the mark (restore): a 财政审核人
 * of the region or the admin, on a submitted or accepted evaluation. Every entry is kept.
 */
export function findingRoutes(app: FastifyInstance, db: Database, registry: FrameworkRegistry): void {
  for (const action of ['dismiss', 'restore'] as const) {
    app.post(`/api/evaluations/:id/findings/${action}`, async (request) => {
      const user = requireUser(request);
      const id = idOf(request.params);
      const scope = await scopeOf(db, id);
      if (!canReview(user, scope)) throw forbidden('处置这份自评的审核发现');
      if (scope.status !== 'submitted' && scope.status !== 'accepted')
        throw new HttpError(409, '只有已提交或已审核的自评可以标记审核发现');
      const body = parse(markBody, request.body);
      const reason = body.reason ?? '';
      if (action === 'dismiss' && !reason) throw badRequest('标记为「不是问题」需要写明理由');
      const stored = await getEvaluation(db, id);
      const { result } = (await resultsOf(db, registry, [stored], 'exact')).get(id)!;
      const keys = new Set(result.findings.map(findingKey));
      if (!keys.has(body.key)) throw new HttpError(404, '这份自评当前没有这条审核发现');
      return addDisposition(db, id, {
        key: body.key,
        action,
        reason,
        author: { id: user.id, name: user.displayName },
      });
    });
  }

  app.get('/api/evaluations/:id/findings/history', async (request) => {
    const id = idOf(request.params);
    const scope = await scopeOf(db, id);
    // Marks carry reviewers' names and reasons: internal even once the report is published.
    if (!canSeeInternal(request.session?.user ?? null, scope)) {
      if (!request.session) throw unauthenticated();
      throw forbidden('查看审核发现的处置记录');
    }
    return listDispositionHistory(db, id);
  });
}
