// Accounts under attack, on both databases: the lockout attack, timing, the password policy, change,
// reset, disabling, and the audit log of all of it.
import { newEvaluation } from '@jixiao/core';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBuiltinRegistry, readDocumentFile } from '@jixiao/formats';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { delayAfter } from '../../auth/rate-limit.ts';
import { createUser } from '../../auth/users.ts';
import { BACKENDS, type TestDatabase } from '../../db/test-databases.ts';
import { createEvaluation, ensureDepartment } from '../../store/evaluations.ts';
import { buildApp } from '../app.ts';
import { assess, findingKey } from '../assess.ts';

const PASSWORD = 'correct-horse-42';

interface Client {
  cookie: string;
  csrf: string;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

describe('growing delays per account and address', () => {
  it('lets four misses pass, then doubles the wait from 30 s up to 15 minutes', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 12, 50].map(delayAfter)).toEqual([
      0, 0, 0, 0, 30, 60, 120, 240, 900, 900,
    ]);
  });
});

describe.each(BACKENDS)('accounts on the %s database', (_name, open) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let department: number;

  function login(username: string, password: string, address = '127.0.0.1') {
    return app.inject({
      method: 'POST',
      url: '/api/login',
      remoteAddress: address,
      payload: { username, password },
    });
  }

  async function signIn(username: string, password = PASSWORD, address = '127.0.0.1'): Promise<Client> {
    const r = await login(username, password, address);
    expect(r.statusCode, r.body).toBe(200);
    return { cookie: String(r.headers['set-cookie']).split(';')[0]!, csrf: r.json().csrfToken };
  }

  function call(c: Client | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) {
    return app.inject({
      method,
      url,
      headers: c ? { cookie: c.cookie, 'x-csrf-token': c.csrf } : {},
      ...(payload ? { payload } : {}),
    });
  }

  const userId = async (username: string) =>
    (await t.db.query<{ id: number }>('select id from users where username = $1', [username])).rows[0]!.id;

  beforeAll(async () => {
    t = await open();
    app = await buildApp(t.db, await loadBuiltinRegistry());
    department = await ensureDepartment(t.db, '甲局', 'R1');
    await createUser(t.db, { username: 'admin', displayName: '管理员', role: 'admin', password: PASSWORD });
    for (const name of ['victim', 'timed', 'changer', 'resetme', 'leaver'])
      await createUser(t.db, {
        username: name,
        displayName: name,
        role: 'filler',
        departmentId: department,
        password: PASSWORD,
      });
    await createUser(t.db, {
      username: 'reviewer',
      displayName: '审核人',
      role: 'reviewer',
      region: 'R1',
      password: PASSWORD,
    });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('cannot be used to lock an account out: wrong passwords from one address slow that address only', async () => {
    const attacker = '203.0.113.66';
    const answers: number[] = [];
    for (let k = 0; k < 6; k++)
      answers.push((await login('victim', `guess-${k}-wrong`, attacker)).statusCode);
    expect(answers).toEqual([401, 401, 401, 401, 401, 429]);
    // The attacker, even with the right password now, waits…
    const held = await login('victim', PASSWORD, attacker);
    expect(held.statusCode).toBe(429);
    expect(Number(held.headers['retry-after'])).toBeGreaterThan(0);
    expect(held.json().error).toMatch(/登录失败次数过多，请 \d+ 秒后再试（其他地址的登录不受影响）/);
    // …while the owner, from the office, signs in at once — and the attacker stays held.
    expect((await login('victim', PASSWORD, '198.51.100.7')).statusCode).toBe(200);
    expect((await login('victim', PASSWORD, attacker)).statusCode).toBe(429);
    // A user name that does not exist is throttled the same way: the 429 tells nothing.
    const unknown: number[] = [];
    for (let k = 0; k < 6; k++) unknown.push((await login('nobody-here', `guess-${k}`, attacker)).statusCode);
    expect(unknown).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('answers a wrong password for a known and an unknown user in the same time (50 samples each)', async () => {
    await login('timed', 'warm-up-wrong', '192.0.2.250'); // the dummy hash is ready, the code paths warm
    await login('no-such-user', 'warm-up-wrong', '192.0.2.251');
    const known: number[] = [];
    const unknown: number[] = [];
    for (let k = 0; k < 50; k++) {
      // Interleaved, each from its own address: load on the machine falls on both alike, no throttle.
      for (const [user, into] of [
        ['timed', known],
        [`ghost-${k}`, unknown],
      ] as const) {
        const started = process.hrtime.bigint();
        const r = await login(user, 'not-the-password', `10.${into === known ? 1 : 2}.${k >> 8}.${k & 255}`);
        into.push(Number(process.hrtime.bigint() - started) / 1e6);
        expect(r.statusCode).toBe(401);
        expect(r.json().error).toBe('用户名或密码不正确');
      }
    }
    // Without the dummy hash an unknown user answers ~20× faster (no scrypt): a factor of 1.5 tells them apart.
    const ratio = median(unknown) / median(known);
    expect(
      ratio,
      `median unknown ${median(unknown).toFixed(1)} ms, known ${median(known).toFixed(1)} ms`,
    ).toBeGreaterThan(1 / 1.5);
    expect(ratio).toBeLessThan(1.5);
  }, 120_000);

  it('refuses weak passwords and a taken user name, in Chinese', async () => {
    const admin = await signIn('admin');
    const create = (username: string, password: string) =>
      call(admin, 'POST', '/api/users', { username, password, role: 'filler', departmentId: department });
    const weak: Array<[string, RegExp]> = [
      ['short1', /至少 10 个字符/],
      ['aaaaaaaaaa', /重复的字符/],
      ['abababababab', /重复的字符/],
      ['1234567890', /连续字符/],
      ['qwertyuiop', /连续字符/],
      ['password12', /太常见/],
      ['Password123', /太常见/],
      ['          ', /全是空格/],
      ['newcomer-2024!x', /包含用户名/],
      ['x'.repeat(129) + 'yz', /最多 128 个字符/],
    ];
    for (const [password, message] of weak) {
      const r = await create('newcomer', password);
      expect(r.statusCode, password).toBe(400);
      expect(r.json().error, password).toMatch(message);
    }
    expect((await create('newcomer', 'tea-garden-by-the-lake')).statusCode).toBe(200);
    const again = await create('newcomer', 'another-fine-passphrase');
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toBe('用户名「newcomer」已被使用，请换一个');
  });

  it('changes a password with the current one, and signs the other devices out', async () => {
    const laptop = await signIn('changer');
    const phone = await signIn('changer');
    const change = (c: Client, currentPassword: string, newPassword: string) =>
      call(c, 'POST', '/api/me/password', { currentPassword, newPassword });
    const wrong = await change(laptop, 'not-my-password', 'a-new-long-secret');
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error).toContain('当前密码不正确');
    const weak = await change(laptop, PASSWORD, '1234567890');
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error).toContain('密码未修改');
    const ok = await change(laptop, PASSWORD, 'a-new-long-secret');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().endedSessions).toBe(1);
    expect((await call(phone, 'GET', '/api/me')).statusCode).toBe(401);
    expect((await call(laptop, 'GET', '/api/me')).statusCode).toBe(200);
    expect((await login('changer', PASSWORD, '10.9.0.1')).statusCode).toBe(401);
    expect((await login('changer', 'a-new-long-secret', '10.9.0.1')).statusCode).toBe(200);
  });

  it('resets a password to a one-time one that only lets its holder choose a new one', async () => {
    const admin = await signIn('admin');
    const before = await signIn('resetme');
    const reset = await call(admin, 'POST', `/api/users/${await userId('resetme')}/reset-password`, {});
    expect(reset.statusCode).toBe(200);
    const { password: oneTime } = reset.json() as { password: string };
    expect(oneTime).toMatch(/^[A-Za-z0-9]{16}$/);
    expect((await call(before, 'GET', '/api/me')).statusCode).toBe(401);
    expect((await login('resetme', PASSWORD, '10.9.0.2')).statusCode).toBe(401);
    const first = await login('resetme', oneTime, '10.9.0.2');
    expect(first.statusCode).toBe(200);
    expect(first.json().user.mustChangePassword).toBe(true);
    const temp: Client = {
      cookie: String(first.headers['set-cookie']).split(';')[0]!,
      csrf: first.json().csrfToken,
    };
    const blocked = await call(temp, 'GET', '/api/evaluations');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error).toContain('请先修改密码');
    expect(
      (
        await call(temp, 'POST', '/api/me/password', {
          currentPassword: oneTime,
          newPassword: 'my-own-passphrase',
        })
      ).statusCode,
    ).toBe(200);
    const me = await call(temp, 'GET', '/api/me');
    expect(me.json().user.mustChangePassword).toBe(false);
    expect((await call(temp, 'GET', '/api/evaluations')).statusCode).toBe(200);
  });

  it('disables an account: its sessions end, and signing in is refused in Chinese', async () => {
    const admin = await signIn('admin');
    const session = await signIn('leaver');
    const id = await userId('leaver');
    expect((await call(admin, 'PUT', `/api/users/${id}`, { disabled: true })).statusCode).toBe(200);
    expect((await call(session, 'GET', '/api/me')).statusCode).toBe(401);
    const refused = await login('leaver', PASSWORD, '10.9.0.3');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toContain('该账号已停用');
    // A wrong password says nothing about the account being disabled.
    expect((await login('leaver', 'wrong-password-here', '10.9.0.3')).json().error).toBe(
      '用户名或密码不正确',
    );
    expect((await call(admin, 'PUT', `/api/users/${id}`, { disabled: false })).statusCode).toBe(200);
    expect((await login('leaver', PASSWORD, '10.9.0.3')).statusCode).toBe(200);
    const self = await call(admin, 'PUT', `/api/users/${await userId('admin')}`, { disabled: true });
    expect(self.statusCode).toBe(409);
    expect(self.json().error).toContain('不能停用自己的账号');
  });

  it('keeps an audit log of sign-ins, failures, account changes and publications for the admin', async () => {
    const admin = await signIn('admin', PASSWORD, '10.9.0.4');
    await login('admin', 'typo-in-password', '10.9.0.5');
    expect(
      (await call(admin, 'PUT', `/api/users/${await userId('victim')}`, { role: 'reviewer', region: 'R1' }))
        .statusCode,
    ).toBe(200);
    const stored = await createEvaluation(t.db, {
      departmentId: department,
      evaluation: newEvaluation({ id: 'p', title: '公开的项目自评表', kind: 'project', year: 2024 }),
      author: { name: 'setup' },
    });
    await t.db.query("update evaluations set status = 'accepted' where id = $1", [stored.id]);
    const reviewer = await signIn('reviewer');
    expect((await call(reviewer, 'POST', `/api/evaluations/${stored.id}/publish`, {})).statusCode).toBe(200);
    const log = (await call(admin, 'GET', '/api/audit?limit=500')).json() as Array<{
      kind: string;
      event: string;
      actor: string;
      address: string;
      subject: string;
      detail: string;
    }>;
    const has = (kind: string, pred: (e: (typeof log)[number]) => boolean = () => true) =>
      log.some((e) => e.kind === kind && pred(e));
    expect(has('login', (e) => e.subject === 'admin' && e.address === '10.9.0.4')).toBe(true);
    expect(
      has('login-failed', (e) => e.subject === 'admin' && e.address === '10.9.0.5' && e.event === '登录失败'),
    ).toBe(true);
    expect(has('role-change', (e) => e.subject === 'victim' && e.detail === '填报人 → 财政审核人')).toBe(
      true,
    );
    expect(has('password-change', (e) => e.subject === 'changer')).toBe(true);
    expect(has('password-reset', (e) => e.subject === 'resetme' && e.actor === '管理员')).toBe(true);
    expect(has('user-disable', (e) => e.subject === 'leaver')).toBe(true);
    expect(has('user-create', (e) => e.subject === 'newcomer')).toBe(true);
    expect(has('publish', (e) => e.actor === '审核人' && e.detail.includes('公开的项目自评表'))).toBe(true);
    const onlyFailures = (await call(admin, 'GET', '/api/audit?kind=login-failed')).json() as typeof log;
    expect(onlyFailures.length).toBeGreaterThan(0);
    expect(onlyFailures.every((e) => e.kind === 'login-failed')).toBe(true);
    expect((await call(admin, 'GET', '/api/audit?kind=nonsense')).statusCode).toBe(400);
  });

  it('records each step of the review in the audit log: 提交, 退回 with its comment, 审核通过', async () => {
    await createUser(t.db, {
      username: 'author',
      displayName: '填报人乙',
      role: 'filler',
      departmentId: department,
      password: PASSWORD,
    });
    // A project table of a real file (seed 003): a blank form would be refused for its blanks, not explained.
    const seed = join(
      resolve(dirname(fileURLToPath(import.meta.url)), '../../../../..'),
      'examples/seeds/003_cbcf39354c9835b0.txt',
    );
    const read = await readDocumentFile(seed);
    const evaluation = { ...read.evaluations[1]!, title: '复核留痕的项目自评表' };
    const stored = await createEvaluation(t.db, {
      departmentId: department,
      evaluation,
      author: { name: 'setup' },
    });
    // Submitting needs each error explained; the errors are the ones the server's own audit finds.
    const errors = assess(await loadBuiltinRegistry(), evaluation).findings.filter(
      (f) => f.severity === 'error',
    );
    const explanations = Object.fromEntries(errors.map((f) => [findingKey(f), '已核实，系原表如此']));
    const author = await signIn('author');
    const reviewer = await signIn('reviewer');
    const step = async (c: Client, action: string, payload: object) => {
      const r = await call(c, 'POST', `/api/evaluations/${stored.id}/${action}`, payload);
      expect(r.statusCode, r.body).toBe(200);
    };
    await step(author, 'submit', { explanations });
    await step(reviewer, 'return', { comment: '绩效目标未量化，请补充' });
    await step(author, 'submit', { explanations });
    await step(reviewer, 'accept', { sameAsSelf: true });
    const admin = await signIn('admin', PASSWORD, '10.9.1.3');
    const log = (await call(admin, 'GET', '/api/audit?limit=500')).json() as Array<{
      kind: string;
      event: string;
      actor: string;
      address: string;
      subject: string;
      detail: string;
    }>;
    const steps = log
      .filter((e) => e.subject === `自评 ${stored.id}`)
      .reverse()
      .map((e) => [e.event, e.actor, e.address, e.detail]);
    expect(steps).toEqual([
      ['提交自评', '填报人乙', '127.0.0.1', '提交自评「复核留痕的项目自评表 · 案件代理」'],
      [
        '退回自评',
        '审核人',
        '127.0.0.1',
        '退回自评「复核留痕的项目自评表 · 案件代理」：绩效目标未量化，请补充',
      ],
      ['提交自评', '填报人乙', '127.0.0.1', '提交自评「复核留痕的项目自评表 · 案件代理」'],
      ['审核通过', '审核人', '127.0.0.1', '审核通过「复核留痕的项目自评表 · 案件代理」'],
    ]);
    const returns = (await call(admin, 'GET', '/api/audit?kind=return')).json() as typeof log;
    expect(returns.map((e) => e.subject)).toEqual([`自评 ${stored.id}`]);
  });
});
