// 重新计分作业: after a framework version is uploaded, the pg-boss jobs recompute each affected stored result;
// until they do, every 汇总表 row names the version that scored it; a restart mid-way resumes — on both databases.
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENGINE_VERSION, newEvaluation, type Evaluation } from '@jixiao/core';
import { loadBuiltinRegistry, readDocumentFile } from '@jixiao/formats';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../auth/users.ts';
import { freshDatabaseFor } from '../db/fresh-database.ts';
import { BACKENDS } from '../db/test-databases.ts';
import { buildApp } from '../http/app.ts';
import { assess } from '../http/assess.ts';
import { createEvaluation, ensureDepartment } from '../store/evaluations.ts';
import { setStatus } from '../store/listing.ts';
import type { RecomputeOptions, RecomputeProgress } from './recompute.ts';

const seeds = join(resolve(dirname(fileURLToPath(import.meta.url)), '../../../..'), 'examples/seeds');
const PASSWORD = 'correct-horse-42';
/** Seed 001's 部门整体 framework: its 99.11 grades 优 as shipped. */
const FW = 'zhengzhou-shangjie-department-2021';
const NEW_VERSION = '2099.1';
const DRAFTS = 4;

interface Row {
  type: string;
  id?: number;
  computedGrade?: string | null;
  scoredBy?: { frameworkId: string; frameworkVersion: string; engineVersion: string; current: boolean };
}

