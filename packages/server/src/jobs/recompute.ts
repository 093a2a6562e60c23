import PgBoss from 'pg-boss';
import { recomputeProgressSchema, type FrameworkRegistry, type RecomputeProgress } from '@jixiao/core';
import type { Database, Queryable } from '../db/database.ts';
import { frameworkVersion } from '../store/frameworks.ts';
import { dueForRecompute, recomputeMany } from '../store/results.ts';

/** The pg-boss queue of recomputation batches. */
export const RECOMPUTE_QUEUE = 'recompute-results';

/** Why a recomputation was queued: a framework version uploaded, or results found out of date at start. */
export type RecomputeReason = 'framework' | 'start';

/** 重新计分进度 — core's contract (GET /api/admin/recompute). */
export { recomputeProgressSchema as recomputeProgress, type RecomputeProgress } from '@jixiao/core';

interface BatchData {
  run: number;
  batch: number;
  ids: number[];
  /** The version whose upload queued it: loaded first, should this process not have it yet. */
  framework?: { id: string; version: string };
}

export interface RecomputeOptions {
  /** Run the worker in this process (default: unless JIXIAO_RECOMPUTE_WORKER=0); false only queues. */
  work?: boolean;
  /** Evaluations per job (default 50): a job is the unit a crash or a restart repeats. */
  /** Jobs worked at once in this process (default JIXIAO_RECOMPUTE_CONCURRENCY, else 1). */
  concurrency?: number;
  idsPerJob?: number;
  /** Told after each batch is recorded (tests stop the process mid-way with it). */
  onBatch?: (data: { run: number; batch: number }) => void | Promise<void>;
}

/** Any constant: two processes queueing at once on one server take turns, so no evaluation is queued twice. */
const QUEUE_LOCK = 7_154_303;

/**
 * pg-boss runs its SQL through the app's database: on a server the same pool, embedded the same PGlite (a
 * script of several statements — its migrations — goes through `exec`, which PGlite needs for them).
 */
function bossDb(db: Queryable): PgBoss.Db {
  return {
    executeSql: (text: string, values?: unknown[]) =>
      values?.length ? db.query(text, values) : db.exec(text),
  };
}

/**
 * The schema pg-boss keeps its tables in: beside the app's, `<schema>_jobs` (jixiao_jobs for the default
 * public schema), so that each database — each test schema too — has its own queue.
 */
async function jobSchema(db: Queryable): Promise<string> {
  const r = await db.query<{ schema: string }>('select current_schema() as schema');
  const schema = r.rows[0]?.schema ?? 'public';
  return schema === 'public' ? 'jixiao_jobs' : `${schema}_jobs`;
}

function iso(v: Date | string | null | undefined): string | null {
  return v === null || v === undefined ? null : new Date(v).toISOString();
}

/**
 * 重新计分作业: recomputation of stored results as pg-boss jobs on the app's own PostgreSQL — the server,
 * or the embedded PGlite through the same adapter. A run is the set of evaluations found out of date,
 * split into batches; each batch is one job, retried after a crash or a shutdown, and counted once in
 * recompute_batches when it completes. Any process against the database may work on the jobs.
 */
export class RecomputeJobs {
  private stopping = false;
  private stopped: Promise<void> | undefined;
  private workerIds: string[] = [];

  private constructor(
    private readonly db: Database,
    private readonly registry: FrameworkRegistry,
    private readonly boss: PgBoss,
    private readonly opts: RecomputeOptions,
  ) {}

