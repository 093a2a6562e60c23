import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { FrameworkError, type FrameworkRegistry } from '@jixiao/core';
import { closeReportBrowser, openReportBrowser, ReportError } from '@jixiao/formats';
import type { Database } from '../db/database.ts';
import { AlreadyExistsError, ConflictError, NotFoundError } from '../store/errors.ts';
import { syncFrameworks } from '../store/frameworks.ts';
import { badRequest, HttpError } from './errors.ts';
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
import { monitoringRoutes } from './routes/monitoring.ts';
import { surveyRoutes } from './routes/surveys.ts';
import { rectificationRoutes } from './routes/rectifications.ts';
import { targetRoutes } from './routes/targets.ts';
import { libraryRoutes } from './routes/library.ts';
import { carryOverRoutes } from './routes/carry-over.ts';
import { summaryRoutes } from './routes/summary.ts';
import { registerSessions } from './session-plugin.ts';
import { Limiter, WorkPool, type PoolOptions } from '../work/pool.ts';
import { hostileStringIn } from './validate.ts';
import { RecomputeJobs, type RecomputeOptions } from '../jobs/recompute.ts';
import { recomputeRoutes } from './routes/recompute.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The worker pool reading uploads and writing exports (see work/pool.ts). */
    workPool: WorkPool;
    /** The recomputation jobs of stored results (see jobs/recompute.ts). */
    recompute: RecomputeJobs;
  }
}

/** The built web UI (packages/web/dist), served at / when it exists. */
export const WEB_DIST = resolve(dirname(fileURLToPath(import.meta.url)), '../../../web/dist');

const MB = 1024 * 1024;
/** 请求体上限: most requests are a few fields; an evaluation or framework is larger; an upload is a file. */
const BODY_LIMIT = 1 * MB;
const BODY_LIMITS: Array<[RegExp, number]> = [
  [/^\/api\/import(\/save)?$/, 30 * MB],
  // An evaluation is checked whole by core, which says which field is too long: let it get that far.
  [/^\/api\/evaluations(\/:id)?$/, 30 * MB],
  [/^\/api\/frameworks$/, 2 * MB],
];

/**
 * JIXIAO_TRUST_PROXY: whose X-Forwarded-For / X-Forwarded-Proto to believe — "1" or "true" any proxy,
 * otherwise a comma-separated list of the proxies' addresses or CIDR ranges (e.g. "127.0.0.1,10.0.0.0/8").
 * Unset: none, so a client cannot claim another address to get round the login throttle.
 */
export function trustProxyOption(value = process.env.JIXIAO_TRUST_PROXY): boolean | string {
  if (!value || value === '0' || value === 'false') return false;
  if (value === '1' || value === 'true') return true;
  return value;
}