describe.each(BACKENDS)('recomputation jobs on the %s database', (_name, open) => {
  const t = freshDatabaseFor(open);
  let app: FastifyInstance | undefined;
  let auth = { cookie: '', csrf: '' };
  let shipped = '';
  const drafts: number[] = [];
  let frozen = 0;
  let other = 0;
  let definition: Record<string, unknown>;

  async function start(recompute: RecomputeOptions = {}) {
    await app?.close();
    app = await buildApp(t.db, await loadBuiltinRegistry(), { recompute });
    const r = await app.inject({
      method: 'POST',
      url: '/api/login',
      payload: { username: 'admin', password: PASSWORD },
    });
    expect(r.statusCode).toBe(200);
    auth = { cookie: String(r.headers['set-cookie']).split(';')[0]!, csrf: r.json().csrfToken };
    return app;
  }

  function call(method: 'GET' | 'POST', url: string, payload?: object) {
    return app!.inject({
      method,
      url,
      headers: { cookie: auth.cookie, 'x-csrf-token': auth.csrf },
      ...(payload ? { payload } : {}),
    });
  }

  const progress = async () => (await call('GET', '/api/admin/recompute')).json() as RecomputeProgress;

  async function finished(): Promise<RecomputeProgress> {
    for (let i = 0; i < 300; i++) {
      const p = await progress();
      if (p.runningSince === null) return p;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error('重新计分 60 秒内未完成');
  }

  async function summaryRows(): Promise<Map<number, Row>> {
    const r = await call('GET', '/api/summary');
    expect(r.statusCode).toBe(200);
    const lines = r.json().lines as Row[];
    return new Map(lines.filter((l) => l.type === 'evaluation').map((l) => [l.id!, l]));
  }

  beforeAll(async () => {
    const files = await loadBuiltinRegistry();
    shipped = files.get(FW)!.version;
    const stricter = JSON.parse(JSON.stringify(files.get(FW))) as {
      version: string;
      grades: { bands: Array<{ label: string; min: number }> };
    };
    // The same rules with new bands: 优 only from 99.99, so seed 001's 优 becomes 差.
    stricter.version = NEW_VERSION;
    stricter.grades.bands = stricter.grades.bands.map((b) => ({
      ...b,
      min: { 优: 99.99, 良: 99.98, 中: 99.97, 差: 0 }[b.label] ?? b.min,
    }));
    definition = stricter as unknown as Record<string, unknown>;
    let evaluation: Evaluation | undefined;
    for (const f of readdirSync(seeds).filter((x) => x.endsWith('.txt'))) {
      for (const e of (await readDocumentFile(join(seeds, f))).evaluations) {
        const { score } = assess(files, e);
        if (score.frameworkId === FW && score.computedGrade && score.computedGrade !== '差') evaluation ??= e;
      }
    }
    expect(evaluation).toBeDefined();
    const dept = await ensureDepartment(t.db, '司法局', '安居区');
    await createUser(t.db, { username: 'admin', displayName: '管理员', role: 'admin', password: PASSWORD });
    const author = { name: '张三' };
    for (let i = 0; i < DRAFTS; i++)
      drafts.push((await createEvaluation(t.db, { departmentId: dept, evaluation: evaluation!, author })).id);
    // Submitted under the shipped version: frozen, so a new version does not touch it.
    frozen = (await createEvaluation(t.db, { departmentId: dept, evaluation: evaluation!, author })).id;
    await setStatus(t.db, frozen, ['draft'], 'submitted', author, '', {
      expectedVersion: 1,
      frameworkId: FW,
      frameworkVersion: shipped,
    });
    // Under another framework: not affected.
    other = (
      await createEvaluation(t.db, {
        departmentId: dept,
        evaluation: newEvaluation({
          id: 'x',
          title: '部门预算项目支出绩效自评表',
          kind: 'project',
          projectName: '法律援助',
          year: evaluation!.year,
        }),
        author,
      })
    ).id;
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it('at start queues the results not yet stored and stores each under the current version', async () => {
    await start();
    const first = await finished();
    expect(first).toMatchObject({ total: DRAFTS + 2, done: DRAFTS + 2, failed: 0, runningSince: null });
    expect(first.lastFinishedAt).not.toBeNull();
    const rows = await summaryRows();
    for (const id of [...drafts, frozen]) {
      expect(rows.get(id)!.scoredBy).toMatchObject({
        frameworkId: FW,
        frameworkVersion: shipped,
        current: true,
      });
      expect(rows.get(id)!.computedGrade).not.toBe('差');
    }
    expect(rows.get(other)!.scoredBy!.current).toBe(true);
    // Only the admin sees the progress.
    expect((await app!.inject({ method: 'GET', url: '/api/admin/recompute' })).statusCode).toBe(401);
  });

  it('after an upload, a restart mid-way serves each row under the version that scored it, then resumes', async () => {
    // One evaluation per job, and the process stops itself after the first job of the upload's run.
    let stopAfterFirst = false;
    const running = await start({
      idsPerJob: 1,
      onBatch: () => {
        if (!stopAfterFirst) return;
        stopAfterFirst = false;
        void running.recompute.stop();
      },
    });
    stopAfterFirst = true;
    const uploaded = await call('POST', '/api/frameworks', definition);
    expect(uploaded.statusCode, uploaded.body).toBe(200);
    const queued = await progress();
    // The drafts under the framework, not the frozen submission nor the other framework's evaluation.
    expect(queued).toMatchObject({ total: DRAFTS, failed: 0 });
    expect(queued.runningSince).not.toBeNull();
    for (let i = 0; i < 100 && stopAfterFirst; i++) await new Promise((r) => setTimeout(r, 100));
    expect(stopAfterFirst).toBe(false);

    // Restarted without a worker: the run is still going, one of four done, nothing queued twice.
    await start({ work: false });
    expect(await progress()).toMatchObject({ total: DRAFTS, done: 1, failed: 0 });
    const half = await summaryRows();
    const scored = drafts.map((id) => half.get(id)!.scoredBy!);
    expect(scored.filter((s) => s.frameworkVersion === NEW_VERSION && s.current)).toHaveLength(1);
    expect(scored.filter((s) => s.frameworkVersion === shipped && !s.current)).toHaveLength(DRAFTS - 1);
    // One evaluation's page is never behind: it is scored under the new version at once.
    const waiting = drafts.find((id) => half.get(id)!.scoredBy!.frameworkVersion === shipped)!;
    const page = (await call('GET', `/api/evaluations/${waiting}`)).json();
    expect(page.score.frameworkVersion).toBe(NEW_VERSION);
    expect(page.scoredBy).toMatchObject({ frameworkVersion: NEW_VERSION, current: true });

    // Restarted with a worker: the jobs left over are picked up and finished.
    await start();
    // Counted once each: the job cut short by the stop and retried is not counted twice.
    expect(await finished()).toMatchObject({ total: DRAFTS, done: DRAFTS, failed: 0, runningSince: null });
    const rows = await summaryRows();
    for (const id of drafts) {
      expect(rows.get(id)!.scoredBy).toMatchObject({ frameworkVersion: NEW_VERSION, current: true });
      expect(rows.get(id)!.computedGrade).toBe('差');
    }
    expect(rows.get(frozen)!.scoredBy).toMatchObject({ frameworkVersion: shipped, current: true });
    expect(rows.get(frozen)!.computedGrade).not.toBe('差');
    // The list carries the same stored figures.
    const list = (await call('GET', '/api/evaluations')).json() as Array<{
      id: number;
      computedGrade: string | null;
      scoredBy: { frameworkVersion: string };
    }>;
    for (const id of drafts)
      expect(list.find((x) => x.id === id)).toMatchObject({
        computedGrade: '差',
        scoredBy: { frameworkVersion: NEW_VERSION },
      });
  }, 120_000);

  it('a new engine version: at start every stored result is queued and recomputed, frozen ones too', async () => {
    await app?.close();
    app = undefined;
    // As if the results had been stored by the engine before this one.
    await t.db.query(`update evaluation_results set engine_version = 'older-engine'`);
    await start();
    const done = await finished();
    expect(done).toMatchObject({ total: DRAFTS + 2, done: DRAFTS + 2, failed: 0 });
    const rows = await summaryRows();
    for (const id of [...drafts, frozen, other])
      expect(rows.get(id)!.scoredBy).toMatchObject({ engineVersion: ENGINE_VERSION, current: true });
    // Recomputed, not moved: the frozen submission stays under its version.
    expect(rows.get(frozen)!.scoredBy!.frameworkVersion).toBe(shipped);
    expect(rows.get(drafts[0]!)!.scoredBy!.frameworkVersion).toBe(NEW_VERSION);
  }, 120_000);

  it('a run whose jobs are gone is closed at start, its evaluations counted failed and queued again', async () => {
    let stopAfterFirst = false;
    const running = await start({
      idsPerJob: 1,
      onBatch: () => {
        if (!stopAfterFirst) return;
        stopAfterFirst = false;
        void running.recompute.stop();
      },
    });
    stopAfterFirst = true;
    const next = await call('POST', '/api/frameworks', { ...definition, version: '2099.2' });
    expect(next.statusCode, next.body).toBe(200);
    for (let i = 0; i < 100 && stopAfterFirst; i++) await new Promise((r) => setTimeout(r, 100));
    await app?.close();
    app = undefined;
    // The queue's jobs lost (as if each had failed for good): only the run's own records remain.
    const schema = (await t.db.query<{ s: string }>('select current_schema() as s')).rows[0]!.s;
    const jobs = schema === 'public' ? 'jixiao_jobs' : `${schema}_jobs`;
    await t.db.query(`delete from ${jobs}.job where name = 'recompute-results'`);

    await start();
    const orphaned = await t.db.query<{ done: number | string; failed: number | string }>(
      `select sum(b.done) as done, sum(b.failed) as failed from recompute_batches b
        where b.run_id = (select max(id) from recompute_runs where reason = 'framework')`,
    );
    expect(Number(orphaned.rows[0]!.done)).toBe(1);
    expect(Number(orphaned.rows[0]!.failed)).toBe(DRAFTS - 1);
    // Queued again at start, and done by the worker.
    expect(await finished()).toMatchObject({ total: DRAFTS - 1, done: DRAFTS - 1, failed: 0 });
    const rows = await summaryRows();
    for (const id of drafts)
      expect(rows.get(id)!.scoredBy).toMatchObject({ frameworkVersion: '2099.2', current: true });
  }, 120_000);
});
