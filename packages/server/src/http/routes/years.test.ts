// 填报年度：the admin closes a year, and no 填报人 can then create, change or submit that year's evaluations,
// while what is stored stays as it was — on both databases.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBuiltinRegistry, readDocumentFile } from '@jixiao/formats';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../auth/users.ts';
import { BACKENDS, type TestDatabase } from '../../db/test-databases.ts';
import { countEvaluations, createEvaluation, ensureDepartment } from '../../store/evaluations.ts';
import { buildApp } from '../app.ts';

const seeds = join(resolve(dirname(fileURLToPath(import.meta.url)), '../../../../..'), 'examples/seeds');
const PASSWORD = 'correct-horse-42';
type Actor = 'stranger' | 'admin' | 'filler';

describe.each(BACKENDS)('fiscal years on the %s database', (_name, open) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  const auth: Partial<Record<Actor, { cookie: string; csrf: string }>> = {};
  let id = 0;
  let year = 0;

  function call(actor: Actor, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) {
    const a = auth[actor];
    const headers: Record<string, string> = a ? { cookie: a.cookie, 'x-csrf-token': a.csrf } : {};
    return app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  }

  beforeAll(async () => {
    t = await open();
    app = await buildApp(t.db, await loadBuiltinRegistry());
    const dept = await ensureDepartment(t.db, '司法局');
    await createUser(t.db, { username: 'admin', displayName: '管理员', role: 'admin', password: PASSWORD });
    await createUser(t.db, {
      username: 'filler',
      displayName: '填报人',
      role: 'filler',
      departmentId: dept,
      password: PASSWORD,
    });
    // Seed 002: a 2024 部门整体 evaluation.
    const [evaluation] = (await readDocumentFile(join(seeds, '002_2938c48e62223733.txt'))).evaluations;
    year = evaluation!.year!;
    expect(year).toBe(2024);
    id = (
      await createEvaluation(t.db, { departmentId: dept, evaluation: evaluation!, author: { name: 'setup' } })
    ).id;
    for (const actor of ['admin', 'filler'] as const) {
      const r = await app.inject({
        method: 'POST',
        url: '/api/login',
        payload: { username: actor, password: PASSWORD },
      });
      auth[actor] = { cookie: String(r.headers['set-cookie']).split(';')[0]!, csrf: r.json().csrfToken };
    }
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('lets only the admin open and close a year, and checks what it is given', async () => {
    expect((await call('stranger', 'GET', '/api/years')).statusCode).toBe(401);
    expect((await call('filler', 'GET', '/api/years')).json()).toEqual([]);
    expect((await call('filler', 'PUT', `/api/years/${year}`, { open: false })).statusCode).toBe(403);
    for (const [url, body, message] of [
      [`/api/years/${year}`, {}, 'open'],
      [`/api/years/${year}`, { open: false, deadline: '2025-02-30' }, '不是有效日期'],
      [`/api/years/${year}`, { open: false, deadline: '31/03/2025' }, 'YYYY-MM-DD'],
      ['/api/years/12', { open: false }, '年度'],
    ] as const) {
      const r = await call('admin', 'PUT', url, body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(r.json().error).toContain(message);
    }
    const closed = await call('admin', 'PUT', `/api/years/${year}`, { open: false, deadline: '2025-03-31' });
    expect(closed.statusCode).toBe(200);
    expect((await call('filler', 'GET', '/api/years')).json()).toMatchObject([
      { year, open: false, deadline: '2025-03-31', updatedByName: '管理员' },
    ]);
  });

  it('refuses the 填报人 every change to a closed year, and keeps what is stored', async () => {
    const before = (await call('filler', 'GET', `/api/evaluations/${id}`)).json();
    const save = await call('filler', 'PUT', `/api/evaluations/${id}`, {
      version: before.version,
      evaluation: { ...before.evaluation, goal: '改一改' },
    });
    expect(save.statusCode).toBe(409);
    expect(save.json().error).toContain(`${year} 年度已截止填报（截止日期 2025-03-31）`);
    // Moving it to an open year is a change to the closed one too.
    const move = await call('filler', 'PUT', `/api/evaluations/${id}`, {
      version: before.version,
      evaluation: { ...before.evaluation, year: 2025 },
    });
    expect(move.statusCode).toBe(409);
    const submit = await call('filler', 'POST', `/api/evaluations/${id}/submit`, { explanations: {} });
    expect(submit.statusCode).toBe(409);
    expect(submit.json().error).toContain('已截止');
    const count = await countEvaluations(t.db);
    const create = await call('filler', 'POST', '/api/evaluations', { evaluation: before.evaluation });
    expect(create.statusCode).toBe(409);
    expect(await countEvaluations(t.db)).toBe(count);
    const after = (await call('filler', 'GET', `/api/evaluations/${id}`)).json();
    expect(after.version).toBe(before.version);
    expect(after.evaluation).toEqual(before.evaluation);
  });

  it('lets the 填报人 work again once the year is reopened', async () => {
    expect((await call('admin', 'PUT', `/api/years/${year}`, { open: true })).statusCode).toBe(200);
    const before = (await call('filler', 'GET', `/api/evaluations/${id}`)).json();
    const save = await call('filler', 'PUT', `/api/evaluations/${id}`, {
      version: before.version,
      evaluation: { ...before.evaluation, goal: '改一改' },
    });
    expect(save.statusCode, save.body).toBe(200);
    expect(save.json().version).toBe(before.version + 1);
  });
});
