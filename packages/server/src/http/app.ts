import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { FrameworkError, type FrameworkRegistry } from '@jixiao/core';
import { ReportError } from '@jixiao/formats';
import type { Database } from '../db/database.ts';
import { AlreadyExistsError, ConflictError, NotFoundError } from '../store/errors.ts';
import { syncFrameworks } from '../store/frameworks.ts';
import { HttpError } from './errors.ts';
import { adminRoutes } from './routes/admin.ts';
import { authRoutes } from './routes/auth.ts';
import { dashboardRoutes } from './routes/dashboard.ts';
import { exportRoutes } from './routes/export.ts';
import { frameworkRoutes } from './routes/frameworks.ts';
import { findingRoutes } from './routes/findings.ts';
import { importRoutes } from './routes/import.ts';
import { evaluationRoutes } from './routes/evaluations.ts';
import { publicRoutes } from './routes/public.ts';
import { yearRoutes } from './routes/years.ts';
import { summaryRoutes } from './routes/summary.ts';
import { registerSessions } from './session-plugin.ts';

/** The built web UI (packages/web/dist), served at / when it exists. */
export const WEB_DIST = resolve(dirname(fileURLToPath(import.meta.url)), '../../../web/dist');

/**
 * The HTTP application over one database: stateless, so several can run against one server. `files` are
 * the framework files this installation ships; they are stored beside the versions already in the
 * database, and every route scores with that combined, versioned registry.
 */
export async function buildApp(
  db: Database,
  files: FrameworkRegistry,
  opts: {
    webDist?: string;
    /** Told of every route as it is added: the authorization test walks all of them, new ones too. */
    onRoute?: (route: { method: string; url: string }) => void;
  } = {},
): Promise<FastifyInstance> {
  const { registry, warnings } = await syncFrameworks(db, files);
  for (const w of warnings) process.stderr.write(`注意：${w}\n`);

  const app = Fastify({
    logger: false,
    bodyLimit: 30 * 1024 * 1024,
    trustProxy: process.env.JIXIAO_TRUST_PROXY === '1',
  });
  if (opts.onRoute) {
    const tell = opts.onRoute;
    app.addHook('onRoute', (r) => {
      for (const method of [r.method].flat()) if (method !== 'HEAD') tell({ method, url: r.url });
    });
  }
  await app.register(cookie);
  registerSessions(app, db);

  app.setErrorHandler((error: Error, _request, reply) => {
    if (error instanceof HttpError || error instanceof NotFoundError || error instanceof AlreadyExistsError) {
      return reply.code(error.status).send({ error: error.message });
    }
    if (error instanceof FrameworkError) return reply.code(400).send({ error: error.message });
    // The PDF needs this machine's chromium: say what is missing rather than a bare internal error.
    if (error instanceof ReportError) return reply.code(503).send({ error: error.message });
    if (error instanceof ConflictError)
      return reply.code(409).send({ error: error.message, current: error.current });
    const { statusCode: status, code } = error as { statusCode?: number; code?: string };
    // Fastify refuses a body that is not JSON, or that carries __proto__ / constructor.prototype keys
    // (prototype pollution), before any route runs; its own message is English and names no place.
    if (code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (status === 400 && error instanceof SyntaxError)) {
      return reply.code(400).send({
        error: '请求内容不是有效的 JSON，或含有不允许的键（__proto__、constructor.prototype），未保存',
      });
    }
    if (status && status >= 400 && status < 500)
      return reply.code(status).send({ error: `请求有误：${error.message}` });
    if (process.env.JIXIAO_DEBUG) console.error(error);
    return reply.code(500).send({ error: '服务器内部错误，请稍后重试；问题已记录' });
  });

  app.get('/api/health', async (_request, reply) => {
    try {
      await db.query('select 1');
      return { status: 'ok', database: db.kind };
    } catch (error) {
      return reply.code(503).send({ status: 'error', message: `数据库不可用：${(error as Error).message}` });
    }
  });

  authRoutes(app, db);
  evaluationRoutes(app, db, registry);
  importRoutes(app, db, registry);
  dashboardRoutes(app, db, registry);
  summaryRoutes(app, db, registry);
  exportRoutes(app, db, registry);
  findingRoutes(app, db, registry);
  publicRoutes(app, db, registry);
  adminRoutes(app, db);
  frameworkRoutes(app, db, registry);
  yearRoutes(app, db);

  const web = opts.webDist ?? WEB_DIST;
  if (existsSync(join(web, 'index.html'))) {
    await app.register(fastifyStatic, { root: web, wildcard: false });
    // The UI routes in the browser: any page that is not a file or an API call gets index.html.
    app.setNotFoundHandler((request, reply) => {
      if (request.method !== 'GET' || request.url.startsWith('/api/')) {
        return reply.code(404).send({ error: `没有这个接口：${request.method} ${request.url}` });
      }
      return reply.sendFile('index.html');
    });
  } else {
    app.get('/', async (_request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .send(
          '<!doctype html><meta charset="utf-8"><title>jixiao</title><p>jixiao 服务已运行。网页界面尚未构建：请运行 <code>npm run build</code>。API 见 /api/health。</p>',
        ),
    );
  }
  return app;
}