/**
 * Content-Security-Policy for the built UI: its own scripts only (Vite emits no inline script), styles
 * inline too (antd writes its CSS-in-JS into <style> elements at run time), images and fonts from itself
 * or data: URLs (icons, the charts' exports); never framed (clickjacking); no plugins. No
 * upgrade-insecure-requests: a department may well serve jixiao over plain HTTP on its own network.
 */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  workerSrc: ["'self'", 'blob:'],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

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
    /** The worker pool's size, queue and limits (defaults from JIXIAO_WORKERS and friends, see pool.ts). */
    pool?: PoolOptions;
    /** PDFs printed at once, and waiting (JIXIAO_PDF_CONCURRENCY, default 2; 4 waiting). */
    pdf?: { running: number; waiting: number };
    /** The recomputation jobs: whether this process works on them, batch size (see jobs/recompute.ts). */
    recompute?: RecomputeOptions;
  } = {},
): Promise<FastifyInstance> {
  const { registry, warnings, stored } = await syncFrameworks(db, files);
  for (const w of warnings) process.stderr.write(`注意：${w}\n`);

  const app = Fastify({
    logger: false,
    bodyLimit: BODY_LIMIT,
    trustProxy: trustProxyOption(),
    // A path that is not valid UTF-8 once percent-decoded (%ED%A0%80, half a surrogate pair): the router
    // refuses it before any hook runs, with an English "Bad Request" unless told otherwise.
    frameworkErrors: (_error, _request, reply: FastifyReply) =>
      reply.code(400).send({ error: '地址中含有无效的字符编码（不是有效的 UTF-8），请检查链接' }),
  });
  app.addHook('onRoute', (r) => {
    const limit = BODY_LIMITS.find(([pattern]) => pattern.test(r.url));
    if (limit && r.bodyLimit === undefined) r.bodyLimit = limit[1];
  });
  if (opts.onRoute) {
    const tell = opts.onRoute;
    app.addHook('onRoute', (r) => {
      for (const method of [r.method].flat()) if (method !== 'HEAD') tell({ method, url: r.url });
    });
  }
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    frameguard: { action: 'deny' },
  });
  await app.register(cookie);
  // Before any route and before the session: NUL or half a surrogate pair anywhere is refused, naming the field.
  app.addHook('preValidation', async (request) => {
    const problem = hostileStringIn({ body: request.body, params: request.params, query: request.query });
    if (problem) throw badRequest(problem);
  });
  registerSessions(app, db);
  // Several app processes on one server: a framework version stored through another is scored with here
  // from the next request on. The embedded database has one process, which adds its own as it stores them.
  if (db.kind === 'server')
    app.addHook('onRequest', async (request) => {
      if (request.url.startsWith('/api/') && request.url !== '/api/health') await stored.refresh();
    });

  app.setErrorHandler((error: Error, request, reply) => {
    if (error instanceof HttpError && error.retryAfter) reply.header('retry-after', String(error.retryAfter));
    if (error instanceof HttpError || error instanceof NotFoundError || error instanceof AlreadyExistsError) {
      return reply.code(error.status).send({ error: error.message });
    }
    if (error instanceof FrameworkError) return reply.code(400).send({ error: error.message });
    // The PDF needs this machine's chromium: say what is missing rather than a bare internal error.
    if (error instanceof ReportError) return reply.code(503).send({ error: error.message });
    if (error instanceof ConflictError)
      return reply.code(409).send({ error: error.message, current: error.current });
    const { statusCode: status, code } = error as { statusCode?: number; code?: string };
    if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      const limit = request.routeOptions.bodyLimit ?? BODY_LIMIT;
      return reply.code(413).send({
        error: `请求内容过大：此处最多接受 ${Math.round(limit / MB)} MB，未处理`,
      });
    }
    if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
      return reply.code(415).send({ error: '请求内容的类型不受支持：请以 JSON（application/json）发送' });
    // PostgreSQL refusing a value (out of range, invalid text, too long): a route let it through
    // unchecked, but it is still the request that is wrong, and nothing was saved.
    if (typeof code === 'string' && /^(22|54)/.test(code) && !status)
      return reply.code(400).send({ error: '请求中有超出范围或无法保存的值，未保存' });
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

  const pool = new WorkPool(new URL('../work/read-upload.worker.ts', import.meta.url), opts.pool);
  app.addHook('onClose', () => pool.close());
  app.decorate('workPool', pool);
  const pdfLimit = new Limiter(
    opts.pdf?.running ?? Number(process.env.JIXIAO_PDF_CONCURRENCY ?? 2),
    opts.pdf?.waiting ?? 4,
    '生成 PDF',
  );
  // One chromium for every export, launched with the first PDF, one page per report printing at once.
  await openReportBrowser({ pages: pdfLimit.running, lazy: true });
  app.addHook('onClose', () => closeReportBrowser());

  // Results out of date at start (a new engine, a framework version stored by another process, work a
  // stopped process left) are queued now; a run still going is resumed by the worker, not queued again,
  // unless its jobs are gone (closeOrphans).
  const recompute = await RecomputeJobs.start(db, registry, opts.recompute);
  app.decorate('recompute', recompute);
  app.addHook('onClose', () => recompute.stop());
  await recompute.closeOrphans();
  await recompute.queueDue('start');

  authRoutes(app, db);
  evaluationRoutes(app, db, registry);
  importRoutes(app, db, registry, pool);
  dashboardRoutes(app, db, registry);
  summaryRoutes(app, db, registry);
  exportRoutes(app, db, registry, { pool, pdfLimit });
  findingRoutes(app, db, registry);
  publicRoutes(app, db, registry);
  adminRoutes(app, db);
  frameworkRoutes(app, db, registry);
  recomputeRoutes(app);
  yearRoutes(app, db);
  monitoringRoutes(app, db, registry);
  surveyRoutes(app, db, registry);
  rectificationRoutes(app, db);
  targetRoutes(app, db, registry);
  libraryRoutes(app, db);
  carryOverRoutes(app, db, registry);

  const web = opts.webDist ?? WEB_DIST;
  if (existsSync(join(web, 'index.html'))) {
    // preCompressed: the build writes .br/.gz beside each file (vite.config.ts), sent to browsers that accept them.
    await app.register(fastifyStatic, { root: web, wildcard: false, preCompressed: true });
    // The UI routes in the browser: any page that is not a file or an API call gets index.html.
    app.setNotFoundHandler((request, reply) => {
      // HEAD as well as GET: a link checker or a proxy's health probe asks for the page without its body.
      if ((request.method !== 'GET' && request.method !== 'HEAD') || request.url.startsWith('/api/')) {
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
