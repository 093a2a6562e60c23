// Recomputation benchmark: every stored result made out of date (as after an engine upgrade), then
// recomputed by the pg-boss jobs (jobs/recompute.ts), against the baseline of the same work done in one
// plain loop in this process (recomputeDue) in the same run — the ratio is what the queue costs. On the
// embedded database and the PostgreSQL server (DATABASE_URL, default 127.0.0.1:5432/test). The sample
// files are copied COPIES times (default 20), each copy its own file, so a file keeps its few tables.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBuiltinRegistry } from '@jixiao/formats';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import pg from 'pg';
import type { Database } from '../packages/server/src/db/database.ts';
import { openDatabase } from '../packages/server/src/db/open.ts';
import { RecomputeJobs } from '../packages/server/src/jobs/recompute.ts';
import { recomputeDue } from '../packages/server/src/store/results.ts';
import { importSamples } from '../packages/server/src/store/samples.ts';

const seeds = join(dirname(fileURLToPath(import.meta.url)), '..', 'examples', 'seeds');
const copies = Number(process.env.COPIES ?? 20);
const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

// Opened here rather than through db/test-databases.ts, which needs vitest's hooks.
interface TestDatabase {
  db: Database;
  drop(): Promise<void>;
}

async function embedded(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-bench-'));
  const db = await openDatabase({ dataDir: dir, databaseUrl: '' });
  return { db, drop: async () => (await db.close(), rmSync(dir, { recursive: true, force: true })) };
}

async function server(): Promise<TestDatabase> {
  const schema = `jixiao_bench_${process.pid}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: SERVER_URL });
    await c.connect();
    await c.query(sql);
    await c.end();
  };
  await admin(`create schema ${schema}`);
  const db = await openDatabase({ databaseUrl: SERVER_URL, schema });
  return {
    db,
    async drop() {
      await db.close();
      await admin(`drop schema ${schema} cascade; drop schema if exists ${schema}_jobs cascade`);
    },
  };
}

async function copySamples(t: TestDatabase) {
  const docs = await t.db.query<{ id: number }>('select id from documents order by id');
  for (let k = 0; k < copies; k++) {
    for (const { id } of docs.rows) {
      await t.db.query(
        `with d as (insert into documents (file, statements, claims)
                    select file, statements, claims from documents where id = $1 returning id)
         insert into evaluations (department_id, year, kind, title, status, framework_id, framework_version,
                                  data, version, source_file, document_id, submitted_version, submitted_at)
         select department_id, year, kind, title, status, framework_id, framework_version, data, version,
                source_file, (select id from d), submitted_version, submitted_at
           from evaluations where document_id = $1`,
        [id],
      );
    }
  }
}

const outdate = (t: TestDatabase) =>
  t.db.query(`update evaluation_results set engine_version = 'bench-older-engine'`);

async function run(name: string, open: () => Promise<TestDatabase>) {
  const t = await open();
  try {
    const registry = await loadBuiltinRegistry();
    await importSamples(t.db, seeds, registry);
    await copySamples(t);
    const n = Number(
      (await t.db.query<{ n: number | string }>('select count(*) as n from evaluations')).rows[0]!.n,
    );
    await recomputeDue(t.db, registry);

    await outdate(t);
    let start = performance.now();
    const loop = await recomputeDue(t.db, registry);
    const baseline = (performance.now() - start) / 1000;

    await outdate(t);
    const jobs = await RecomputeJobs.start(t.db, registry);
    start = performance.now();
    const queued = await jobs.queueDue('start');
    const queuedIn = (performance.now() - start) / 1000;
    for (;;) {
      const p = await jobs.progress();
      if (p.runningSince === null) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const withJobs = (performance.now() - start) / 1000;
    const p = await jobs.progress();
    await jobs.stop();
    console.log(
      `${name.padEnd(8)} ${n} 份自评：同进程循环 ${loop} 份 ${baseline.toFixed(2)} s（${(loop / baseline).toFixed(0)} 份/秒）；` +
        `pg-boss 作业 ${queued} 份 ${withJobs.toFixed(2)} s（${(queued / withJobs).toFixed(0)} 份/秒，其中排队 ${queuedIn.toFixed(2)} s），` +
        `完成 ${p.done}、失败 ${p.failed}；作业 ÷ 循环 = ${(withJobs / baseline).toFixed(2)}`,
    );
  } finally {
    await t.drop();
  }
}

await run('内嵌', embedded);
await run('服务器', server);
console.log(`峰值内存 ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
