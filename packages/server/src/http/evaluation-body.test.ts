// A save of malformed or hostile evaluation JSON is refused with 400 and the place named, on both
// databases; the stored evaluation, its version and its revisions stay as they were, and it still reads.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Evaluation } from '@jixiao/core';
import { loadBuiltinRegistry, readDocumentFile } from '@jixiao/formats';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../auth/users.ts';
import { BACKENDS, type TestDatabase } from '../db/test-databases.ts';
import { createEvaluation, ensureDepartment } from '../store/evaluations.ts';
import { buildApp } from './app.ts';

const seeds = join(resolve(dirname(fileURLToPath(import.meta.url)), '../../../..'), 'examples/seeds');
const PASSWORD = 'correct-horse-42';

type Json = Record<string, unknown>;
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/**
 * Each hostile body: what it does to a copy of the stored evaluation (or the raw JSON text, for keys
 * JSON.stringify cannot write), and the message that must come back.
 */
const HOSTILE: Array<{ name: string; make: (e: Json) => Json | string; message: RegExp }> = [
  {
    name: 'indicators is a string',
    make: (e) => ({ ...e, indicators: 'x' }),
    message: /^自评数据有误，未保存：绩效指标（indicators）应为列表，收到 文本 "x"$/,
  },
  {
    name: 'a weight whose value is an array',
    make: (e) => {
      const rows = e.indicators as Json[];
      rows[2] = { ...rows[2], weight: { ...(rows[2]!.weight as Json), value: [] } };
      return e;
    },
    message: /^自评数据有误，未保存：第 3 个指标（indicators\[2\]）的 分值\.value 应为数字文本，收到 数组$/,
  },
  {
    name: 'a budget line without role',
    make: (e) => {
      delete (e.budget as Json[])[1]!.role;
      return e;
    },
    message: /^自评数据有误，未保存：第 2 个预算执行行（budget\[1\]）缺少 类别（role）$/,
  },
  {
    name: '100,000 indicator rows',
    make: (e) => ({
      ...e,
      indicators: Array.from({ length: 100_000 }, (_, i) => ({
        id: `i${i}`,
        level1: '产出指标',
        level2: '',
        name: `指标${i}`,
        direction: null,
      })),
    }),
    message: /^自评数据有误，未保存：绩效指标（indicators）太多：共 100000 项，最多 2000 项$/,
  },
  {
    name: 'a 10 MB title',
    // 10 MB as sent (ASCII): the request itself stays under the server's body limit of 30 MB.
    make: (e) => ({ ...e, title: 'x'.repeat(10 * 1024 * 1024) }),
    message: /^自评数据有误，未保存：标题（title）过长：共 10485760 个字符，最多 500 个字符$/,
  },
  // A __proto__ key anywhere in a JSON body is refused by Fastify's body parser (onProtoPoisoning) before
  // any route runs, so no route can name its place: app.ts says in Chinese why, and nothing is stored.
  // parseEvaluation names the place when such JSON arrives another way (validate.test.ts in core).
  {
    name: 'a __proto__ key inside an indicator',
    make: (e) => JSON.stringify(e).replace('"indicators":[{', '"indicators":[{"__proto__":{"isAdmin":true},'),
    message: /^请求内容不是有效的 JSON，或含有不允许的键（__proto__/,
  },
  {
    name: 'a __proto__ key at the top',
    make: (e) => `{"__proto__":{"isAdmin":true},${JSON.stringify(e).slice(1)}`,
    message: /^请求内容不是有效的 JSON，或含有不允许的键（__proto__/,
  },
  {
    // PostgreSQL cannot store NUL in jsonb: before, this was a 500 at the save.
    name: 'a NUL character in the goal',
    make: (e) => ({ ...e, goal: '完成\u0000目标' }),
    message: /^自评数据有误，未保存：年度目标（goal）含有无法保存的字符（NUL 或不成对的代理项）$/,
  },
  {
    name: 'numbers given as floats instead of decimal strings',
    make: (e) => {
      const line = (e.budget as Json[])[0]!;
      line.executed = { ...(line.executed as Json), value: 1045.5 };
      return e;
    },
    message:
      /^自评数据有误，未保存：第 1 个预算执行行（budget\[0\]）的 执行数\.value 应为数字文本，收到 数字 1045\.5$/,
  },
];

