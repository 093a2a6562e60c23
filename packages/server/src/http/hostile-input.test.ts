// Bad input on purpose, on both databases: each gets a Chinese 400 (or 413) naming the field, never a 500,
// and nothing is saved.
import { newEvaluation } from '@jixiao/core';
import { loadBuiltinRegistry } from '@jixiao/formats';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../auth/users.ts';
import { BACKENDS, type TestDatabase } from '../db/test-databases.ts';
import { createEvaluation, ensureDepartment } from '../store/evaluations.ts';
import { buildApp } from './app.ts';

const PASSWORD = 'correct-horse-42';

describe.each(BACKENDS)('hostile input on the %s database', (_name, open) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  const as: Record<string, { cookie: string; csrf: string }> = {};
  let submitted = 0;

  function call(who: string | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: string | object) {
    const a = who ? as[who] : undefined;
    return app.inject({
      method,
      url,
      headers: {
        ...(a ? { cookie: a.cookie, 'x-csrf-token': a.csrf } : {}),
        ...(typeof payload === 'string' ? { 'content-type': 'application/json' } : {}),
      },
      ...(payload !== undefined ? { payload } : {}),
    });
  }

  beforeAll(async () => {
    t = await open();
    app = await buildApp(t.db, await loadBuiltinRegistry());
    const dept = await ensureDepartment(t.db, '甲局', 'R1');
    await createUser(t.db, { username: 'admin', displayName: '管理员', role: 'admin', password: PASSWORD });
    await createUser(t.db, {
      username: 'filler',
      displayName: '填报人',
      role: 'filler',
      departmentId: dept,
      password: PASSWORD,
    });
    await createUser(t.db, {
      username: 'reviewer',
      displayName: '审核人',
      role: 'reviewer',
      region: 'R1',
      password: PASSWORD,
    });
    for (const who of ['admin', 'filler', 'reviewer']) {
      const r = await app.inject({
        method: 'POST',
        url: '/api/login',
        payload: { username: who, password: PASSWORD },
      });
      as[who] = { cookie: String(r.headers['set-cookie']).split(';')[0]!, csrf: r.json().csrfToken };
    }
    const stored = await createEvaluation(t.db, {
      departmentId: dept,
      evaluation: newEvaluation({ id: 's', title: '已提交的自评表', kind: 'project', year: 2024 }),
      author: { name: 'setup' },
    });
    await t.db.query("update evaluations set status = 'submitted' where id = $1", [stored.id]);
    submitted = stored.id;
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('refuses ids out of range or not a number with a 400 naming the id', async () => {
    const cases: Array<[string | null, 'GET' | 'PUT' | 'POST', string, RegExp]> = [
      ['filler', 'GET', '/api/evaluations/2147483648', /自评编号超出范围/],
      ['filler', 'GET', '/api/evaluations/abc', /自评编号应为正整数/],
      ['filler', 'GET', '/api/evaluations/1e3', /自评编号应为正整数/],
      ['filler', 'GET', '/api/evaluations/2147483648/revisions', /自评编号超出范围/],
      [null, 'GET', '/api/evaluations/2147483648/export?format=xlsx', /自评编号超出范围/],
      [null, 'GET', '/api/public/reports/2147483648', /报告编号超出范围/],
      [null, 'GET', '/api/evaluations/99999999999/findings/history', /自评编号(应为正整数|超出范围)/],
      ['admin', 'PUT', '/api/users/2147483648', /用户编号超出范围/],
      ['admin', 'GET', '/api/summary?department=2147483648', /部门超出范围/],
      ['admin', 'GET', '/api/dashboard?year=99999999999', /年度应为四位数字/],
      ['filler', 'GET', '/api/evaluations?year=2147483648', /年度应为四位数字/],
    ];
    for (const [who, method, url, message] of cases) {
      const r = await call(who, method, url, method === 'GET' ? undefined : {});
      expect(r.statusCode, `${method} ${url}: ${r.body}`).toBe(400);
      expect(r.json().error, url).toMatch(message);
    }
  });

  it('refuses NUL and lone surrogates in names, comments and paths, naming the field', async () => {
    const users = await call('admin', 'GET', '/api/users');
    const cases: Array<[string | null, 'GET' | 'PUT' | 'POST', string, string | object | undefined, RegExp]> =
      [
        [
          null,
          'POST',
          '/api/login',
          { username: 'ad\u0000min', password: PASSWORD },
          /用户名（username）含有空字符/,
        ],
        [
          'admin',
          'POST',
          '/api/users',
          { username: 'x\u0000y', password: 'a-fine-passphrase', role: 'reviewer' },
          /用户名（username）含有空字符/,
        ],
        ['admin', 'POST', '/api/departments', { name: '乙\u0000局' }, /名称（name）含有空字符/],
        [
          'admin',
          'POST',
          '/api/departments',
          '{"name":"乙\\ud800局"}',
          /名称（name）含有不完整的 Unicode 字符/,
        ],
        ['admin', 'POST', '/api/departments', { name: '乙\u0007局' }, /部门名称含有控制字符/],
        ['admin', 'POST', '/api/departments', { name: '乙\u202E局' }, /部门名称含有改变文字方向的控制字符/],
        ['admin', 'POST', '/api/departments', { name: '局'.repeat(101) }, /部门名称最多 100 个字符/],
        [
          'reviewer',
          'PUT',
          `/api/evaluations/${submitted}/review`,
          { reviewTotal: 80, comment: '意见\u0000' },
          /意见（comment）含有空字符/,
        ],
        [
          'reviewer',
          'PUT',
          `/api/evaluations/${submitted}/review`,
          { reviewTotal: 80, comment: '长'.repeat(5001) },
          /复核意见最多 5000 个字符/,
        ],
        [
          'reviewer',
          'POST',
          `/api/evaluations/${submitted}/return`,
          { comment: '请改\u0000' },
          /意见（comment）含有空字符/,
        ],
        [null, 'GET', '/api/frameworks/project%00/2023.1', undefined, /地址中的编号（id）含有空字符/],
        [null, 'GET', '/api/frameworks/project-10-90/%ED%A0%80', undefined, /地址中含有无效的字符编码/],
        ['filler', 'GET', '/api/evaluations?year=20%0024', undefined, /查询参数年度（year）含有空字符/],
      ];
    for (const [who, method, url, payload, message] of cases) {
      const r = await call(who, method, url, payload);
      expect(r.statusCode, `${method} ${url}: ${r.body}`).toBe(400);
      expect(r.json().error, `${method} ${url}`).toMatch(message);
    }
    // Nothing of it was saved.
    expect((await call('admin', 'GET', '/api/users')).json()).toEqual(users.json());
    expect((await t.db.query('select 1 from departments where name like $1', ['乙%'])).rowCount).toBe(0);
    expect((await t.db.query('select 1 from reviews')).rowCount).toBe(0);
  });

  it('refuses a 5 MB user name before it is looked up or hashed', async () => {
    const r = await call(null, 'POST', '/api/login', {
      username: 'u'.repeat(5 * 1024 * 1024),
      password: 'x',
    });
    expect(r.statusCode).toBe(413);
    expect(r.json().error).toBe('请求内容过大：此处最多接受 1 MB，未处理');
    const long = await call(null, 'POST', '/api/login', { username: 'u'.repeat(101), password: 'x' });
    expect(long.statusCode).toBe(400);
    expect(long.json().error).toBe('用户名最多 100 个字符');
  });

  it('keeps direction and control characters out of a download file name', async () => {
    const created = await call('filler', 'POST', '/api/evaluations', {
      evaluation: newEvaluation({ id: 'n', title: '项目\u202Excod.exe', kind: 'project', year: 2024 }),
    });
    expect(created.statusCode, created.body).toBe(200);
    const r = await call('filler', 'GET', `/api/evaluations/${created.json().id}/export?format=xlsx`);
    expect(r.statusCode).toBe(200);
    const header = String(r.headers['content-disposition']);
    expect(header).toMatch(/^attachment; filename="export\.xlsx"; filename\*=UTF-8''/);
    const name = decodeURIComponent(header.split("''")[1]!);
    expect(name).toBe('项目xcod.exe.xlsx');
    expect(name).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
  });
});
