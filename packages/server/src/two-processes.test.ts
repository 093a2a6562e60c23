// Several app processes, one database (issue 10 §3): two real server processes (the start command,
// main.ts) against one PostgreSQL schema serve the same answers; a session made in one works — and ends —
// in the other; the login throttle counts the misses made at both; a framework version uploaded through
// one scores the other's next read at once. Started together on an empty database, they import the
// samples once. And the embedded database refuses a second process on its folder, in Chinese.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Evaluation } from '@jixiao/core';
import { loadBuiltinRegistry, readDocumentFile } from '@jixiao/formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from './auth/users.ts';
import { FREE_FAILURES } from './auth/rate-limit.ts';
import { SERVER_URL, serverForTest, type TestDatabase } from './db/test-databases.ts';
import { assess } from './http/assess.ts';
import { createEvaluation, ensureDepartment } from './store/evaluations.ts';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const SEEDS = join(REPO, 'examples/seeds');
const PASSWORD = 'correct-horse-42';
/** Seed 001's 部门整体 framework (as in routes/frameworks.test.ts). */
const FW = 'zhengzhou-shangjie-department-2021';

interface Running {
  base: string;
  process: ChildProcess;
  stdout: string;
  stop(): Promise<void>;
}

/**
 * Starts the real start command in its own process; resolves once it listens (its port, from its start
 * line), rejects with its stderr when it exits first.
 */
function startServer(env: Record<string, string>): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'packages/server/src/main.ts')], {
    cwd: REPO,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', JIXIAO_WORKERS: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8');
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (d: string) => (stderr += d));
  const exited = new Promise<void>((f) => child.once('exit', () => f()));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: string) => {
      stdout += d;
      const port = /jixiao 服务已启动：http:\/\/localhost:(\d+)/.exec(stdout)?.[1];
      if (port)
        resolve({
          base: `http://127.0.0.1:${port}`,
          process: child,
          get stdout() {
            return stdout;
          },
          async stop() {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
            await exited;
          },
        });
    });
    child.once('exit', (code) => reject(Object.assign(new Error(stderr), { code })));
  });
}