  static async start(
    db: Database,
    registry: FrameworkRegistry,
    opts: RecomputeOptions = {},
  ): Promise<RecomputeJobs> {
    const boss = new PgBoss({
      db: bossDb(db),
      schema: await jobSchema(db),
      // No cron schedules here; pg-boss's maintenance (expiring the jobs of a process that died) stays on.
      schedule: false,
      retryLimit: 20,
      retryDelay: 2,
      expireInSeconds: 15 * 60,
    });
    const jobs = new RecomputeJobs(db, registry, boss, opts);
    boss.on('error', (error: Error) => {
      if (!jobs.stopping) process.stderr.write(`重新计分作业出错：${error.message}\n`);
    });
    await boss.start();
    if (!(await boss.getQueue(RECOMPUTE_QUEUE)))
      await boss.createQueue(RECOMPUTE_QUEUE, {
        name: RECOMPUTE_QUEUE,
        retryLimit: 20,
        retryDelay: 2,
        expireInSeconds: 15 * 60,
      });
    // JIXIAO_RECOMPUTE_WORKER=0: this process only queues (a province may keep the recomputation off the
    // processes that answer requests, and run it in one started for it).
    if (opts.work ?? process.env.JIXIAO_RECOMPUTE_WORKER !== '0') {
      // Several batches at once (JIXIAO_RECOMPUTE_CONCURRENCY, default 1): with 2 or 3, one batch is scored
      // while another waits for the database (bench:province: ~1.5× the batches per second at 3).
      const concurrency = Math.max(
        1,
        opts.concurrency ?? Number(process.env.JIXIAO_RECOMPUTE_CONCURRENCY ?? 1),
      );
      for (let k = 0; k < concurrency; k++) {
        const id = await boss.work<BatchData>(
          RECOMPUTE_QUEUE,
          { batchSize: 1, pollingIntervalSeconds: 1 },
          async ([job]) => {
            if (!job) return;
            await jobs.runBatch(job.data);
            // Fetch the next job at once rather than after the polling interval: while a run is going
            // the worker never idles; with none, it asks once a second.
            boss.notifyWorker(id);
          },
        );
        jobs.workerIds.push(id);
      }
    }
    return jobs;
  }

  /** One batch: each evaluation recomputed unless up to date; the batch's figures recorded once. */
  private async runBatch(data: BatchData): Promise<void> {
    if (data.framework)
      await frameworkVersion(this.db, this.registry, data.framework.id, data.framework.version);
    // Shutting down: the job fails and pg-boss retries it, in this process after a restart or in another.
    if (this.stopping) throw new Error('服务正在停止，这批重新计分稍后继续');
    const { done, failed } = await recomputeMany(this.db, this.registry, data.ids);
    for (const f of failed) process.stderr.write(`自评 ${f.id} 重新计分失败：${f.error.message}\n`);
    await this.record(data.run, data.batch, done, failed.length);
    await this.opts.onBatch?.({ run: data.run, batch: data.batch });
  }

