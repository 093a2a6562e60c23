// 问题整改 through the API on both databases: the department registers a problem of its self-evaluation, the
// region's 财政审核人 one of its review, the department moves each on and cannot close one without saying
// what was done, and an item past its deadline is overdue on the region's list.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBuiltinRegistry, readDocumentFile } from '@jixiao/formats';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../auth/users.ts';
import { freshDatabaseFor } from '../../db/fresh-database.ts';
import { BACKENDS } from '../../db/test-databases.ts';
import { createEvaluation, ensureDepartment } from '../../store/evaluations.ts';
import { buildApp } from '../app.ts';

const seeds = join(resolve(dirname(fileURLToPath(import.meta.url)), '../../../../..'), 'examples/seeds');
const PASSWORD = 'correct-horse-42';
type Actor = 'stranger' | 'filler' | 'otherFiller' | 'reviewer' | 'otherReviewer';

describe.each(BACKENDS)('rectification of problems on the %s database', (_name, open) => {
  const t = freshDatabaseFor(open);
  let app: FastifyInstance;
  const auth: Partial<Record<Actor, { cookie: string; csrf: string }>> = {};
  let id = 0;

  function call(actor: Actor, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) {
    const a = auth[actor];
    const headers: Record<string, string> = a ? { cookie: a.cookie, 'x-csrf-token': a.csrf } : {};
    return app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  }

  beforeAll(async () => {
    app = await buildApp(t.db, await loadBuiltinRegistry());
    const dept = await ensureDepartment(t.db, '红河州司法局', '红河州');
    const other = await ensureDepartment(t.db, '某县财政局', '某县');
    const users: Array<[Actor, object]> = [
      ['filler', { role: 'filler', departmentId: dept }],
      ['otherFiller', { role: 'filler', departmentId: other }],
      ['reviewer', { role: 'reviewer', region: '红河州' }],
      ['otherReviewer', { role: 'reviewer', region: '某县' }],
    ];
    for (const [username, extra] of users) {
      await createUser(t.db, {
        username,
        displayName: `${username}名`,
        password: PASSWORD,
        ...extra,
      } as Parameters<typeof createUser>[1]);
    }
    const doc = await readDocumentFile(join(seeds, '004_bfa41fd3fc706bb4.txt'));
    const evaluation = doc.evaluations.find((e) => e.kind === 'department')!;
    id = (await createEvaluation(t.db, { departmentId: dept, evaluation, author: { name: 'setup' } })).id;
    for (const [actor] of users) {
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
  });

  it('the department and the region register problems; strangers and other places cannot', async () => {
    const url = `/api/evaluations/${id}/rectifications`;
    const own = await call('filler', 'POST', url, {
      problem: '部分项目预算执行率偏低',
      measure: '按月通报执行进度',
      owner: '财务科',
      due: '2025-06-30',
    });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({
      foundBy: 'self',
      status: 'open',
      statusName: '未开始',
      due: '2025-06-30',
    });
    const review = await call('reviewer', 'POST', url, {
      problem: '满意度调查样本未说明',
      due: '2020-01-31',
    });
    expect(review.json()).toMatchObject({ foundBy: 'review', createdBy: 'reviewer名' });
    for (const actor of ['otherFiller', 'otherReviewer'] as const)
      expect((await call(actor, 'POST', url, { problem: 'x' })).statusCode, actor).toBe(403);
    expect((await call('stranger', 'POST', url, { problem: 'x' })).statusCode).toBe(401);
    expect((await call('stranger', 'GET', url)).statusCode).toBe(401);
    expect((await call('otherReviewer', 'GET', url)).statusCode).toBe(403);
    expect((await call('reviewer', 'GET', url)).json()).toHaveLength(2);
  });

  it('refuses an empty problem and an impossible deadline in Chinese, storing nothing', async () => {
    const url = `/api/evaluations/${id}/rectifications`;
    expect((await call('filler', 'POST', url, { problem: '  ' })).json().error).toContain('存在问题');
    const bad = await call('filler', 'POST', url, { problem: '问题', due: '2025-02-30' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toContain('整改期限');
    expect((await call('filler', 'GET', url)).json()).toHaveLength(2);
  });

  it('only the department moves an item on, and closes it only with its result; the overdue one leads', async () => {
    const items = (await call('filler', 'GET', `/api/evaluations/${id}/rectifications`)).json() as Array<{
      id: number;
      foundBy: string;
    }>;
    const own = items.find((i) => i.foundBy === 'self')!;
    expect(
      (await call('reviewer', 'PUT', `/api/rectifications/${own.id}`, { status: 'done', result: 'x' }))
        .statusCode,
    ).toBe(403);
    const noResult = await call('filler', 'PUT', `/api/rectifications/${own.id}`, { status: 'done' });
    expect(noResult.statusCode).toBe(400);
    expect(noResult.json().error).toBe('整改完成须写明整改结果');
    const done = await call('filler', 'PUT', `/api/rectifications/${own.id}`, {
      status: 'done',
      result: '执行率提高到 96%',
    });
    expect(done.json()).toMatchObject({
      status: 'done',
      statusName: '已完成',
      overdue: false,
      updatedBy: 'filler名',
    });
    const list = (await call('reviewer', 'GET', '/api/rectifications')).json() as Array<{
      problem: string;
      overdue: boolean;
      evaluation: { id: number };
    }>;
    expect(list.map((i) => [i.problem, i.overdue])).toEqual([
      ['满意度调查样本未说明', true],
      ['部分项目预算执行率偏低', false],
    ]);
    expect(list[0]!.evaluation.id).toBe(id);
    expect((await call('otherReviewer', 'GET', '/api/rectifications')).json()).toEqual([]);
    expect((await call('filler', 'PUT', '/api/rectifications/999999', { status: 'open' })).statusCode).toBe(
      404,
    );
  });
});
