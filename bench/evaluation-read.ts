// One evaluation's page (GET /api/evaluations/:id): the work its score, findings and file context cost now
// (the stored result and the file read, storedContext) against the baseline of what they cost before
// results were stored (the evaluation audited with its whole file on every read, assessStored), measured in
// the same run; and the whole page through Fastify's inject, for scale. On the embedded database and the
// PostgreSQL server (DATABASE_URL, default 127.0.0.1:5432/test). Sequential, ROUNDS each.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadBuiltinRegistry } from '@jixiao/formats';
import { createUser } from '../packages/server/src/auth/users.ts';
import type { Database } from '../packages/server/src/db/database.ts';
import { openDatabase } from '../packages/server/src/db/open.ts';
import { buildApp } from '../packages/server/src/http/app.ts';
import { assessStored, storedContext } from '../packages/server/src/http/assess.ts';
import { getEvaluation } from '../packages/server/src/store/evaluations.ts';
import { resultsOf } from '../packages/server/src/store/results.ts';
import { importSamples } from '../packages/server/src/store/samples.ts';

const seeds = join(dirname(fileURLToPath(import.meta.url)), '..', 'examples', 'seeds');
const rounds = Number(process.env.ROUNDS ?? 300);
const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function run(name: string, db: Database) {
  const registry = await loadBuiltinRegistry();
  await importSamples(db, seeds, registry);
  const app = await buildApp(db, registry, { webDist: '/nonexistent' });
  await createUser(db, {
    username: 'bench',
    displayName: '压测',
    role: 'admin',
    password: 'bench-password-1',
  });
  const login = await app.inject({
    method: 'POST',
    url: '/api/login',
    payload: { username: 'bench', password: 'bench-password-1' },
  });
  const cookie = String(login.headers['set-cookie']).split(';')[0]!;
  // The evaluation with the most siblings: the read the old path paid most for.
  const id = (
    await db.query<{ id: number }>(
      `select e.id from evaluations e
        order by (select count(*) from evaluations m where m.document_id = e.document_id) desc, e.id limit 1`,
    )
  ).rows[0]!.id;
  // Warm both paths (and store the result) before timing.
  await app.inject({ method: 'GET', url: `/api/evaluations/${id}`, headers: { cookie } });
  await assessStored(db, registry, await getEvaluation(db, id));

  const latencies = async (fn: () => Promise<unknown>) => {
    const out: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const t = performance.now();
      await fn();
      out.push(performance.now() - t);
    }
    return out.sort((a, b) => a - b);
  };
  const baseline = await latencies(async () => assessStored(db, registry, await getEvaluation(db, id)));
  const stored = await latencies(async () => {
    const s = await getEvaluation(db, id);
    await resultsOf(db, registry, [s], 'exact');
    await storedContext(db, registry, s);
  });
  const page = await latencies(async () => {
    const r = await app.inject({ method: 'GET', url: `/api/evaluations/${id}`, headers: { cookie } });
    if (r.statusCode !== 200) throw new Error(`GET /api/evaluations/${id}: ${r.statusCode}`);
  });
  const p = (xs: number[], q: number) => xs[Math.min(xs.length - 1, Math.floor(xs.length * q))]!.toFixed(1);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  console.log(
    `${name.padEnd(8)} 得分、发现与文件：每次重新审核整个文件（原做法）p50 ${p(baseline, 0.5)} ms p95 ${p(baseline, 0.95)} ms，` +
      `读取保存的结果 p50 ${p(stored, 0.5)} ms p95 ${p(stored, 0.95)} ms，快 ${(mean(baseline) / mean(stored)).toFixed(1)} 倍；` +
      `整页（含会话、复核、标记与序列化）p50 ${p(page, 0.5)} ms p95 ${p(page, 0.95)} ms`,
  );
  await app.close();
}

const dir = mkdtempSync(join(tmpdir(), 'jixiao-bench-'));
const embedded = await openDatabase({ dataDir: dir, databaseUrl: '' });
try {
  await run('内嵌', embedded);
} finally {
  await embedded.close();
  rmSync(dir, { recursive: true, force: true });
}

const schema = `jixiao_bench_${process.pid}`;
const admin = async (sql: string) => {
  const c = new pg.Client({ connectionString: SERVER_URL });
  await c.connect();
  await c.query(sql);
  await c.end();
};
await admin(`create schema ${schema}`);
const server = await openDatabase({ databaseUrl: SERVER_URL, schema });
try {
  await run('服务器', server);
} finally {
  await server.close();
  await admin(`drop schema ${schema} cascade; drop schema if exists ${schema}_jobs cascade`);
}
