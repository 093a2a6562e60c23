import Fastify, { type FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';

/**
 * The HTTP application over one database. Routes come with the roles that may use them (issue 4); for
 * now the health check that load balancers and the start script ask.
 */
export function buildApp(db: Database): FastifyInstance {
  const app = Fastify({ logger: false });

  app.get('/api/health', async (_request, reply) => {
    try {
      await db.query('select 1');
      return { status: 'ok', database: db.kind };
    } catch (error) {
      return reply.code(503).send({ status: 'error', message: `数据库不可用：${(error as Error).message}` });
    }
  });

  return app;
}
