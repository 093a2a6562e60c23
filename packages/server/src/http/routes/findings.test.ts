// 审核发现标记为「不是问题」：who may mark and withdraw, the history kept, on both databases.
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findingKey, type Evaluation, type Finding } from '@jixiao/core';
import { loadBuiltinRegistry, readDocumentFile } from '@jixiao/formats';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../auth/users.ts';
import { BACKENDS, type TestDatabase } from '../../db/test-databases.ts';
import { createEvaluation, ensureDepartment } from '../../store/evaluations.ts';
import { buildApp } from '../app.ts';
import { assess } from '../assess.ts';

const seeds = join(resolve(dirname(fileURLToPath(import.meta.url)), '../../../../..'), 'examples/seeds');

type Actor = 'stranger' | 'admin' | 'reviewerR1' | 'reviewerR2' | 'fillerA';
const PASSWORD = 'correct-horse-42';

describe.each(BACKENDS)('finding dispositions on the %s database', (_name, open) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  const ids: Record<string, number> = {};
  const auth: Partial<Record<Actor, { cookie: string; csrf: string }>> = {};
  let key = '';

  function call(actor: Actor, method: 'GET' | 'POST', url: string, payload?: object, csrf = true) {
    const a = auth[actor];
    const headers: Record<string, string> = {};
    if (a) {
      headers.cookie = a.cookie;
      if (csrf) headers['x-csrf-token'] = a.csrf;
    }
    return app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  }

  beforeAll(async () => {
    t = await open();
    app = await buildApp(t.db, await loadBuiltinRegistry());
    const A = await ensureDepartment(t.db, '甲局', 'R1');
    await createUser(t.db, { username: 'admin', displayName: '管理员', role: 'admin', password: PASSWORD });
    for (const region of ['R1', 'R2']) {
      await createUser(t.db, {
        username: `reviewer${region}`,
        displayName: `审核${region}`,
        role: 'reviewer',
        region,
        password: PASSWORD,
      });
    }
    await createUser(t.db, {
      username: 'fillerA',
      displayName: '填报甲',
      role: 'filler',
      departmentId: A,
      password: PASSWORD,
    });
    const registry = await loadBuiltinRegistry();
    let withFindings: Evaluation | undefined;
    for (const f of readdirSync(seeds)
      .filter((x) => x.endsWith('.txt'))
      .sort()) {
      const doc = await readDocumentFile(join(seeds, f));
      withFindings = doc.evaluations.find((e) => assess(registry, e).findings.length > 0);
      if (withFindings) break;
    }
    for (const [name, status] of [
      ['submitted', 'submitted'],
      ['draft', 'draft'],
    ] as const) {
      const stored = await createEvaluation(t.db, {
        departmentId: A,
        evaluation: withFindings!,
        author: { name: 'setup' },
      });
      await t.db.query('update evaluations set status = $2 where id = $1', [stored.id, status]);
      ids[name] = stored.id;
    }
    for (const actor of ['admin', 'reviewerR1', 'reviewerR2', 'fillerA'] as const) {
      const r = await app.inject({
        method: 'POST',
        url: '/api/login',
        payload: { username: actor, password: PASSWORD },
      });
      expect(r.statusCode, actor).toBe(200);
      auth[actor] = { cookie: String(r.headers['set-cookie']).split(';')[0]!, csrf: r.json().csrfToken };
    }
    const detail = await call('reviewerR1', 'GET', `/api/evaluations/${ids.submitted}`);
    const findings = detail.json().findings as Finding[];
    expect(findings.length).toBeGreaterThan(0);
    const f = findings[0]!;
    key = findingKey(f);
    expect(detail.json().dispositions).toEqual([]);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  const url = (action: string, which = 'submitted') => `/api/evaluations/${ids[which]}/findings/${action}`;

  it('refuses strangers (401), the 填报人 and a reviewer of another region (403), and a missing CSRF token', async () => {
    expect((await call('stranger', 'POST', url('dismiss'), { key, reason: '理由' })).statusCode).toBe(401);
    expect((await call('fillerA', 'POST', url('dismiss'), { key, reason: '理由' })).statusCode).toBe(403);
    expect((await call('reviewerR2', 'POST', url('dismiss'), { key, reason: '理由' })).statusCode).toBe(403);
    expect((await call('reviewerR2', 'POST', url('restore'), { key })).statusCode).toBe(403);
    expect(
      (await call('reviewerR1', 'POST', url('dismiss'), { key, reason: '理由' }, false)).statusCode,
    ).toBe(403);
    expect((await call('stranger', 'GET', url('history'))).statusCode).toBe(401);
    expect((await call('reviewerR2', 'GET', url('history'))).statusCode).toBe(403);
  });

  it('needs a reason, a current finding, and a submitted or accepted evaluation', async () => {
    const noReason = await call('reviewerR1', 'POST', url('dismiss'), { key, reason: '  ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error).toMatch(/理由/);
    expect(
      (await call('reviewerR1', 'POST', url('dismiss'), { key: 'X:1:无', reason: '理由' })).statusCode,
    ).toBe(404);
    expect((await call('admin', 'POST', url('dismiss', 'draft'), { key, reason: '理由' })).statusCode).toBe(
      409,
    );
  });

  it('marks, withdraws and keeps every entry; the detail shows the current state', async () => {
    const r = await call('reviewerR1', 'POST', url('dismiss'), { key, reason: '系口径差异，不是问题' });
    expect(r.statusCode).toBe(200);
    let detail = await call('fillerA', 'GET', `/api/evaluations/${ids.submitted}`);
    expect(detail.json().dispositions).toMatchObject([
      { key, dismissed: true, reason: '系口径差异，不是问题', authorName: '审核R1' },
    ]);
    expect((await call('admin', 'POST', url('restore'), { key })).statusCode).toBe(200);
    detail = await call('reviewerR1', 'GET', `/api/evaluations/${ids.submitted}`);
    expect(detail.json().dispositions).toMatchObject([{ key, dismissed: false, authorName: '管理员' }]);
    const history = await call('fillerA', 'GET', url('history'));
    expect(history.statusCode).toBe(200);
    expect(history.json()).toMatchObject([
      { key, action: 'dismiss', reason: '系口径差异，不是问题', authorName: '审核R1' },
      { key, action: 'restore', reason: '', authorName: '管理员' },
    ]);
    expect(typeof history.json()[0].at).toBe('string');
  });
});
