// Walks every API route as every role and as a stranger, on both databases: who may read and write what.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newEvaluation, parseStated } from '@jixiao/core';
import { loadBuiltinRegistry } from '@jixiao/formats';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../auth/users.ts';
import { BACKENDS, type TestDatabase } from '../db/test-databases.ts';
import { addDisposition } from '../store/dispositions.ts';
import { createEvaluation, ensureDepartment } from '../store/evaluations.ts';
import { buildApp } from './app.ts';
import { checkAnswer } from './test-regions.ts';

type Actor = 'stranger' | 'admin' | 'reviewerR1' | 'reviewerR2' | 'fillerA' | 'fillerB';
const ACTORS: Actor[] = ['stranger', 'admin', 'reviewerR1', 'reviewerR2', 'fillerA', 'fillerB'];
const PASSWORD = 'correct-horse-42';
/** Internal texts of the published evaluation: none may reach anyone outside its department and region. */
const SECRET = { review: '复核意见：内部掌握', mark: '标记理由：内部掌握', note: '退回意见：内部掌握' };
const seed003 = join(
  resolve(dirname(fileURLToPath(import.meta.url)), '../../../..'),
  'examples/seeds/003_cbcf39354c9835b0.txt',
);

describe.each(BACKENDS)('authorization on the %s database', (_name, open) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  const ids: Record<string, number> = {};
  const auth: Partial<Record<Actor, { cookie: string; csrf: string }>> = {};
  /** Every API route the app has, and the ones this file has called (method and pattern). */
  const routes: Array<{ method: string; url: string }> = [];
  const walked = new Set<string>();

  async function call(
    actor: Actor,
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    payload?: unknown,
    csrf = true,
  ) {
    const a = auth[actor];
    const headers: Record<string, string> = {};
    if (a) {
      headers.cookie = a.cookie;
      if (csrf) headers['x-csrf-token'] = a.csrf;
    }
    const r = await app.inject({
      method,
      url,
      headers,
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
    checkAnswer(method, url, r);
    return r;
  }

  beforeAll(async () => {
    t = await open();
    app = await buildApp(t.db, await loadBuiltinRegistry(), {
      onRoute: (r) => r.url.startsWith('/api/') && routes.push(r),
    });
    app.addHook('onResponse', async (request) => {
      walked.add(`${request.method} ${request.routeOptions.url}`);
    });
    const A = await ensureDepartment(t.db, '甲局', 'R1');
    const B = await ensureDepartment(t.db, '乙局', 'R1');
    const C = await ensureDepartment(t.db, '丙局', 'R2');
    await createUser(t.db, { username: 'admin', displayName: '管理员', role: 'admin', password: PASSWORD });
    await createUser(t.db, {
      username: 'reviewerR1',
      displayName: '审核一',
      role: 'reviewer',
      region: 'R1',
      password: PASSWORD,
    });
    await createUser(t.db, {
      username: 'reviewerR2',
      displayName: '审核二',
      role: 'reviewer',
      region: 'R2',
      password: PASSWORD,
    });
    await createUser(t.db, {
      username: 'fillerA',
      displayName: '填报甲',
      role: 'filler',
      departmentId: A,
      password: PASSWORD,
    });
    await createUser(t.db, {
      username: 'fillerB',
      displayName: '填报乙',
      role: 'filler',
      departmentId: B,
      password: PASSWORD,
    });
    const make = async (key: string, dept: number, status: string) => {
      const e = newEvaluation({
        id: key,
        title: `${key} 自评表`,
        kind: 'project',
        year: 2024,
        // 执行率 100% × 10 = 10, the whole of a form without indicator rows.
        statedTotal: parseStated('10'),
        // Complete as the 自评表 requires (completeness check), so that submitting it is a matter of roles.
        projectName: `${key} 项目`,
        goal: '完成年度工作任务。',
        budget: [
          {
            id: 'total',
            label: '年度资金总额',
            role: 'total',
            adjustedBudget: parseStated('100'),
            executed: parseStated('100'),
          },
        ],
      });
      const stored = await createEvaluation(t.db, {
        departmentId: dept,
        evaluation: e,
        author: { name: 'setup' },
      });
      await t.db.query('update evaluations set status = $2 where id = $1', [stored.id, status]);
      ids[key] = stored.id;
    };
    await make('aDraft', A, 'draft');
    await make('aSubmitted', A, 'submitted');
    await make('bDraft', B, 'draft');
    await make('bPublished', B, 'published');
    await make('cSubmitted', C, 'submitted');
    // The internal record of the published one: a review, a mark on a finding, a return note.
    const r1 = (await t.db.query<{ id: number }>("select id from users where username = 'reviewerR1'"))
      .rows[0]!;
    await t.db.query(
      'insert into reviews (evaluation_id, reviewer, review_total, comment) values ($1, $2, $3, $4)',
      [ids.bPublished, r1.id, '77.5', SECRET.review],
    );
    await addDisposition(t.db, ids.bPublished!, {
      key: 'some-finding:1',
      action: 'dismiss',
      reason: SECRET.mark,
      author: { id: r1.id, name: '审核一' },
    });
    await t.db.query(
      `insert into evaluation_revisions (evaluation_id, version, data, status, author_name, note)
       select id, version + 1, data, 'returned', '审核一', $2 from evaluations where id = $1`,
      [ids.bPublished, SECRET.note],
    );
    for (const actor of ACTORS.filter((x) => x !== 'stranger')) {
      const r = await app.inject({
        method: 'POST',
        url: '/api/login',
        payload: { username: actor, password: PASSWORD },
      });
      expect(r.statusCode, actor).toBe(200);
      const cookie = String(r.headers['set-cookie']).split(';')[0]!;
      auth[actor] = { cookie, csrf: r.json().csrfToken };
    }
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('lists to each role only what it may see', async () => {
    const expected: Record<Actor, string[] | number> = {
      stranger: 401,
      admin: ['aDraft', 'aSubmitted', 'bDraft', 'bPublished', 'cSubmitted'],
      reviewerR1: ['aSubmitted', 'bPublished'],
      reviewerR2: ['cSubmitted'],
      fillerA: ['aDraft', 'aSubmitted'],
      fillerB: ['bDraft', 'bPublished'],
    };
    for (const actor of ACTORS) {
      const r = await call(actor, 'GET', '/api/evaluations');
      const want = expected[actor];
      if (typeof want === 'number') {
        expect(r.statusCode, actor).toBe(want);
        continue;
      }
      expect(r.statusCode, actor).toBe(200);
      const seen = (r.json() as Array<{ id: number }>)
        .map((x) => Object.keys(ids).find((k) => ids[k] === x.id))
        .sort();
      expect(seen, actor).toEqual([...want].sort());
    }
  });

  it('opens one evaluation to its department, its region once submitted, and anyone once published', async () => {
    const can: Record<Actor, string[]> = {
      stranger: ['bPublished'],
      admin: Object.keys(ids),
      reviewerR1: ['aSubmitted', 'bPublished'],
      reviewerR2: ['cSubmitted', 'bPublished'],
      fillerA: ['aDraft', 'aSubmitted', 'bPublished'],
      fillerB: ['bDraft', 'bPublished'],
    };
    for (const actor of ACTORS) {
      for (const key of Object.keys(ids)) {
        const r = await call(actor, 'GET', `/api/evaluations/${ids[key]}`);
        const denied = actor === 'stranger' ? 401 : 403;
        expect(r.statusCode, `${actor} ${key}`).toBe(can[actor].includes(key) ? 200 : denied);
      }
    }
  });

  it('shows the public portal only published reports, without findings', async () => {
    for (const actor of ACTORS) {
      const list = await call(actor, 'GET', '/api/public/reports');
      expect(
        (list.json() as Array<{ id: number }>).map((x) => x.id),
        actor,
      ).toEqual([ids.bPublished]);
      for (const key of Object.keys(ids)) {
        const r = await call(actor, 'GET', `/api/public/reports/${ids[key]}`);
        expect(r.statusCode, `${actor} ${key}`).toBe(key === 'bPublished' ? 200 : 404);
        if (r.statusCode === 200) expect(r.json()).not.toHaveProperty('findings');
      }
    }
  });

  it('keeps the internal record of a published evaluation to its department, its region and the admin', async () => {
    const insiders: Actor[] = ['admin', 'reviewerR1', 'fillerB'];
    const id = ids.bPublished!;
    for (const actor of ACTORS) {
      const inside = insiders.includes(actor);
      const denied = actor === 'stranger' ? 401 : 403;
      const one = await call(actor, 'GET', `/api/evaluations/${id}`);
      expect(one.statusCode, actor).toBe(200);
      const body = one.json() as Record<string, unknown>;
      if (inside) {
        expect(body, actor).toHaveProperty('findings');
        expect(JSON.stringify(body.review), actor).toContain(SECRET.review);
        expect(JSON.stringify(body.dispositions), actor).toContain('审核一');
      } else {
        // What the portal shows, and nothing else.
        expect(Object.keys(body).sort(), actor).toEqual(['evaluation', 'frozen', 'id', 'public', 'score']);
        for (const text of [...Object.values(SECRET), '审核一', '77.5'])
          expect(one.body, `${actor}: ${text}`).not.toContain(text);
      }
      const history = await call(actor, 'GET', `/api/evaluations/${id}/findings/history`);
      expect(history.statusCode, `${actor} history`).toBe(inside ? 200 : denied);
      if (inside) expect(history.body).toContain(SECRET.mark);
      const revisions = await call(actor, 'GET', `/api/evaluations/${id}/revisions`);
      expect(revisions.statusCode, `${actor} revisions`).toBe(inside ? 200 : denied);
      if (inside) expect(revisions.body).toContain(SECRET.note);
      const appendix = await call(actor, 'GET', `/api/evaluations/${id}/export?format=docx&findings=1`);
      expect(appendix.statusCode, `${actor} appendix`).toBe(inside ? 200 : denied);
      // The report itself, without the appendix, is public once published.
      const report = await call(actor, 'GET', `/api/evaluations/${id}/export?format=docx`);
      expect(report.statusCode, `${actor} report`).toBe(200);
      const portal = await call(actor, 'GET', `/api/public/reports/${id}`);
      for (const text of [...Object.values(SECRET), '审核一']) expect(portal.body, actor).not.toContain(text);
    }
    // Drafts and submitted ones stay closed to outsiders, internal record and all.
    for (const [actor, key] of [
      ['stranger', 'aSubmitted'],
      ['fillerB', 'aSubmitted'],
      ['reviewerR2', 'aSubmitted'],
      ['reviewerR1', 'bDraft'],
    ] as Array<[Actor, string]>) {
      const denied = actor === 'stranger' ? 401 : 403;
      for (const path of ['', '/findings/history', '/revisions', '/export?format=docx&findings=1']) {
        const r = await call(actor, 'GET', `/api/evaluations/${ids[key]}${path}`);
        expect(r.statusCode, `${actor} ${key}${path}`).toBe(denied);
      }
    }
  });

  it('lets only the own department edit a draft, and freezes a submitted one', async () => {
    const body = (version: number) => ({
      version,
      evaluation: newEvaluation({ id: 'x', title: '改过的自评表', kind: 'project', year: 2024 }),
    });
    const expected: Record<Actor, number> = {
      stranger: 401,
      admin: 403,
      reviewerR1: 403,
      reviewerR2: 403,
      fillerA: 200,
      fillerB: 403,
    };
    for (const actor of ACTORS) {
      const r = await call(
        actor,
        'PUT',
        `/api/evaluations/${ids.aDraft}`,
        body(actor === 'fillerA' ? 1 : 99),
      );
      expect(r.statusCode, actor).toBe(expected[actor]);
    }
    const frozen = await call('fillerA', 'PUT', `/api/evaluations/${ids.aSubmitted}`, body(1));
    expect(frozen.statusCode).toBe(409);
    expect(frozen.json().error).toContain('已提交');
    const stale = await call('fillerA', 'PUT', `/api/evaluations/${ids.aDraft}`, body(1));
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toContain('填报甲');
  });

  it('refuses a state change without the CSRF token', async () => {
    const r = await call(
      'fillerA',
      'PUT',
      `/api/evaluations/${ids.aDraft}`,
      { version: 2, evaluation: {} },
      false,
    );
    expect(r.statusCode).toBe(403);
    expect(r.json().error).toContain('CSRF');
  });

  it('lets the right roles move the status, and no one else', async () => {
    for (const actor of ['stranger', 'fillerB', 'reviewerR1', 'admin'] as Actor[]) {
      const r = await call(actor, 'POST', `/api/evaluations/${ids.aDraft}/submit`, {});
      expect(r.statusCode, actor).toBe(actor === 'stranger' ? 401 : 403);
    }
    for (const actor of ['fillerA', 'reviewerR2'] as Actor[]) {
      expect(
        (await call(actor, 'POST', `/api/evaluations/${ids.aSubmitted}/return`, {})).statusCode,
        actor,
      ).toBe(403);
    }
    expect(
      (await call('reviewerR1', 'PUT', `/api/evaluations/${ids.cSubmitted}/review`, { reviewTotal: 85 }))
        .statusCode,
    ).toBe(403);
    expect(
      (await call('reviewerR2', 'PUT', `/api/evaluations/${ids.cSubmitted}/review`, { reviewTotal: 85 }))
        .statusCode,
    ).toBe(200);
    expect(
      (
        await call('reviewerR1', 'POST', `/api/evaluations/${ids.aSubmitted}/return`, {
          comment: '请补充完成值',
        })
      ).statusCode,
    ).toBe(200);
    expect((await call('fillerA', 'POST', `/api/evaluations/${ids.aSubmitted}/submit`, {})).statusCode).toBe(
      200,
    );
    // 审核通过 needs a 复核得分 or the reviewer's word that the self score stands.
    const unscored = await call('reviewerR1', 'POST', `/api/evaluations/${ids.aSubmitted}/accept`, {});
    expect(unscored.statusCode).toBe(409);
    expect(unscored.json().error).toBe('审核通过前请先保存复核得分，或确认复核得分与自评一致');
    expect(
      (await call('reviewerR1', 'POST', `/api/evaluations/${ids.aSubmitted}/accept`, { sameAsSelf: true }))
        .statusCode,
    ).toBe(200);
    expect((await call('fillerA', 'POST', `/api/evaluations/${ids.aSubmitted}/publish`, {})).statusCode).toBe(
      403,
    );
    expect(
      (await call('reviewerR1', 'POST', `/api/evaluations/${ids.aSubmitted}/publish`, {})).statusCode,
    ).toBe(200);
    const revisions = await call('fillerA', 'GET', `/api/evaluations/${ids.aSubmitted}/revisions`);
    expect((revisions.json() as Array<{ status: string }>).map((r) => r.status)).toEqual([
      'draft',
      'returned',
      'submitted',
      'accepted',
      'published',
    ]);
  });

  it('keeps accounts and departments to the admin', async () => {
    for (const actor of ACTORS) {
      const want = actor === 'admin' ? 200 : actor === 'stranger' ? 401 : 403;
      expect((await call(actor, 'GET', '/api/users')).statusCode, actor).toBe(want);
      const created = await call(actor, 'POST', '/api/users', {
        username: `new-${actor}`,
        password: 'a-long-password',
        role: 'reviewer',
        region: 'R1',
      });
      expect(created.statusCode, actor).toBe(want);
      expect(
        (await call(actor, 'POST', '/api/departments', { name: `部门-${actor}` })).statusCode,
        actor,
      ).toBe(want);
      expect((await call(actor, 'GET', '/api/audit')).statusCode, actor).toBe(want);
    }
    const target = (await t.db.query<{ id: number }>("select id from users where username = 'new-admin'"))
      .rows[0]!.id;
    for (const actor of ACTORS) {
      const want = actor === 'admin' ? 200 : actor === 'stranger' ? 401 : 403;
      expect(
        (await call(actor, 'PUT', `/api/users/${target}`, { displayName: `改名-${actor}` })).statusCode,
        actor,
      ).toBe(want);
      expect((await call(actor, 'POST', `/api/users/${target}/reset-password`, {})).statusCode, actor).toBe(
        want,
      );
    }
  });

  it('imports a file for preview only to a 填报人, and says in Chinese why a file cannot be read', async () => {
    const contentBase64 = readFileSync(seed003).toString('base64');
    const payload = { fileName: '003.txt', contentBase64 };
    expect((await call('stranger', 'POST', '/api/import', payload)).statusCode).toBe(401);
    expect((await call('reviewerR1', 'POST', '/api/import', payload)).statusCode).toBe(403);
    const r = await call('fillerA', 'POST', '/api/import', payload);
    expect(r.statusCode).toBe(200);
    const preview = r.json() as { evaluations: Array<{ findings: Array<{ code: string }> }> };
    expect(preview.evaluations).toHaveLength(6);
    expect(preview.evaluations.flatMap((e) => e.findings.map((f) => f.code))).toContain(
      'score-exceeds-weight',
    );
    const before = (await call('fillerA', 'GET', '/api/evaluations')).json() as unknown[];
    expect(before).toHaveLength(2); // a preview saves nothing
    const empty = await call('fillerA', 'POST', '/api/import', { fileName: 'empty.txt', contentBase64: '' });
    expect(empty.statusCode).toBe(422);
    expect(empty.json().error).toContain('空文件');
    const garbage = Buffer.from([0, 159, 146, 150, 0, 1, 2]).toString('base64');
    expect(
      (await call('fillerA', 'POST', '/api/import', { fileName: 'x.txt', contentBase64: garbage })).json()
        .error,
    ).toContain('不是文本文件');
  });

  it('creates an evaluation in the own department of its 填报人 only', async () => {
    const evaluation = newEvaluation({ id: 'n', title: '新建的项目自评表', kind: 'project', year: 2025 });
    expect((await call('reviewerR1', 'POST', '/api/evaluations', { evaluation })).statusCode).toBe(403);
    const r = await call('fillerB', 'POST', '/api/evaluations', { evaluation });
    expect(r.statusCode).toBe(200);
    const mine = (await call('fillerB', 'GET', '/api/evaluations')).json() as Array<{
      id: number;
      title: string;
    }>;
    expect(mine.map((x) => x.title)).toContain('新建的项目自评表');
    const theirs = (await call('fillerA', 'GET', '/api/evaluations')).json() as Array<{ title: string }>;
    expect(theirs.map((x) => x.title)).not.toContain('新建的项目自评表');
  });

  it('exports the 自评表 to those who may read it, and published reports to anyone', async () => {
    const own = await call('fillerB', 'GET', `/api/evaluations/${ids.bDraft}/export?format=xlsx`);
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-type']).toContain('spreadsheetml');
    expect(own.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(
      (await call('fillerA', 'GET', `/api/evaluations/${ids.bDraft}/export?format=xlsx`)).statusCode,
    ).toBe(403);
    expect(
      (await call('stranger', 'GET', `/api/evaluations/${ids.bDraft}/export?format=xlsx`)).statusCode,
    ).toBe(401);
    expect(
      (await call('fillerB', 'GET', `/api/evaluations/${ids.bDraft}/export?format=odt`)).statusCode,
    ).toBe(400);
    const pub = await call('stranger', 'GET', `/api/public/reports/${ids.bPublished}/export?format=pdf`);
    expect(pub.statusCode).toBe(200);
    expect(pub.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(
      (await call('stranger', 'GET', `/api/public/reports/${ids.bDraft}/export?format=pdf`)).statusCode,
    ).toBe(404);
  });

  it('shows the dashboard to reviewers and the admin', async () => {
    expect((await call('stranger', 'GET', '/api/dashboard')).statusCode).toBe(401);
    expect((await call('fillerA', 'GET', '/api/dashboard')).statusCode).toBe(403);
    const r = await call('reviewerR1', 'GET', '/api/dashboard');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toHaveProperty('gradeCounts');
  });

  it('shows the 汇总表 to reviewers (their region, no drafts) and the admin, as JSON and xlsx', async () => {
    for (const url of ['/api/summary?year=2024', '/api/summary/export?year=2024']) {
      for (const actor of ACTORS) {
        const want = actor === 'stranger' ? 401 : actor.startsWith('filler') ? 403 : 200;
        expect((await call(actor, 'GET', url)).statusCode, `${actor} ${url}`).toBe(want);
      }
    }
    for (const actor of ['admin', 'reviewerR1', 'reviewerR2'] as Actor[]) {
      const listed = (await call(actor, 'GET', '/api/evaluations?year=2024')).json() as Array<{ id: number }>;
      const lines = (await call(actor, 'GET', '/api/summary?year=2024')).json().lines as Array<{
        type: string;
        id?: number;
      }>;
      const seen = lines.filter((l) => l.type === 'evaluation').map((l) => l.id);
      expect(seen.sort(), actor).toEqual(listed.map((x) => x.id).sort());
    }
  });

  it('keeps framework versions readable by anyone and adds them by the admin only', async () => {
    for (const actor of ACTORS) {
      expect((await call(actor, 'GET', '/api/frameworks')).statusCode, actor).toBe(200);
      expect((await call(actor, 'GET', '/api/frameworks/definitions')).statusCode, actor).toBe(200);
      expect((await call(actor, 'GET', '/api/frameworks/project-10-90/2023.1')).statusCode, actor).toBe(200);
      // An empty object is refused as a framework: what matters is who gets as far as the check.
      const want = actor === 'stranger' ? 401 : actor === 'admin' ? 400 : 403;
      expect((await call(actor, 'POST', '/api/frameworks', {})).statusCode, actor).toBe(want);
    }
  });

  it('lets everyone signed in read the 填报年度, and only the admin open or close one', async () => {
    for (const actor of ACTORS) {
      expect((await call(actor, 'GET', '/api/years')).statusCode, actor).toBe(
        actor === 'stranger' ? 401 : 200,
      );
      const want = actor === 'stranger' ? 401 : actor === 'admin' ? 200 : 403;
      expect((await call(actor, 'PUT', '/api/years/2019', { open: true })).statusCode, actor).toBe(want);
    }
  });

  it("shows in-year monitoring to the department, its region's reviewers (even a draft) and the admin; only the department reports", async () => {
    const see: Record<string, number> = {
      stranger: 401,
      fillerA: 200,
      fillerB: 403,
      reviewerR1: 200,
      reviewerR2: 403,
      admin: 200,
    };
    for (const actor of ACTORS) {
      const url = `/api/evaluations/${ids.aDraft}/monitoring`;
      expect((await call(actor, 'GET', url)).statusCode, actor).toBe(see[actor]);
      // These test evaluations have no framework with a monitoring plan: the department hears so (409).
      const report = await call(actor, 'PUT', `${url}/9`, { executed: '10' });
      expect(report.statusCode, actor).toBe(actor === 'stranger' ? 401 : actor === 'fillerA' ? 409 : 403);
      expect((await call(actor, 'GET', '/api/monitoring')).statusCode, actor).toBe(
        actor === 'stranger' ? 401 : 200,
      );
    }
  });

  it("records a 满意度调查 by the department's 填报人 on its draft only; its region reads it once submitted", async () => {
    const A = await ensureDepartment(t.db, '甲局');
    const e = newEvaluation({
      id: 'aSurvey',
      title: 'aSurvey 自评表',
      kind: 'project',
      year: 2024,
      indicators: [
        {
          id: 'sat',
          level1: '满意度指标',
          level2: '服务对象满意度指标',
          name: '服务对象满意度',
          direction: '≥',
          target: parseStated('≥90%'),
          actual: parseStated(''),
          weight: parseStated('10'),
        },
      ],
    });
    const stored = await createEvaluation(t.db, {
      departmentId: A,
      evaluation: e,
      author: { name: 'setup' },
    });
    const url = `/api/evaluations/${stored.id}/indicators/sat/survey`;
    const body = (version: number) => ({
      version,
      issued: 10,
      returned: 10,
      options: [
        { label: '满意', count: 9, satisfied: true },
        { label: '不满意', count: 1, satisfied: false },
      ],
    });
    const draft: Record<Actor, number> = {
      stranger: 401,
      admin: 200,
      reviewerR1: 403,
      reviewerR2: 403,
      fillerA: 200,
      fillerB: 403,
    };
    for (const actor of ACTORS) {
      expect((await call(actor, 'GET', url)).statusCode, actor).toBe(draft[actor]);
      const version = (
        await t.db.query<{ version: number }>('select version from evaluations where id = $1', [stored.id])
      ).rows[0]!.version;
      const put = await call(actor, 'PUT', url, body(version));
      expect(put.statusCode, actor).toBe(actor === 'stranger' ? 401 : actor === 'fillerA' ? 200 : 403);
    }
    await t.db.query("update evaluations set status = 'submitted' where id = $1", [stored.id]);
    const submitted: Record<Actor, number> = { ...draft, reviewerR1: 200 };
    for (const actor of ACTORS) {
      expect((await call(actor, 'GET', url)).statusCode, actor).toBe(submitted[actor]);
      const put = await call(actor, 'PUT', url, body(1));
      expect(put.statusCode, actor).toBe(actor === 'stranger' ? 401 : actor === 'fillerA' ? 409 : 403);
    }
  });

  it("registers 整改 items by the department and its region's reviewers; only the department moves them on", async () => {
    const url = `/api/evaluations/${ids.aSubmitted}/rectifications`;
    const want: Record<string, number> = {
      stranger: 401,
      fillerA: 200,
      fillerB: 403,
      reviewerR1: 200,
      reviewerR2: 403,
      admin: 200,
    };
    let itemId = 0;
    for (const actor of ACTORS) {
      expect((await call(actor, 'GET', url)).statusCode, actor).toBe(want[actor]);
      const added = await call(actor, 'POST', url, { problem: `${actor} 发现的问题` });
      expect(added.statusCode, actor).toBe(want[actor]);
      if (added.statusCode === 200) itemId = added.json().id;
      expect((await call(actor, 'GET', '/api/rectifications')).statusCode, actor).toBe(
        actor === 'stranger' ? 401 : 200,
      );
    }
    for (const actor of ACTORS) {
      const r = await call(actor, 'PUT', `/api/rectifications/${itemId}`, { status: 'in-progress' });
      expect(r.statusCode, actor).toBe(actor === 'stranger' ? 401 : actor === 'fillerA' ? 200 : 403);
    }
  });

  it("keeps a project's 绩效目标 to its department and its region's reviewers: the department drafts, the region decides", async () => {
    const created = await call('fillerA', 'POST', '/api/targets', { year: 2025, projectName: '甲局 项目' });
    expect(created.statusCode).toBe(200);
    const id = created.json().id as number;
    const url = `/api/targets/${id}`;
    const see: Record<Actor, number> = {
      stranger: 401,
      admin: 200,
      reviewerR1: 200,
      reviewerR2: 403,
      fillerA: 200,
      fillerB: 403,
    };
    const draft = (created.json().revisions as Array<{ indicators: unknown[] }>)[0]!.indicators.map(
      (r, k) => ({
        ...(r as object),
        name: `指标${k + 1}`,
        target: '100',
        direction: '≥',
      }),
    );
    for (const actor of ACTORS) {
      expect((await call(actor, 'GET', url)).statusCode, actor).toBe(see[actor]);
      expect((await call(actor, 'GET', '/api/targets')).statusCode, actor).toBe(
        actor === 'stranger' ? 401 : 200,
      );
      if (actor !== 'fillerA') {
        const want = actor === 'stranger' ? 401 : 403;
        expect(
          (await call(actor, 'POST', '/api/targets', { year: 2025, projectName: 'x' })).statusCode,
          actor,
        ).toBe(actor.startsWith('filler') ? 200 : want);
        expect((await call(actor, 'PUT', url, { revision: 1, indicators: draft })).statusCode, actor).toBe(
          want,
        );
        expect((await call(actor, 'POST', `${url}/submit`, {})).statusCode, actor).toBe(want);
        expect((await call(actor, 'POST', `${url}/adjust`, { reason: '调整' })).statusCode, actor).toBe(want);
        expect((await call(actor, 'POST', `${url}/evaluation`, {})).statusCode, actor).toBe(want);
      }
    }
    expect((await call('fillerA', 'PUT', url, { revision: 1, indicators: draft })).statusCode).toBe(200);
    expect((await call('fillerA', 'POST', `${url}/submit`, {})).statusCode).toBe(200);
    for (const actor of ACTORS) {
      const want = actor === 'stranger' ? 401 : ['admin', 'reviewerR1'].includes(actor) ? 200 : 403;
      if (want === 200) continue;
      for (const action of ['return', 'approve'])
        expect(
          (await call(actor, 'POST', `${url}/${action}`, { comment: '意见' })).statusCode,
          `${actor} ${action}`,
        ).toBe(want);
    }
    expect((await call('reviewerR1', 'POST', `${url}/return`, { comment: '请细化指标' })).statusCode).toBe(
      200,
    );
    await call('fillerA', 'POST', `${url}/submit`, {});
    expect((await call('admin', 'POST', `${url}/approve`, {})).statusCode).toBe(200);
    expect((await call('fillerA', 'POST', `${url}/adjust`, { reason: '年中调整' })).statusCode).toBe(200);
    const made = await call('fillerA', 'POST', `${url}/evaluation`, {});
    expect(made.statusCode).toBe(200);
    for (const actor of ACTORS)
      expect((await call(actor, 'GET', `/api/evaluations/${made.json().id}/targets`)).statusCode, actor).toBe(
        see[actor],
      );
  });

  it("searches the 指标库 within the user's own department, region or all, and offers an evaluation's choices to those who see it", async () => {
    for (const actor of ACTORS)
      expect((await call(actor, 'GET', '/api/indicators?q=指标')).statusCode, actor).toBe(
        actor === 'stranger' ? 401 : 200,
      );
    const see: Record<Actor, number> = {
      stranger: 401,
      admin: 200,
      reviewerR1: 200,
      reviewerR2: 403,
      fillerA: 200,
      fillerB: 403,
    };
    for (const actor of ACTORS)
      expect(
        (await call(actor, 'GET', `/api/evaluations/${ids.aDraft}/indicator-choices`)).statusCode,
        actor,
      ).toBe(see[actor]);
  });

  it("shows last year's 整改 items to those who see the evaluation, and the 结果应用表 to reviewers and the admin", async () => {
    const see: Record<Actor, number> = {
      stranger: 401,
      admin: 200,
      reviewerR1: 200,
      reviewerR2: 403,
      fillerA: 200,
      fillerB: 403,
    };
    for (const actor of ACTORS) {
      expect(
        (await call(actor, 'GET', `/api/evaluations/${ids.aSubmitted}/carry-over`)).statusCode,
        actor,
      ).toBe(see[actor]);
      const table = await call(actor, 'GET', '/api/results-use?year=2024');
      expect(table.statusCode, actor).toBe(
        actor === 'stranger' ? 401 : actor.startsWith('filler') ? 403 : 200,
      );
    }
    // The other region's reviewer reads a table without 甲局's evaluations.
    const other = (await call('reviewerR2', 'GET', '/api/results-use?year=2024')).json() as {
      rows: Array<{ evaluation: { departmentId: number } }>;
    };
    const own = (await call('reviewerR1', 'GET', '/api/results-use?year=2024')).json() as typeof other;
    const inR1 = new Set(own.rows.map((r) => r.evaluation.departmentId));
    expect(other.rows.some((r) => inR1.has(r.evaluation.departmentId))).toBe(false);
  });

  it("saves an import for a 填报人's own body only, and for the department the admin names", async () => {
    const file = {
      fileName: '003.txt',
      contentBase64: readFileSync(seed003).toString('base64'),
      select: [1],
    };
    // 003 is 遂宁市安居区司法局's report: not 甲局's or 乙局's to save; the admin places it.
    for (const actor of ACTORS) {
      const want =
        actor === 'stranger' ? 401 : actor.startsWith('filler') ? 409 : actor === 'admin' ? 400 : 403;
      expect((await call(actor, 'POST', '/api/import/save', file)).statusCode, actor).toBe(want);
    }
    const A = await ensureDepartment(t.db, '甲局');
    const r = await call('admin', 'POST', '/api/import/save', { ...file, departmentId: A });
    expect(r.statusCode, r.body).toBe(200);
    const [{ id }] = r.json() as [{ id: number }];
    expect((await call('fillerA', 'GET', `/api/evaluations/${id}`)).statusCode).toBe(200);
    expect((await call('fillerB', 'GET', `/api/evaluations/${id}`)).statusCode).toBe(403);
  });

  it("marks findings 不是问题 only as the region's reviewer or the admin", async () => {
    for (const action of ['dismiss', 'restore']) {
      for (const actor of ACTORS) {
        const r = await call(actor, 'POST', `/api/evaluations/${ids.cSubmitted}/findings/${action}`, {
          key: 'no-such:finding',
          reason: '理由',
        });
        // The region's reviewer and the admin get past the access check to "no such finding".
        const want = actor === 'stranger' ? 401 : ['admin', 'reviewerR2'].includes(actor) ? 404 : 403;
        expect(r.statusCode, `${actor} ${action}`).toBe(want);
      }
    }
    for (const actor of ACTORS) {
      const want = actor === 'stranger' ? 401 : ['admin', 'reviewerR2'].includes(actor) ? 200 : 403;
      expect(
        (await call(actor, 'GET', `/api/evaluations/${ids.cSubmitted}/findings/history`)).statusCode,
        actor,
      ).toBe(want);
    }
  });

  it('answers a stranger 401 on every route that is not public, whatever the route', async () => {
    const open = [
      /^GET \/api\/health$/,
      /^POST \/api\/login$/,
      /^POST \/api\/logout$/,
      /^GET \/api\/public\//,
      /^GET \/api\/frameworks/,
      /^GET \/api\/evaluations\/:id(\/export)?$/, // published ones are public
    ];
    expect(routes.length).toBeGreaterThan(20);
    expect((await call('stranger', 'GET', '/api/health')).statusCode).toBe(200);
    for (const r of routes) {
      const key = `${r.method} ${r.url}`;
      if (open.some((p) => p.test(key))) continue;
      const url = r.url.replace(':id', String(ids.aDraft)).replace(':year', '2024').replace(':version', '1');
      const res = await call(
        'stranger',
        r.method as 'GET' | 'POST' | 'PUT',
        url,
        r.method === 'GET' ? undefined : {},
      );
      expect(res.statusCode, key).toBe(401);
    }
    // The public ones refuse a draft to a stranger all the same.
    for (const url of [`/api/evaluations/${ids.aDraft}`, `/api/evaluations/${ids.aDraft}/export`]) {
      expect((await call('stranger', 'GET', url)).statusCode, url).toBe(401);
    }
  });

  it('rate-limits wrong passwords and ends a session at logout', async () => {
    for (let k = 0; k < 5; k++) {
      const r = await app.inject({
        method: 'POST',
        url: '/api/login',
        payload: { username: 'fillerB', password: 'wrong' },
      });
      expect(r.statusCode).toBe(401);
    }
    const blocked = await app.inject({
      method: 'POST',
      url: '/api/login',
      payload: { username: 'fillerB', password: PASSWORD },
    });
    expect(blocked.statusCode).toBe(429);
    expect((await call('fillerA', 'POST', '/api/logout', {})).statusCode).toBe(200);
    expect((await call('fillerA', 'GET', '/api/me')).statusCode).toBe(401);
  });

  it('has walked every API route (a new route must be added to this file)', () => {
    const missing = routes.map((r) => `${r.method} ${r.url}`).filter((k) => !walked.has(k));
    expect(missing).toEqual([]);
  });
});