async function login(base: string, username: string, password = PASSWORD) {
  const r = await fetch(`${base}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = (await r.json()) as { csrfToken?: string; error?: string };
  return {
    status: r.status,
    retryAfter: r.headers.get('retry-after'),
    error: body.error,
    cookie: (r.headers.get('set-cookie') ?? '').split(';')[0]!,
    csrf: body.csrfToken ?? '',
  };
}

describe('two app processes on one PostgreSQL database', () => {
  let t: TestDatabase;
  let a: Running;
  let b: Running;
  let draftId = 0;

  beforeAll(async () => {
    t = await serverForTest();
    const schema = (await t.db.query<{ s: string }>('select current_schema() as s')).rows[0]!.s;
    const dept = await ensureDepartment(t.db, '司法局', '安居区');
    await createUser(t.db, { username: 'admin', displayName: '管理员', role: 'admin', password: PASSWORD });
    for (const username of ['filler', 'victim'])
      await createUser(t.db, {
        username,
        displayName: '填报人',
        role: 'filler',
        departmentId: dept,
        password: PASSWORD,
      });
    // Both at once, on a database without evaluations: each would import the samples.
    const url = `${SERVER_URL}${SERVER_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    [a, b] = await Promise.all([startServer({ DATABASE_URL: url }), startServer({ DATABASE_URL: url })]);
    // A draft of seed 001 under FW, for the framework upload below.
    const files = await loadBuiltinRegistry();
    let evaluation: Evaluation | undefined;
    for (const f of readdirSync(SEEDS).filter((x) => x.endsWith('.txt')))
      for (const e of (await readDocumentFile(join(SEEDS, f))).evaluations)
        if (assess(files, e).score.frameworkId === FW) evaluation ??= e;
    draftId = (
      await createEvaluation(t.db, { departmentId: dept, evaluation: evaluation!, author: { name: 'setup' } })
    ).id;
  }, 180_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await t?.drop();
  }, 60_000);

  it('imports the samples once when both start together on an empty database', async () => {
    const said = [a, b].map((p) => /已导入 (\d+) 份示例自评/.exec(p.stdout)?.[1]);
    expect(said.filter(Boolean)).toHaveLength(1);
    const n = await t.db.query<{ n: number }>(
      "select count(*)::int as n from evaluations where source_file is not null and source_file <> ''",
    );
    expect(n.rows[0]!.n).toBe(Number(said.find(Boolean)));
  });

  it('serves the same answers from both', async () => {
    const filler = await login(a.base, 'filler');
    for (const [url, cookie] of [
      ['/api/health', ''],
      ['/api/frameworks', ''],
      ['/api/public/reports', ''],
      ['/api/evaluations', filler.cookie],
      [`/api/evaluations/${draftId}`, filler.cookie],
    ] as const) {
      const get = async (p: Running) => {
        const r = await fetch(`${p.base}${url}`, { headers: cookie ? { cookie } : {} });
        return { status: r.status, body: await r.text() };
      };
      const fromA = await get(a);
      const fromB = await get(b);
      expect(fromA.status, url).toBe(200);
      expect(fromB, url).toEqual(fromA);
    }
  });

  it('takes a session made in one in the other, and ends it in both', async () => {
    const s = await login(a.base, 'filler');
    expect(s.status).toBe(200);
    const me = await fetch(`${b.base}/api/me`, { headers: { cookie: s.cookie } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { username: string } }).user.username).toBe('filler');
    const out = await fetch(`${b.base}/api/logout`, {
      method: 'POST',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
    });
    expect(out.status).toBe(200);
    const after = await fetch(`${a.base}/api/me`, { headers: { cookie: s.cookie } });
    expect(after.status).toBe(401);
  });

  it('counts the failed logins made at both processes together', async () => {
    // One more miss than is free, alternating between the two: each alone has seen at most three.
    for (let k = 0; k <= FREE_FAILURES; k++)
      expect((await login(k % 2 ? b.base : a.base, 'victim', `wrong-${k}`)).status).toBe(401);
    for (const p of [a, b]) {
      const r = await login(p.base, 'victim');
      expect(r.status).toBe(429);
      expect(Number(r.retryAfter)).toBeGreaterThan(0);
      expect(r.error).toMatch(/^这个账号在此地址的登录失败次数过多，请 \d+ 秒后再试/);
    }
  });

  it('scores with a framework version uploaded through the other process at once', async () => {
    const files = await loadBuiltinRegistry();
    const next = { ...JSON.parse(JSON.stringify(files.get(FW))), version: '2099.1' } as object;
    const filler = await login(b.base, 'filler');
    const before = await fetch(`${b.base}/api/evaluations/${draftId}`, {
      headers: { cookie: filler.cookie },
    });
    expect(((await before.json()) as { score: { frameworkVersion: string } }).score.frameworkVersion).toBe(
      files.get(FW)!.version,
    );
    const admin = await login(a.base, 'admin');
    const up = await fetch(`${a.base}/api/frameworks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-csrf-token': admin.csrf },
      body: JSON.stringify(next),
    });
    expect(up.status, await up.clone().text()).toBe(200);
    // The very next read at the other process: a draft is new work, scored with the current version.
    const draft = await fetch(`${b.base}/api/evaluations/${draftId}`, { headers: { cookie: filler.cookie } });
    expect(((await draft.json()) as { score: { frameworkVersion: string } }).score.frameworkVersion).toBe(
      '2099.1',
    );
  });
});

describe('two app processes on one embedded data folder', () => {
  const root = mkdtempSync(join(tmpdir(), 'jixiao-two-'));
  const dir = join(root, 'data');
  const noSamples = mkdtempSync(join(root, 'samples-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }), 60_000);

  it('refuses the second with a Chinese message naming the folder, and the first keeps serving', async () => {
    const env = { DATABASE_URL: '', JIXIAO_DATA_DIR: dir, JIXIAO_SAMPLES_DIR: noSamples };
    const first = await startServer(env);
    try {
      const second = await startServer(env).then(
        () => null,
        (e: Error & { code: number }) => e,
      );
      expect(second?.code).toBe(1);
      expect(second?.message).toContain(
        `jixiao 无法启动：内嵌数据库文件夹 ${dir} 正被另一个 jixiao 进程（进程号 ${first.process.pid}）使用`,
      );
      expect(second?.message).not.toMatch(/at .*\.ts:\d+/);
      expect((await fetch(`${first.base}/api/health`)).status).toBe(200);
    } finally {
      await first.stop();
    }
    // Once the first has stopped, the folder is free again.
    const again = await startServer(env);
    expect((await fetch(`${again.base}/api/health`)).status).toBe(200);
    await again.stop();
  }, 180_000);
});
