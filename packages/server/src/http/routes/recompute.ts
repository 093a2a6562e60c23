import type { FastifyInstance } from 'fastify';
import { recomputeProgress, type RecomputeProgress } from '../../jobs/recompute.ts';
import { requireUser } from '../session-plugin.ts';

/** 重新计分进度: how far the recomputation after a framework upload or an engine upgrade has come, for the admin. */
export function recomputeRoutes(app: FastifyInstance): void {
  app.get('/api/admin/recompute', async (request): Promise<RecomputeProgress> => {
    requireUser(request, 'admin');
    return recomputeProgress.parse(await app.recompute.progress());
  });
}