  /** A batch's figures, once (a retried batch finds them there), and its run finished with its last batch. */
  private async record(run: number, batch: number, done: number, failed: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query(
        `update recompute_batches set done = $3, failed = $4, finished_at = now()
          where run_id = $1 and batch = $2 and done is null`,
        [run, batch, done, failed],
      );
      await tx.query(
        `update recompute_runs set finished_at = now()
          where id = $1 and finished_at is null
            and not exists (select 1 from recompute_batches where run_id = $1 and done is null)`,
        [run],
      );
    });
  }

  /**
   * Batches left without a job: a batch is recorded before its job completes, so one still open while the
   * queue holds no job waiting, retrying or running had its job fail for good (20 tries) or lost. Each is
   * recorded — what is up to date as done, the rest as failed — so that its run ends and queueDue queues
   * its evaluations again. Answers how many batches it closed.
   */
  async closeOrphans(): Promise<number> {
    const live = await this.boss.getQueueSize(RECOMPUTE_QUEUE, { before: 'completed' });
    if (live) return 0;
    const open = await this.db.query<{ run_id: number; batch: number; evaluation_ids: number[] }>(
      `select b.run_id, b.batch, b.evaluation_ids from recompute_batches b
         join recompute_runs r on r.id = b.run_id
        where r.finished_at is null and b.done is null`,
    );
    if (!open.rows.length) return 0;
    const due = new Set(await dueForRecompute(this.db, this.registry));
    for (const b of open.rows) {
      const failed = b.evaluation_ids.filter((id) => due.has(id)).length;
      await this.record(b.run_id, b.batch, b.evaluation_ids.length - failed, failed);
    }
    return open.rows.length;
  }

  /**
   * Queues every evaluation whose stored result no longer holds and that no run still going has queued.
   * Answers how many were queued (0: nothing to do).
   */
  async queueDue(reason: RecomputeReason, framework?: { id: string; version: string }): Promise<number> {
    const due = await dueForRecompute(this.db, this.registry);
    if (!due.length) return 0;
    const size = Math.max(1, this.opts.idsPerJob ?? 50);
    const queued = await this.db.transaction(async (tx) => {
      if (this.db.kind === 'server') await tx.query('select pg_advisory_xact_lock($1)', [QUEUE_LOCK]);
      const pending = await tx.query<{ id: number }>(
        `select unnest(b.evaluation_ids) as id from recompute_batches b
           join recompute_runs r on r.id = b.run_id
          where r.finished_at is null and b.done is null`,
      );
      const skip = new Set(pending.rows.map((r) => r.id));
      const ids = due.filter((id) => !skip.has(id));
      if (!ids.length) return 0;
      const run = await tx.query<{ id: number }>(
        'insert into recompute_runs (reason, total) values ($1, $2) returning id',
        [reason, ids.length],
      );
      const runId = run.rows[0]!.id;
      const jobs: PgBoss.JobInsert<BatchData>[] = [];
      for (let i = 0; i * size < ids.length; i++) {
        const batch = ids.slice(i * size, (i + 1) * size);
        await tx.query('insert into recompute_batches (run_id, batch, evaluation_ids) values ($1, $2, $3)', [
          runId,
          i,
          batch,
        ]);
        jobs.push({
          name: RECOMPUTE_QUEUE,
          data: { run: runId, batch: i, ids: batch, ...(framework ? { framework } : {}) },
        });
      }
      // In the same transaction: a run is never recorded without its jobs, nor jobs without their run.
      await this.boss.insert(jobs, { db: bossDb(tx) });
      return ids.length;
    });
    if (queued) for (const id of this.workerIds) this.boss.notifyWorker(id);
    return queued;
  }

  /** The admin's progress figures (see recomputeProgress). */
  async progress(): Promise<RecomputeProgress> {
    // The runs still going, else the last one.
    const r = await this.db.query<{
      total: number | string | null;
      done: number | string | null;
      failed: number | string | null;
      since: Date | string | null;
      last: Date | string | null;
    }>(
      `with shown as (
         select id, total, started_at, finished_at from recompute_runs where finished_at is null
         union all
         select * from (select id, total, started_at, finished_at from recompute_runs
                         where not exists (select 1 from recompute_runs where finished_at is null)
                         order by id desc limit 1) l)
       select (select sum(total) from shown) as total,
              (select min(started_at) from shown where finished_at is null) as since,
              (select coalesce(sum(b.done), 0) from recompute_batches b where b.run_id in (select id from shown)) as done,
              (select coalesce(sum(b.failed), 0) from recompute_batches b where b.run_id in (select id from shown)) as failed,
              (select max(finished_at) from recompute_runs) as last`,
    );
    const row = r.rows[0];
    return recomputeProgressSchema.parse({
      total: Number(row?.total ?? 0),
      done: Number(row?.done ?? 0),
      failed: Number(row?.failed ?? 0),
      runningSince: iso(row?.since),
      lastFinishedAt: iso(row?.last),
    });
  }

  /**
   * Stops taking jobs; a batch cut short fails and is retried by whichever process works next. Every call
   * waits for the same stop (pg-boss answers a second call at once, before it has stopped).
   */
  stop(): Promise<void> {
    this.stopping = true;
    this.stopped ??= this.boss.stop({ graceful: true, timeout: 10_000, close: false });
    return this.stopped;
  }
}
