import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { FrameworkRegistry } from '@jixiao/core';
import type { Database } from '../../db/database.ts';
import { addFramework, frameworkDefinition, listFrameworks } from '../../store/frameworks.ts';
import { badRequest, HttpError } from '../errors.ts';
import { requireUser } from '../session-plugin.ts';
import { parse, text } from '../validate.ts';

/**
 * 评分框架: every stored version, to anyone (the rules a score rests on are public, and the browser scores
 * with exactly the server's definitions); a new version, by the admin. A stored version is never replaced.
 */
export function frameworkRoutes(app: FastifyInstance, db: Database, registry: FrameworkRegistry): void {
  app.get('/api/frameworks', async () => listFrameworks(db));

  /** All definitions at once, in order of arrival, for the browser's registry (a few dozen kB). */
  app.get('/api/frameworks/definitions', async () => {
    const r = await db.query<{ definition: unknown }>('select definition from frameworks order by seq');
    return r.rows.map((x) => (typeof x.definition === 'string' ? JSON.parse(x.definition) : x.definition));
  });

  app.get('/api/frameworks/:id/:version', async (request) => {
    const { id, version } = parse(
      z.object({
        id: text('评分框架编号', { min: 1, max: 100 }),
        version: text('评分框架版本', { min: 1, max: 50 }),
      }),
      request.params,
    );
    const definition = await frameworkDefinition(db, id, version);
    if (definition === undefined) throw new HttpError(404, `没有评分框架 ${id} 的 ${version} 版`);
    return definition;
  });

  app.post('/api/frameworks', async (request) => {
    const user = requireUser(request, 'admin');
    const body = request.body;
    if (!body || typeof body !== 'object' || Array.isArray(body))
      throw badRequest('请上传一个评分框架的 JSON 定义（对象）');
    const added = await addFramework(db, registry, body, user.displayName);
    // Drafts under this framework are now scored by the new version: the jobs recompute them, and until
    // they do each 汇总表 row names the version that scored it.
    // The version is stored either way: should queueing fail, the next start queues what is out of date.
    await app.recompute
      .queueDue('framework', { id: added.id, version: added.version })
      .catch((error: Error) => {
        process.stderr.write(
          `评分框架 ${added.id} ${added.version} 版已保存，重新计分未能排队：${error.message}\n`,
        );
      });
    return added;
  });
}
