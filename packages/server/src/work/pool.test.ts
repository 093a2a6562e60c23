// The server under heavy uploads, on both databases, over real HTTP: health answers while a large file is
// read and audited in a job process; a full queue refuses with 429 稍后重试 and Retry-After; a job over
// its time limit is stopped with a Chinese 422; a client that goes away cancels its job (its process is
// killed and replaced); a job over its memory limit, or whose process is killed, ends that process only —
// the server (this test's own process) keeps answering, says why in Chinese, and the next job runs.
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBuiltinRegistry } from '@jixiao/formats';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { createUser } from '../auth/users.ts';
import { BACKENDS, type TestDatabase } from '../db/test-databases.ts';
import { buildApp } from '../http/app.ts';
import type { PoolOptions } from './pool.ts';
import type { TestJob } from './test-jobs.worker.ts';
import { ensureDepartment } from '../store/evaluations.ts';

const PASSWORD = 'correct-horse-42';
const seed003 = readFileSync(
  join(
    resolve(dirname(fileURLToPath(import.meta.url)), '../../../..'),
    'examples/seeds/003_cbcf39354c9835b0.txt',
  ),
);
/** Generated, not committed: 1.8 MB of real tables (seed 003 twenty times, 120 evaluations to audit)… */
const manyTables = Buffer.concat(Array.from({ length: 20 }, () => seed003));
/** …and 360 KB of text without a single punctuation mark. */
const unit = '部门预算绩效目标完成情况良好资金使用规范';
const TEST_JOBS = new URL('./test-jobs.worker.ts', import.meta.url);
/** …and 360 KB of text without a single punctuation mark. */
const noPunctuation = Buffer.from(
  unit.repeat(Math.ceil((360 * 1024) / Buffer.byteLength(unit))).slice(0, 120 * 1024),
);

