// 绩效运行监控 through the API on both databases: the 填报人 reports cumulative execution at the plan's
// checkpoint months (seed 004, 红河州: 9月 ≥80%, 11月 ≥95%), core judges the lamp, a yellow or red one is
// refused without its reason and nothing is stored, and the region's 财政审核人 sees the lamps in-year.
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

describe.each(BACKENDS)('in-year execution monitoring on the %s database', (_name, open) => {
  const t = freshDatabaseFor(open);
  let app: FastifyInstance;
  const auth: Partial<Record<Actor, { cookie: string; csrf: string }>> = {};
  let id = 0;

  function call(actor: Actor, method: 'GET' | 'PUT', url: string, payload?: object) {
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

  it('shows the plan that monitors the framework, every checkpoint 无法判定 until reported', async () => {
    const r = await call('filler', 'GET', `/api/evaluations/${id}/monitoring`);
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.plan.name).toContain('红河州');
    expect(body.checkpoints.map((c: { month: number; lampName: string }) => [c.month, c.lampName])).toEqual([
      [9, '无法判定'],
      [11, '无法判定'],
    ]);
  });

  it('a lag without its reason is refused with the figures, and nothing is stored', async () => {
    // 700 of 898.33 万元 = 77.92%, 2.08 points behind 80%: yellow.
    const r = await call('filler', 'PUT', `/api/evaluations/${id}/monitoring/9`, { executed: '700' });
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toContain('9 月实际执行进度 77.92%，目标 80%，落后 2.08 个百分点');
    expect(r.json().error).toContain('黄灯，请填写未达进度原因');
    const after = (await call('filler', 'GET', `/api/evaluations/${id}/monitoring`)).json();
    expect(after.checkpoints[0].report).toBeNull();
  });

  it('with the reason the report is kept, the lamp yellow; on target it is green without one', async () => {
    const nine = await call('filler', 'PUT', `/api/evaluations/${id}/monitoring/9`, {
      executed: '700',
      reason: '受财政收入影响，资金未按进度拨付',
    });
    expect(nine.statusCode).toBe(200);
    const eleven = await call('filler', 'PUT', `/api/evaluations/${id}/monitoring/11`, {
      executed: '880.00',
    });
    expect(eleven.statusCode).toBe(200);
    const body = eleven.json();
    expect(body.checkpoints.map((c: { lampName: string; actual: string }) => [c.lampName, c.actual])).toEqual(
      [
        ['黄灯', '77.92'],
        ['绿灯', '97.96'],
      ],
    );
    expect(body.checkpoints[0].report).toMatchObject({
      executed: '700.00',
      budget: '898.33',
      reason: '受财政收入影响，资金未按进度拨付',
      reportedBy: 'filler名',
    });
  });

  it('a month the plan does not monitor, or a figure that is not money, is a Chinese 400', async () => {
    const june = await call('filler', 'PUT', `/api/evaluations/${id}/monitoring/6`, { executed: '100' });
    expect(june.statusCode).toBe(400);
    expect(june.json().error).toContain('没有 6 月的监控时点（监控时点为 9 月、11 月）');
    for (const executed of ['-1', '1e5', '12.345', '七百']) {
      const r = await call('filler', 'PUT', `/api/evaluations/${id}/monitoring/9`, { executed });
      expect(r.statusCode, executed).toBe(400);
      expect(r.json().error).toContain('累计执行数');
    }
  });

  it('only the department reports; the region sees the lamps while the evaluation is still a draft', async () => {
    expect(
      (await call('otherFiller', 'PUT', `/api/evaluations/${id}/monitoring/9`, { executed: '1' })).statusCode,
    ).toBe(403);
    expect(
      (await call('reviewer', 'PUT', `/api/evaluations/${id}/monitoring/9`, { executed: '1' })).statusCode,
    ).toBe(403);
    expect((await call('stranger', 'GET', `/api/evaluations/${id}/monitoring`)).statusCode).toBe(401);
    expect((await call('otherReviewer', 'GET', `/api/evaluations/${id}/monitoring`)).statusCode).toBe(403);
    const seen = await call('reviewer', 'GET', `/api/evaluations/${id}/monitoring`);
    expect(seen.statusCode).toBe(200);
    const board = await call('reviewer', 'GET', '/api/monitoring');
    expect(board.statusCode).toBe(200);
    expect(board.json()).toHaveLength(1);
    expect(board.json()[0]).toMatchObject({ worstName: '黄灯', evaluation: { id } });
    expect((await call('otherReviewer', 'GET', '/api/monitoring')).json()).toEqual([]);
  });
});