describe.each(BACKENDS)('refused evaluation bodies on the %s database', (_name, open) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let id = 0;
  let seed: Evaluation;
  let auth = { cookie: '', csrf: '' };

  function call(method: 'GET' | 'POST' | 'PUT', url: string, body?: object | string) {
    const headers: Record<string, string> = { cookie: auth.cookie, 'x-csrf-token': auth.csrf };
    if (typeof body === 'string') headers['content-type'] = 'application/json';
    return app.inject({ method, url, headers, ...(body === undefined ? {} : { payload: body }) });
  }

  /** The body of a save: a JSON text when the hostile part cannot be an object literal. */
  function body(evaluation: Json | string, extra: Json): object | string {
    if (typeof evaluation !== 'string') return { ...extra, evaluation };
    const head = JSON.stringify(extra).slice(0, -1);
    return `${head}${head.length > 1 ? ',' : ''}"evaluation":${evaluation}}`;
  }

  beforeAll(async () => {
    t = await open();
    const registry = await loadBuiltinRegistry();
    app = await buildApp(t.db, registry);
    const A = await ensureDepartment(t.db, '甲局', 'R1');
    await createUser(t.db, {
      username: 'fillerA',
      displayName: '填报甲',
      role: 'filler',
      departmentId: A,
      password: PASSWORD,
    });
    // Seed 001: a 部门整体 evaluation with 30 indicator rows and 11 budget lines.
    const doc = await readDocumentFile(join(seeds, '001_5414547721c2c4a3.txt'));
    seed = doc.evaluations[0]!;
    expect(seed.indicators.length).toBeGreaterThan(2);
    expect(seed.budget.length).toBeGreaterThan(1);
    id = (await createEvaluation(t.db, { departmentId: A, evaluation: seed, author: { name: 'setup' } })).id;
    const r = await app.inject({
      method: 'POST',
      url: '/api/login',
      payload: { username: 'fillerA', password: PASSWORD },
    });
    expect(r.statusCode).toBe(200);
    auth = { cookie: String(r.headers['set-cookie']).split(';')[0]!, csrf: r.json().csrfToken };
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  async function snapshot() {
    const detail = await call('GET', `/api/evaluations/${id}`);
    expect(detail.statusCode).toBe(200);
    const revisions = await call('GET', `/api/evaluations/${id}/revisions`);
    expect(revisions.statusCode).toBe(200);
    const list = await call('GET', '/api/evaluations');
    expect(list.statusCode).toBe(200);
    return {
      version: detail.json().version as number,
      evaluation: detail.json().evaluation as Json,
      revisions: revisions.json() as unknown[],
      listed: (list.json() as unknown[]).length,
    };
  }

  it.each(HOSTILE)(
    'PUT with $name: 400 naming the place; nothing stored, the evaluation still reads',
    async (h) => {
      const before = await snapshot();
      const r = await call(
        'PUT',
        `/api/evaluations/${id}`,
        body(h.make(clone(before.evaluation)), { version: before.version }),
      );
      expect(r.statusCode, r.body.slice(0, 300)).toBe(400);
      expect(r.json().error).toMatch(h.message);
      const after = await snapshot();
      expect(after.version).toBe(before.version);
      expect(after.evaluation).toEqual(before.evaluation);
      expect(after.revisions).toEqual(before.revisions);
    },
  );

  it.each(HOSTILE)('POST with $name: 400 naming the place; no evaluation created', async (h) => {
    const before = await snapshot();
    const r = await call(
      'POST',
      '/api/evaluations',
      body(h.make(clone(before.evaluation)), { sourceFile: 'x.txt' }),
    );
    expect(r.statusCode, r.body.slice(0, 300)).toBe(400);
    expect(r.json().error).toMatch(h.message);
    expect((await snapshot()).listed).toBe(before.listed);
  });

  it('refuses a save without an evaluation, and one that is not an object', async () => {
    const { version } = await snapshot();
    const none = await call('PUT', `/api/evaluations/${id}`, { version });
    expect(none.statusCode).toBe(400);
    expect(none.json().error).toBe('请求中缺少 evaluation（要保存的自评）');
    const text = await call('PUT', `/api/evaluations/${id}`, { version, evaluation: 'x' });
    expect(text.statusCode).toBe(400);
    expect(text.json().error).toBe('自评数据有误，未保存：自评应为 JSON 对象，收到 文本 "x"');
  });

  it('still saves a valid edit, and a new evaluation', async () => {
    const before = await snapshot();
    const edited = clone(before.evaluation);
    const row = (edited.indicators as Json[])[0]!;
    row.deviationReason = '已说明原因';
    const r = await call('PUT', `/api/evaluations/${id}`, { version: before.version, evaluation: edited });
    expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
    expect(r.json().version).toBe(before.version + 1);
    const after = await snapshot();
    expect(after.version).toBe(before.version + 1);
    expect((after.evaluation.indicators as Json[])[0]!.deviationReason).toBe('已说明原因');
    expect(after.revisions).toHaveLength(before.revisions.length + 1);

    const created = await call('POST', '/api/evaluations', {
      evaluation: clone(seed),
      sourceFile: 'seed-001.txt',
    });
    expect(created.statusCode, created.body.slice(0, 300)).toBe(200);
    expect((await snapshot()).listed).toBe(before.listed + 1);
  });
});
