// 导入保存：a file saved from the preview keeps its prose, so the findings that hold the text against the
// tables are still there when the evaluation is opened, reviewed and submitted — on both databases.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBuiltinRegistry } from '@jixiao/formats';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../auth/users.ts';
import { BACKENDS, type TestDatabase } from '../../db/test-databases.ts';
import { countEvaluations, ensureDepartment } from '../../store/evaluations.ts';
import { buildApp } from '../app.ts';

const seeds = join(resolve(dirname(fileURLToPath(import.meta.url)), '../../../../..'), 'examples/seeds');
const PASSWORD = 'correct-horse-42';
const upload = (file: string) => ({
  fileName: file,
  contentBase64: readFileSync(join(seeds, file)).toString('base64'),
});

interface Finding {
  code: string;
  severity: string;
  message: string;
}

describe.each(BACKENDS)('saving an import on the %s database', (_name, open) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let auth = { cookie: '', csrf: '' };
  /** A 填报人 of 遂宁市安居区司法局, and the admin. */
  let anju = { cookie: '', csrf: '' };
  let admin = { cookie: '', csrf: '' };

  function callAs(who: typeof auth, method: 'GET' | 'POST', url: string, payload?: object) {
    return app.inject({
      method,
      url,
      headers: { cookie: who.cookie, 'x-csrf-token': who.csrf },
      ...(payload ? { payload } : {}),
    });
  }
  const call = (method: 'GET' | 'POST', url: string, payload?: object) => callAs(auth, method, url, payload);

  async function signIn(username: string) {
    const r = await app.inject({
      method: 'POST',
      url: '/api/login',
      payload: { username, password: PASSWORD },
    });
    return { cookie: String(r.headers['set-cookie']).split(';')[0]!, csrf: r.json().csrfToken as string };
  }

  beforeAll(async () => {
    t = await open();
    app = await buildApp(t.db, await loadBuiltinRegistry());
    const dept = await ensureDepartment(t.db, '司法局');
    await createUser(t.db, {
      username: 'filler',
      displayName: '填报人',
      role: 'filler',
      departmentId: dept,
      password: PASSWORD,
    });
    await createUser(t.db, {
      username: 'anju',
      displayName: '安居区填报人',
      role: 'filler',
      departmentId: await ensureDepartment(t.db, '遂宁市安居区司法局', '遂宁市安居区'),
      password: PASSWORD,
    });
    await createUser(t.db, { username: 'root', displayName: '管理员', role: 'admin', password: PASSWORD });
    auth = await signIn('filler');
    anju = await signIn('anju');
    admin = await signIn('root');
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('keeps the prose findings of the preview after saving (seed 002: 占 44.67% where the table gives 42.49%)', async () => {
    const preview = await call('POST', '/api/import', upload('002_2938c48e62223733.txt'));
    expect(preview.statusCode).toBe(200);
    const previewed = preview.json().evaluations[0].findings as Finding[];
    const share = previewed.filter((f) => f.code === 'ratio-mismatch' && f.message.includes('42.49%'));
    expect(share).toHaveLength(1);

    const saved = await call('POST', '/api/import/save', upload('002_2938c48e62223733.txt'));
    expect(saved.statusCode, saved.body).toBe(200);
    const id = (saved.json() as Array<{ id: number }>)[0]!.id;
    const detail = (await call('GET', `/api/evaluations/${id}`)).json();
    const stored = detail.findings as Finding[];
    expect(stored.filter((f) => f.code === 'ratio-mismatch' && f.message.includes('42.49%'))).toHaveLength(1);
    expect(stored.map((f) => `${f.code} ${f.message}`).sort()).toEqual(
      previewed.map((f) => `${f.code} ${f.message}`).sort(),
    );
  });

  it('scores a 部门整体 table that counts its projects with the projects saved beside it (seed 003)', async () => {
    const preview = (await call('POST', '/api/import', upload('003_cbcf39354c9835b0.txt'))).json();
    const saved = await call('POST', '/api/import/save', upload('003_cbcf39354c9835b0.txt'));
    const ids = (saved.json() as Array<{ id: number }>).map((x) => x.id);
    expect(ids).toHaveLength(preview.evaluations.length);
    for (const [i, id] of ids.entries()) {
      const detail = (await call('GET', `/api/evaluations/${id}`)).json();
      const want = preview.evaluations[i];
      expect(detail.score.computedTotal, want.evaluation.title).toBe(want.score.computedTotal);
      expect(detail.findings.length, want.evaluation.title).toBe(want.findings.length);
    }
  });

  it('saves only the chosen tables, and nothing when the choice is wrong', async () => {
    const before = await countEvaluations(t.db);
    for (const select of [[99], [], ['0'], [-1]]) {
      const bad = await call('POST', '/api/import/save', { ...upload('003_cbcf39354c9835b0.txt'), select });
      expect(bad.statusCode, JSON.stringify(select)).toBe(400);
      expect(bad.json().error).toContain('select');
    }
    expect(await countEvaluations(t.db)).toBe(before);
    const one = await call('POST', '/api/import/save', {
      ...upload('003_cbcf39354c9835b0.txt'),
      select: [1],
    });
    expect(one.statusCode).toBe(200);
    expect(one.json()).toHaveLength(1);
    expect(await countEvaluations(t.db)).toBe(before + 1);
  });

  it('stores the file name without its direction and control characters', async () => {
    const file = { ...upload('002_2938c48e62223733.txt'), fileName: '自评\u202Etxt.exe\u2066.txt' };
    const saved = await call('POST', '/api/import/save', file);
    expect(saved.statusCode, saved.body).toBe(200);
    const id = (saved.json() as Array<{ id: number }>)[0]!.id;
    const detail = (await call('GET', `/api/evaluations/${id}`)).json();
    expect(detail.sourceFile).toBe('自评txt.exe.txt');
    const revisions = (await call('GET', `/api/evaluations/${id}/revisions`)).json() as Array<{
      note: string;
    }>;
    expect(revisions.map((r) => r.note)).toContain('导入 自评txt.exe.txt');
  });

  it('refuses an unreadable file with a Chinese message and saves nothing', async () => {
    const before = await countEvaluations(t.db);
    const r = await call('POST', '/api/import/save', {
      fileName: 'broken.xlsx',
      contentBase64: Buffer.from('PK\u0003\u0004 not a zip').toString('base64'),
    });
    expect(r.statusCode).toBe(422);
    expect(r.json().error).toMatch(/[\u4e00-\u9fff]/);
    expect(await countEvaluations(t.db)).toBe(before);
  });

  it("refuses to save another body's file for the 填报人's department, and lets the admin place it", async () => {
    // 雁峰区司法局's report in the hands of 安居区's 填报人: the preview says so before anything is saved.
    const preview = await callAs(anju, 'POST', '/api/import', upload('002_2938c48e62223733.txt'));
    expect(preview.statusCode).toBe(200);
    expect(preview.json().department).toEqual({
      name: '遂宁市安居区司法局',
      elsewhere: [{ index: 0, organization: '雁峰区司法局' }],
    });
    const before = await countEvaluations(t.db);
    const refused = await callAs(anju, 'POST', '/api/import/save', upload('002_2938c48e62223733.txt'));
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toBe(
      '所选的第 1 份自评属于「雁峰区司法局」，不是你的部门「遂宁市安居区司法局」，不能保存为本部门的草稿；如确属本部门，请管理员导入',
    );
    expect(await countEvaluations(t.db)).toBe(before);

    // Its own file (written "遂宁市安居区司法局" as the department is named) is saved as usual.
    const own = await callAs(anju, 'POST', '/api/import', upload('003_cbcf39354c9835b0.txt'));
    expect(own.json().department.elsewhere).toEqual([]);

    // The admin decides: the department is named, or the save is refused with what is missing.
    const unnamed = await callAs(admin, 'POST', '/api/import/save', upload('002_2938c48e62223733.txt'));
    expect(unnamed.statusCode).toBe(400);
    expect(unnamed.json().error).toContain('指定保存到哪个部门');
    const anjuId = await ensureDepartment(t.db, '遂宁市安居区司法局');
    const placed = await callAs(admin, 'POST', '/api/import/save', {
      ...upload('002_2938c48e62223733.txt'),
      departmentId: anjuId,
    });
    expect(placed.statusCode, placed.body).toBe(200);
    const id = (placed.json() as Array<{ id: number }>)[0]!.id;
    const seen = await callAs(anju, 'GET', `/api/evaluations/${id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().departmentId).toBe(anjuId);
  });

  it('offers to update the draft of the same project and year on a second import, and updates it in place', async () => {
    const file = upload('003_cbcf39354c9835b0.txt');
    const first = await callAs(anju, 'POST', '/api/import/save', { ...file, select: [2] });
    expect(first.statusCode, first.body).toBe(200);
    const [{ id }] = first.json() as [{ id: number }];
    const again = (await callAs(anju, 'POST', '/api/import', file)).json();
    expect(again.drafts).toContainEqual(expect.objectContaining({ index: 2, id, status: 'draft' }));

    const before = await countEvaluations(t.db);
    // A table with no draft of its own cannot be "updated".
    const none = await callAs(anju, 'POST', '/api/import/save', { ...file, select: [4], update: [4] });
    expect(none.statusCode).toBe(400);
    expect(none.json().error).toContain('没有同一项目、同一年度的草稿可更新');
    const updated = await callAs(anju, 'POST', '/api/import/save', { ...file, select: [2], update: [2] });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json()).toEqual([expect.objectContaining({ id, version: 2 })]);
    expect(await countEvaluations(t.db)).toBe(before);
    const revisions = (await callAs(anju, 'GET', `/api/evaluations/${id}/revisions`)).json() as Array<{
      note: string;
    }>;
    expect(revisions.map((r) => r.note)).toEqual([
      '导入 003_cbcf39354c9835b0.txt',
      '重新导入 003_cbcf39354c9835b0.txt，更新草稿',
    ]);
  });
});
