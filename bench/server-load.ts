// Load benchmark: the main read and write endpoints of the API, on the embedded database and on the
// PostgreSQL server (DATABASE_URL, default 127.0.0.1:5432/test), from autocannon in this process against
// the app listening on 127.0.0.1. Prints requests per second and p95 latency. Bounded: DURATION seconds each.
import autocannon from 'autocannon';
import { loadBuiltinRegistry } from '@jixiao/formats';
import { createUser } from '../packages/server/src/auth/users.ts';
import {
  embeddedForTest,
  serverForTest,
  type TestDatabase,
} from '../packages/server/src/db/test-databases.ts';
import { buildApp } from '../packages/server/src/http/app.ts';
import { importSamples } from '../packages/server/src/store/samples.ts';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const seeds = join(dirname(fileURLToPath(import.meta.url)), '..', 'examples', 'seeds');
const duration = Number(process.env.DURATION ?? 5);
const connections = Number(process.env.CONNECTIONS ?? 10);

async function run(name: string, open: () => Promise<TestDatabase>) {
  const t = await open();
  const registry = await loadBuiltinRegistry();
  const app = await buildApp(t.db, registry, { webDist: '/nonexistent' });
  await importSamples(t.db, seeds);
  const dept = await t.db.query<{ id: number }>(
    'select department_id as id from evaluations order by id limit 1',
  );
  await createUser(t.db, {
    username: 'bench',
    displayName: '压测',
    role: 'filler',
    departmentId: dept.rows[0]!.id,
    password: 'bench-password-1',
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const login = await fetch(`${base}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench', password: 'bench-password-1' }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const list = (await (await fetch(`${base}/api/evaluations`, { headers: { cookie } })).json()) as Array<{
    id: number;
  }>;
  const id = list[0]!.id;
  const detail = (await (await fetch(`${base}/api/evaluations/${id}`, { headers: { cookie } })).json()) as {
    version: number;
    evaluation: unknown;
  };

  const cases: Array<[string, autocannon.Options]> = [
    ['GET /api/health', { url: `${base}/api/health` }],
    ['GET /api/evaluations', { url: `${base}/api/evaluations`, headers: { cookie } }],
    ['GET /api/evaluations/:id (score+audit)', { url: `${base}/api/evaluations/${id}`, headers: { cookie } }],
    [
      'PUT /api/evaluations/:id (save, stale version → 409)',
      {
        url: `${base}/api/evaluations/${id}`,
        method: 'PUT',
        headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
        // A save from the version everyone started from: the first wins, the rest are refused — the
        // optimistic-locking path every concurrent editor goes through.
        body: JSON.stringify({ version: detail.version, evaluation: detail.evaluation }),
      },
    ],
  ];
  console.log(`\n== ${name} 数据库（${t.db.location}），每项 ${duration} 秒，${connections} 个并发连接`);
  for (const [label, opts] of cases) {
    const r = await autocannon({ ...opts, duration, connections });
    // autocannon's histogram gives p90 and p97.5; p95 lies between them.
    const l = r.latency as unknown as Record<string, number>;
    console.log(
      `${label.padEnd(50)} ${r.requests.average.toFixed(0).padStart(6)} 请求/秒   p50 ${l.p50} ms   p90 ${l.p90} ms   p97.5 ${l.p97_5} ms   2xx ${r['2xx']}  非2xx ${r.non2xx}`,
    );
  }
  // Successful saves, one after another (each must name the version it read): exact p95.
  let version = (
    (await (await fetch(`${base}/api/evaluations/${id}`, { headers: { cookie } })).json()) as {
      version: number;
    }
  ).version;
  const times: number[] = [];
  const started = performance.now();
  const saves = Number(process.env.SAVES ?? 200);
  for (let k = 0; k < saves; k++) {
    const t0 = performance.now();
    const res = await fetch(`${base}/api/evaluations/${id}`, {
      method: 'PUT',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ version, evaluation: detail.evaluation }),
    });
    version = ((await res.json()) as { version: number }).version;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(
    `${'PUT /api/evaluations/:id (successful saves, serial)'.padEnd(50)} ${(saves / ((performance.now() - started) / 1000)).toFixed(0).padStart(6)} 请求/秒   p50 ${times[Math.floor(saves / 2)]!.toFixed(1)} ms   p95 ${times[Math.floor(saves * 0.95)]!.toFixed(1)} ms   (${saves} 次，每次一个新修订)`,
  );
  await app.close();
  await t.drop();
}

await run('内嵌 embedded', embeddedForTest);
await run('服务器 server', serverForTest);
console.log(`峰值内存（RSS）：${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