describe.each(BACKENDS)('heavy uploads on the %s database', (name, open) => {
  let t: TestDatabase;
  let app: FastifyInstance | undefined;
  let base = '';
  let login = { cookie: '', csrf: '' };

  beforeAll(async () => {
    t = await open();
    const dept = await ensureDepartment(t.db, '甲局', 'R1');
    await createUser(t.db, {
      username: 'filler',
      displayName: '填报人',
      role: 'filler',
      departmentId: dept,
      password: PASSWORD,
    });
  }, 60_000);

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  afterAll(async () => {
    await t?.drop();
  });

  async function start(pool: PoolOptions) {
    app = await buildApp(t.db, await loadBuiltinRegistry(), { pool });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const r = await fetch(`${base}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'filler', password: PASSWORD }),
    });
    login = {
      cookie: (r.headers.get('set-cookie') ?? '').split(';')[0]!,
      csrf: ((await r.json()) as { csrfToken: string }).csrfToken,
    };
  }

  function upload(bytes: Buffer, fileName: string, signal?: AbortSignal) {
    return fetch(`${base}/api/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: login.cookie, 'x-csrf-token': login.csrf },
      body: JSON.stringify({ fileName, contentBase64: bytes.toString('base64') }),
      ...(signal ? { signal } : {}),
    });
  }

  it('keeps answering health while large files are read and audited', async () => {
    await start({ threads: 1, queue: 4 });
    let done = false;
    const health: Array<{ status: number; duringUpload: boolean }> = [];
    const poll = (async () => {
      while (!done) {
        const r = await fetch(`${base}/api/health`);
        health.push({ status: r.status, duringUpload: !done });
        await new Promise((f) => setTimeout(f, 50));
      }
    })();
    const [tables, text] = await Promise.all([
      upload(manyTables, '003×20.txt'),
      upload(noPunctuation, '无标点.txt'),
    ]);
    done = true;
    await poll;
    // Each upload got its result or its Chinese reason.
    expect(tables.status).toBe(200);
    expect(((await tables.json()) as { evaluations: unknown[] }).evaluations).toHaveLength(120);
    expect([200, 422]).toContain(text.status);
    if (text.status === 422)
      expect(((await text.json()) as { error: string }).error).toMatch(/[\u4e00-\u9fff]/);
    // Health answered while the uploads were being worked on, every time with 200.
    expect(health.filter((h) => h.duringUpload).length).toBeGreaterThan(0);
    expect(health.every((h) => h.status === 200)).toBe(true);
  }, 120_000);

  it('refuses with 429 稍后重试 and Retry-After when every worker is busy and the queue is full', async () => {
    await start({ threads: 1, queue: 1 });
    const answers = await Promise.all([1, 2, 3].map((k) => upload(manyTables, `003×20-${k}.txt`)));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 429]);
    const refused = answers.find((r) => r.status === 429)!;
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { error: string }).error).toMatch(/服务器正忙.*请稍后重试/);
  }, 120_000);

  it('stops a job over its time limit with a Chinese 422 and replaces its process', async () => {
    await start({ threads: 1, queue: 2, timeoutMs: 200 });
    // Started beforehand, so the time runs out while the file is being read: its process is ended.
    await app!.workPool.warm();
    const slow = await upload(manyTables, '003×20.txt');
    expect(slow.status).toBe(422);
    expect(((await slow.json()) as { error: string }).error).toMatch(
      /^读取文件 003×20\.txt 超时（超过 0.2 秒）已停止，未保存/,
    );
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
    // Its process was ended and another started, ready for the next job (at 0.2 s only a tiny one would
    // fit on a busy machine; the memory and kill tests below run a real next upload).
    await expect.poll(() => app!.workPool.replaced, { timeout: 10_000 }).toBe(1);
    await app!.workPool.warm();
    expect(app!.workPool.pids).toHaveLength(1);
  }, 120_000);

  it('cancels the job of a client that goes away', async () => {
    await start({ threads: 1, queue: 2 });
    const gone = new AbortController();
    const pending = upload(manyTables, '003×20.txt', gone.signal).catch((e: Error) => e);
    // Gone while its job runs: the job process reading it is killed, and another started.
    await expect.poll(() => app!.workPool.running, { timeout: 30_000 }).toBe(1);
    const [reading] = app!.workPool.pids;
    gone.abort();
    expect(await pending).toBeInstanceOf(Error);
    await expect.poll(() => app!.workPool.cancelled, { timeout: 10_000 }).toBe(1);
    await expect.poll(() => app!.workPool.replaced, { timeout: 10_000 }).toBe(1);
    expect(app!.workPool.pids).not.toContain(reading);
    const small = await upload(seed003, '003.txt');
    expect(small.status).toBe(200);
  }, 120_000);

  // The faults below end a job process, whatever the database: once is enough.
  it.runIf(name === 'embedded')(
    'ends only the job process of a job over its memory limit: 422 超出内存上限, health answers, the next job runs',
    async () => {
      await start({ threads: 1, queue: 2, memoryMb: 256 });
      const pool = app!.workPool;
      let done = false;
      const health: number[] = [];
      const poll = (async () => {
        while (!done) {
          const started = performance.now();
          const r = await fetch(`${base}/api/health`);
          expect(r.status).toBe(200);
          health.push(performance.now() - started);
          await new Promise((f) => setTimeout(f, 50));
        }
      })();
      const task: TestJob = { kind: 'allocate' };
      const hog = await pool.run(task, { what: '测试任务 ', worker: TEST_JOBS, tooLarge: '，未保存' }).then(
        () => null,
        (e: { status?: number; message: string }) => e,
      );
      done = true;
      await poll;
      expect(hog?.status).toBe(422);
      expect(hog?.message).toBe('测试任务 超出内存上限（256 MB）已停止，未保存');
      expect(health.length).toBeGreaterThan(0);
      expect(pool.replaced).toBe(1);
      // The next job, a real upload, runs in the process that replaced it.
      const next = await upload(seed003, '003.txt');
      expect(next.status).toBe(200);
      expect(((await next.json()) as { evaluations: unknown[] }).evaluations.length).toBeGreaterThan(0);
    },
    120_000,
  );

  it.runIf(name === 'embedded')(
    'counts the time limit from the request: a job still waiting when it runs out is refused with 503',
    async () => {
      await start({ threads: 1, queue: 1, timeoutMs: 1500 });
      const pool = app!.workPool;
      await pool.warm();
      const sleep: TestJob = { kind: 'sleep', ms: 5000 };
      const outcome = (p: Promise<unknown>) =>
        p.then(
          () => null,
          (e: { status: number; message: string; retryAfter?: number }) => e,
        );
      const started = performance.now();
      const [running, waiting] = await Promise.all([
        outcome(pool.run(sleep, { what: '测试任务 ', worker: TEST_JOBS, tooLarge: '，未保存' })),
        outcome(pool.run(sleep, { what: '测试任务 ', worker: TEST_JOBS, tooLarge: '，未保存' })),
      ]);
      expect(performance.now() - started).toBeLessThan(4000);
      expect(running).toMatchObject({ status: 422, message: '测试任务 超时（超过 1.5 秒）已停止，未保存' });
      expect(waiting).toMatchObject({
        status: 503,
        message: '服务器正忙：测试任务 排队 1.5 秒仍未轮到，未进行，请稍后重试',
      });
      expect(waiting?.retryAfter).toBeGreaterThan(0);
    },
    60_000,
  );

  it.runIf(name === 'embedded')(
    'answers in Chinese when a job process is killed mid-job, and replaces it',
    async () => {
      await start({ threads: 1, queue: 2 });
      const pool = app!.workPool;
      const pending = upload(manyTables, '003×20.txt');
      await expect.poll(() => pool.running, { timeout: 30_000 }).toBe(1);
      const [killed] = pool.pids;
      process.kill(killed!, 'SIGKILL');
      const r = await pending;
      expect(r.status).toBe(500);
      expect(((await r.json()) as { error: string }).error).toBe(
        '读取文件 003×20.txt 未完成：处理它的任务进程意外停止，未保存；请重试，或联系管理员',
      );
      expect(pool.replaced).toBe(1);
      expect(pool.pids).toHaveLength(1);
      expect(pool.pids[0]).not.toBe(killed);
      const echo: TestJob = { kind: 'echo', value: { 金额: '12.30', bytes: new Uint8Array([1, 2, 3]) } };
      expect(await pool.run(echo, { what: '测试任务 ', worker: TEST_JOBS })).toEqual(echo.value);
      expect((await upload(seed003, '003.txt')).status).toBe(200);
    },
    120_000,
  );
});
