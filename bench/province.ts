// Province benchmark (`npm run bench:province`): a province generated on the PostgreSQL server — ~2,000
// departments in ~100 regions, 40,000 project and 2,000 department evaluations and their indicators — in a
// fresh database of its own (dropped at the end); `--size small` (or PROVINCE_SIZE=small) makes a city of
// 2,100 on the embedded database instead. The evaluations are varied from the seeds (years, statuses,
// frameworks, 执行数, indicator counts, so findings vary): each variant is scored once by the real code, then
// copied in bulk (insert … select) with its stored result, as the recomputation would store it. The app runs
// in a child process (this file with --serve) so that the load generator does not share its event loop.
// Prints p50/p95 of 汇总表, 看板, the review queue and one evaluation read at 10 and 50 connections against
// the baseline /api/health of the same run, the time to recompute after a framework upload and after an
// engine upgrade (every result), and the server process's peak memory.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { D, totalBudgetLine, type Evaluation, type Stated } from '@jixiao/core';
import { loadBuiltinRegistry, readDocumentFile } from '@jixiao/formats';
import { createUser } from '../packages/server/src/auth/users.ts';
import type { Database } from '../packages/server/src/db/database.ts';
import { openDatabase } from '../packages/server/src/db/open.ts';
import { buildApp } from '../packages/server/src/http/app.ts';
import { createEvaluation, ensureDepartment } from '../packages/server/src/store/evaluations.ts';
import { BASIS, computeFile } from '../packages/server/src/store/results.ts';
import { RecomputeJobs } from '../packages/server/src/jobs/recompute.ts';

const here = fileURLToPath(import.meta.url);
const seeds = join(dirname(here), '..', 'examples', 'seeds');
const SERVER = process.env.PROVINCE_SERVER ?? 'postgres://postgres@127.0.0.1:5432';
const PASSWORD = 'province-bench-1';

// ---------------------------------------------------------------- the app, in its own process

if (process.argv[2] === '--serve' || process.argv[2] === '--work') {
  const target = process.argv[3]!;
  const db = target.startsWith('postgres')
    ? await openDatabase({ databaseUrl: target })
    : await openDatabase({ dataDir: target, databaseUrl: '' });
  const registry = await loadBuiltinRegistry();
  const stop = async (close: () => Promise<void>) => {
    await close();
    await db.close();
    process.send?.({ maxRss: process.resourceUsage().maxRSS * 1024 });
    process.exit(0);
  };
  if (process.argv[2] === '--work') {
    // A process that only works on the recomputation jobs (a province runs such beside the app).
    const jobs = await RecomputeJobs.start(db, registry, { work: true });
    process.on('message', () => void stop(() => jobs.stop()));
    process.send?.({ ready: true });
  } else {
    const app = await buildApp(db, registry, { webDist: '/nonexistent' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    process.on('message', () => void stop(() => app.close()));
    process.send?.({ port });
  }
  await new Promise(() => {});
}

// ---------------------------------------------------------------- sizes

const sizeArg = process.argv.includes('--size')
  ? process.argv[process.argv.indexOf('--size') + 1]
  : (process.env.PROVINCE_SIZE ?? 'province');
const SIZE =
  sizeArg === 'small'
    ? { name: '城市（内嵌数据库）', departments: 100, regions: 10, projects: 20, server: false }
    : { name: '全省（PostgreSQL 服务器）', departments: 2000, regions: 100, projects: 20, server: true };
const DURATION = Number(process.env.DURATION ?? 8);
// Every result recomputed after an engine upgrade: on by default for the small size; the province's takes
// minutes on 2 cores (FULL_RECOMPUTE=1), so it is off unless asked.
const FULL = (process.env.FULL_RECOMPUTE ?? (SIZE.server ? '0' : '1')) === '1';
const WORKERS = Number(process.env.WORKERS ?? (SIZE.server ? 2 : 1));

// ---------------------------------------------------------------- variants of the seeds

const half = (s: Stated | undefined): Stated | undefined => {
  if (!s?.value) return s;
  const v = new D(s.value).div(2);
  const decimals = Math.max(s.decimals, v.decimalPlaces());
  return { ...s, value: v.toFixed(), raw: v.toFixed(decimals), decimals };
};

function scaled(s: Stated | undefined, f: number): Stated | undefined {
  if (!s?.value || s.percent) return s;
  const v = new D(s.value).times(f).toDecimalPlaces(2);
  return { ...s, value: v.toFixed(), raw: v.toFixed(2), decimals: 2 };
}

/**
 * One variant of a seed table: another year, 执行数 scaled (a stated rate then left as it was for some,
 * which the audit flags), and for projects each indicator split in two halves of its weight and score
 * (the total holds; a province's projects carry ~10 indicators).
 */
function variant(e: Evaluation, k: number): Evaluation {
  const v = structuredClone(e);
  v.year = 2022 + (k % 3);
  const f = [1, 0.96, 0.85, 0.7][Math.floor(k / 3) % 4]!;
  const line = totalBudgetLine(v);
  if (line && f !== 1) {
    line.executed = scaled(line.executed, f);
    if (k % 2 && line.adjustedBudget?.value && line.executed?.value) {
      const rate = new D(line.executed.value).div(line.adjustedBudget.value).times(100).toDecimalPlaces(2);
      line.executionRate = { raw: `${rate.toFixed(2)}%`, value: rate.toFixed(), decimals: 2, percent: true };
    }
  }
  if (v.kind === 'project' && Math.floor(k / 12) % 3 !== 0) {
    v.indicators = v.indicators.flatMap((i) => [
      { ...i, weight: half(i.weight), statedScore: half(i.statedScore) },
      {
        ...i,
        id: `${i.id}-b`,
        name: `${i.name}（二）`,
        weight: half(i.weight),
        statedScore: half(i.statedScore),
      },
    ]);
  }
  return v;
}

// ---------------------------------------------------------------- generation

async function generate(db: Database): Promise<{ evaluations: number; indicators: number }> {
  const registry = await loadBuiltinRegistry();
  const templateDept = await ensureDepartment(db, '（基准模板）', '');
  const tables: Evaluation[] = [];
  for (const f of ['000', '001', '002', '003', '004']) {
    const file = (await import('node:fs')).readdirSync(seeds).find((x) => x.startsWith(f))!;
    tables.push(...(await readDocumentFile(join(seeds, file))).evaluations);
  }
  const projects = tables.filter((e) => e.kind !== 'department');
  const departments = tables.filter((e) => e.kind === 'department');
  const made = { project: [] as number[], department: [] as number[] };
  for (const [group, list] of [
    ['project', projects],
    ['department', departments],
  ] as const) {
    for (const [t, e] of list.entries()) {
      for (let k = 0; k < 36; k++) {
        const stored = await createEvaluation(db, {
          departmentId: templateDept,
          evaluation: variant(e, k + t),
          author: { name: '基准' },
          note: '基准模板',
        });
        await computeFile(db, registry, stored);
        made[group].push(stored.id);
      }
    }
  }
  // Departments in regions, then their evaluations: each department one 部门整体 and `projects` project
  // tables, each a copy of a scored variant, with a status of the review's path.
  await db.query(
    `insert into departments (name, region)
     select '第' || lpad(g::text, 4, '0') || '号部门', '第' || lpad((g % $2)::text, 3, '0') || '区'
       from generate_series(1, $1) g`,
    [SIZE.departments, SIZE.regions],
  );
  const statuses = [
    'draft',
    'submitted',
    'submitted',
    'submitted',
    'returned',
    'accepted',
    'accepted',
    'published',
  ];
  await db.query(
    `with slots as (
       select d.id as department_id, s as slot, row_number() over () as n
         from departments d cross join generate_series(0, $1) s where d.name like '第%号部门'),
     chosen as (
       select s.department_id, s.n,
              case when s.slot = 0 then ($2::int[])[1 + (s.n % cardinality($2::int[]))]
                   else ($3::int[])[1 + ((s.n * 7919) % cardinality($3::int[]))] end as template,
              ($4::text[])[1 + ((s.n * 104729) % cardinality($4::text[]))] as status
         from slots s)
     insert into evaluations (department_id, year, kind, title, status, framework_id, framework_version, data,
                              version, submitted_version, submitted_at, updated_by_name, source_file)
     select c.department_id, t.year, t.kind, t.title, c.status, r.framework_id,
            case when c.status in ('submitted', 'accepted', 'published') then r.framework_version end,
            t.data, 1, case when c.status in ('submitted', 'accepted', 'published') then 1 end,
            case when c.status in ('submitted', 'accepted', 'published') then now() end, '基准',
            'template:' || t.id
       from chosen c join evaluations t on t.id = c.template join evaluation_results r on r.evaluation_id = t.id`,
    [SIZE.projects, made.department, made.project, statuses],
  );
  // Each copy's result is its template's, with its own basis (its id, version, status, frozen framework).
  await db.query(
    `insert into evaluation_results (evaluation_id, basis, framework_id, framework_version, engine_version,
        stated_score, computed_score, total_incomplete, grade, computed_grade, initial_budget, adjusted_budget,
        executed, result, name, rate, rate_stated, basis_budget, basis_executed, basis_count, stated_sum,
        stated_count, errors, warnings, error_keys, warning_keys, projects)
     select e.id, '', r.framework_id, r.framework_version, r.engine_version, r.stated_score, r.computed_score,
            r.total_incomplete, r.grade, r.computed_grade, r.initial_budget, r.adjusted_budget, r.executed,
            r.result, r.name, r.rate, r.rate_stated, r.basis_budget, r.basis_executed, r.basis_count,
            r.stated_sum, r.stated_count, r.errors, r.warnings, r.error_keys, r.warning_keys, r.projects
       from evaluations e join evaluation_results r on 'template:' || r.evaluation_id = e.source_file
      where e.department_id <> $1`,
    [templateDept],
  );
  await db.query(`update evaluations set source_file = null where source_file like 'template:%'`);
  await db.query(
    `update evaluation_results r set basis = ${BASIS} from evaluations e where e.id = r.evaluation_id`,
  );
  // 复核得分 for what was reviewed.
  await db.query(
    `insert into reviews (evaluation_id, review_total, comment)
     select r.evaluation_id, greatest(0, r.stated_score - (r.evaluation_id % 5)), '基准复核'
       from evaluation_results r join evaluations e on e.id = r.evaluation_id
      where e.status in ('accepted', 'published') and r.stated_score is not null`,
  );
  await db.query('delete from evaluations where department_id = $1', [templateDept]);
  await db.query('delete from departments where id = $1', [templateDept]);
  await db.exec('vacuum analyze');
  const count = await db.query<{ n: number | string; i: number | string }>(
    `select count(*) as n, sum(jsonb_array_length(data->'indicators')) as i from evaluations`,
  );
  return { evaluations: Number(count.rows[0]!.n), indicators: Number(count.rows[0]!.i) };
}

// ---------------------------------------------------------------- the app's process and the load

interface Served {
  child: ChildProcess;
  base: string;
  /** Stops it; answers its peak RSS in bytes. */
  stop(): Promise<number>;
}

function spawnSelf(
  mode: '--serve' | '--work',
  target: string,
  env: Record<string, string> = {},
): Promise<Served> {
  const child = spawn(process.execPath, ['--import', 'tsx', here, mode, target], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, JIXIAO_RECOMPUTE_WORKER: '1', JIXIAO_RECOMPUTE_CONCURRENCY: '3', ...env },
  });
  let maxRss = 0;
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`基准服务进程退出（${code}）`)));
    child.on('message', (m: { port?: number; ready?: boolean; maxRss?: number }) => {
      if (m.maxRss) maxRss = m.maxRss;
      if (m.port || m.ready)
        resolve({
          child,
          base: `http://127.0.0.1:${m.port ?? 0}`,
          async stop() {
            child.send('stop');
            await exited;
            return maxRss;
          },
        });
    });
  });
}

async function login(base: string, username: string): Promise<string> {
  const r = await fetch(`${base}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (!r.ok) throw new Error(`登录 ${username} 失败：HTTP ${r.status}`);
  return (r.headers.get('set-cookie') ?? '').split(';')[0]!;
}

const pct = (xs: number[], q: number) => xs[Math.min(xs.length - 1, Math.floor(xs.length * q))] ?? NaN;

/** p50/p95 of one endpoint at `connections`, from every response's time (autocannon's own histogram has no p95). */
async function measure(url: string | string[], cookie: string, connections: number) {
  const times: number[] = [];
  const urls = Array.isArray(url) ? url : [url];
  let next = 0;
  const r = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: urls[0]!,
        // As a browser asks: it takes gzip (the aggregates are sent gzipped, made once per data version).
        headers: { cookie, 'accept-encoding': 'gzip, deflate, br' },
        connections,
        duration: DURATION,
        // One evaluation read: a different evaluation each request.
        requests: [
          {
            setupRequest: (req) => {
              const u = new URL(urls[next++ % urls.length]!);
              return { ...req, path: u.pathname + u.search };
            },
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
  times.sort((a, b) => a - b);
  return {
    p50: pct(times, 0.5),
    p95: pct(times, 0.95),
    rps: r.requests.average,
    non2xx: r.non2xx,
    n: times.length,
    // Not answered within autocannon's 10 s: left out of the percentiles, so printed beside them.
    timeouts: r.timeouts,
  };
}

async function waitForRecompute(
  base: string,
  cookie: string,
  since: number,
): Promise<{ seconds: number; total: number; done: number; failed: number }> {
  for (;;) {
    const p = (await (await fetch(`${base}/api/admin/recompute`, { headers: { cookie } })).json()) as {
      total: number;
      done: number;
      failed: number;
      runningSince: string | null;
      lastFinishedAt: string | null;
    };
    if (p.runningSince === null && p.lastFinishedAt && Date.parse(p.lastFinishedAt) >= since - 1000)
      return {
        seconds: (performance.now() - startedAt(since)) / 1000,
        total: p.total,
        done: p.done,
        failed: p.failed,
      };
    await new Promise((r) => setTimeout(r, 250));
  }
}
const marks = new Map<number, number>();
function mark(): number {
  const now = Date.now();
  marks.set(now, performance.now());
  return now;
}
const startedAt = (since: number) => marks.get(since)!;

/**
 * Waits until the requests autocannon left in flight are answered (the server works through them after the
 * duration ends): /api/health answers within 50 ms three times running, or 30 s have passed.
 */
async function drain(health: string) {
  const until = performance.now() + 30_000;
  let fast = 0;
  await new Promise((r) => setTimeout(r, 500));
  while (fast < 3 && performance.now() < until) {
    const t = performance.now();
    await (await fetch(health)).arrayBuffer();
    fast = performance.now() - t < 50 ? fast + 1 : 0;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function main() {
  const registry = await loadBuiltinRegistry();
  const dbName = `jixiao_province_${process.pid}`;
  const dir = SIZE.server ? '' : mkdtempSync(join(tmpdir(), 'jixiao-province-'));
  const target = SIZE.server ? `${SERVER}/${dbName}` : dir;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: `${SERVER}/postgres` });
    await c.connect();
    await c.query(sql);
    await c.end();
  };
  if (SIZE.server) await admin(`create database ${dbName}`);
  const open = () =>
    SIZE.server ? openDatabase({ databaseUrl: target }) : openDatabase({ dataDir: dir, databaseUrl: '' });
  const rss: number[] = [];
  try {
    let t0 = performance.now();
    let db = await open();
    const made = await generate(db);
    const region = '第001区';
    await createUser(db, { username: 'admin', displayName: '管理员', role: 'admin', password: PASSWORD });
    await createUser(db, {
      username: 'reviewer',
      displayName: '审核人',
      role: 'reviewer',
      region,
      password: PASSWORD,
    });
    const ids = (
      await db.query<{ id: number }>('select id from evaluations order by random() limit 500')
    ).rows.map((r) => r.id);
    const inRegion = Number(
      (
        await db.query<{ n: number | string }>(
          `select count(*) as n from evaluations e join departments d on d.id = e.department_id where d.region = $1`,
          [region],
        )
      ).rows[0]!.n,
    );
    // The framework with the most tables not frozen: its new version recomputes the most.
    const busiest = (
      await db.query<{ framework_id: string }>(
        `select r.framework_id from evaluation_results r join evaluations e on e.id = r.evaluation_id
          where e.status in ('draft', 'returned') group by r.framework_id order by count(*) desc limit 1`,
      )
    ).rows[0]!.framework_id;
    await db.close();
    console.log(
      `== ${SIZE.name}：${SIZE.departments} 个部门、${SIZE.regions} 个地区，${made.evaluations} 份自评、${made.indicators} 个指标，` +
        `生成并保存结果 ${((performance.now() - t0) / 1000).toFixed(1)} s（审核人所在地区 ${inRegion} 份）`,
    );

    // PROVINCE_GENERATE_ONLY=1 (with PROVINCE_KEEP=1): the database only, for a look at its queries.
    if (process.env.PROVINCE_GENERATE_ONLY === '1') return;
    let served = await spawnSelf('--serve', target);
    const adminCookie = await login(served.base, 'admin');
    const reviewerCookie = await login(served.base, 'reviewer');
    const b = served.base;
    const cases: Array<[string, string | string[], string]> = [
      ['GET /api/health（基线）', `${b}/api/health`, adminCookie],
      ['汇总表 GET /api/summary（管理员，最近年度第 1 页）', `${b}/api/summary`, adminCookie],
      ['汇总表 按复算得分排序（管理员）', `${b}/api/summary?sort=computed`, adminCookie],
      ['看板 GET /api/dashboard（管理员，全部年度）', `${b}/api/dashboard`, adminCookie],
      ['看板（审核人，本地区）', `${b}/api/dashboard`, reviewerCookie],
      ['审核队列 GET /api/evaluations（审核人，全部）', `${b}/api/evaluations`, reviewerCookie],
      [
        '审核队列 第 1 页（待审核，20 行，最早的在前）',
        `${b}/api/evaluations?status=submitted&page=1&pageSize=20&sort=updated`,
        reviewerCookie,
      ],
      [
        '单份自评 GET /api/evaluations/:id（随机）',
        ids.map((id) => `${b}/api/evaluations/${id}`),
        adminCookie,
      ],
    ];
    // Warm up once each (and check they answer).
    for (const [label, url, cookie] of cases) {
      const r = await fetch(Array.isArray(url) ? url[0]! : url, { headers: { cookie } });
      if (!r.ok) throw new Error(`${label}: HTTP ${r.status} ${await r.text()}`);
      await r.arrayBuffer();
    }
    const run = async (list: typeof cases, title: string, levels = [10, 50]) => {
      for (const connections of levels) {
        console.log(`\n-- ${title}：${connections} 个并发连接，每项 ${DURATION} 秒`);
        let baseline = NaN;
        for (const [label, url, cookie] of list) {
          const m = await measure(url, cookie, connections);
          await drain(list[0]![1] as string);
          if (Number.isNaN(baseline)) baseline = m.p95;
          console.log(
            `${label.padEnd(44)} p50 ${m.p50.toFixed(0).padStart(5)} ms  p95 ${m.p95.toFixed(0).padStart(5)} ms ` +
              `(${(m.p95 / Math.max(baseline, 1)).toFixed(1).padStart(6)} × 基线)  ${m.rps.toFixed(0).padStart(5)} 请求/秒  非2xx ${m.non2xx}  超时 ${m.timeouts}  共 ${m.n} 次`,
          );
        }
      }
    };
    await run(cases, '汇总结果按数据版本保留（默认）');
    rss.push(await served.stop());

    // The same aggregates computed on every request (JIXIAO_AGGREGATE_CACHE=0): what the first reader after
    // a change waits for — one reader alone, and ten at once.
    served = await spawnSelf('--serve', target, { JIXIAO_AGGREGATE_CACHE: '0' });
    {
      const a = await login(served.base, 'admin');
      const r = await login(served.base, 'reviewer');
      const s2 = served.base;
      await run(
        [
          ['GET /api/health（基线）', `${s2}/api/health`, a],
          ['汇总表（每次查询）', `${s2}/api/summary`, a],
          ['汇总表 按复算得分排序（每次查询）', `${s2}/api/summary?sort=computed`, a],
          ['看板 管理员全部年度（每次查询）', `${s2}/api/dashboard`, a],
          ['看板 审核人本地区（每次查询）', `${s2}/api/dashboard`, r],
        ],
        '不保留，每次请求都查询（变更后第一个读者等待的时间）',
        [1, 10],
      );
    }
    const b2 = served.base;

    // A framework version uploaded: the drafts and returned tables under it are recomputed by the jobs.
    const fwCookie = await login(b2, 'admin');
    const frameworkId = busiest;
    const definition = structuredClone(registry.get(frameworkId)) as unknown as Record<string, unknown>;
    definition.version = `${String(definition.version)}-bench`;
    const csrf = (await (await fetch(`${b2}/api/me`, { headers: { cookie: fwCookie } })).json()) as {
      csrfToken?: string;
    };
    const since = mark();
    const upload = await fetch(`${b2}/api/frameworks`, {
      method: 'POST',
      headers: {
        cookie: fwCookie,
        'content-type': 'application/json',
        'x-csrf-token': csrf.csrfToken ?? '',
      },
      body: JSON.stringify(definition),
    });
    if (!upload.ok) throw new Error(`上传评分框架：HTTP ${upload.status} ${await upload.text()}`);
    const fw = await waitForRecompute(b2, fwCookie, since);
    console.log(
      `\n上传评分框架 ${frameworkId} 新版本后重新计分：${fw.total} 份（该框架下未冻结的），${fw.seconds.toFixed(1)} s，` +
        `${(fw.total / fw.seconds).toFixed(0)} 份/秒，失败 ${fw.failed}`,
    );
    rss.push(await served.stop());

    if (FULL) {
      // An engine upgrade: every stored result out of date; the app queues them all at start.
      db = await open();
      await db.query(`update evaluation_results set engine_version = 'bench-older-engine'`);
      await db.close();
      t0 = performance.now();
      const since2 = mark();
      marks.set(since2, t0);
      served = await spawnSelf('--serve', target);
      const workers: Served[] = [];
      for (let k = 1; k < WORKERS; k++) workers.push(await spawnSelf('--work', target));
      const cookie = await login(served.base, 'admin');
      const all = await waitForRecompute(served.base, cookie, since2);
      console.log(
        `引擎升级后全部重新计分（${WORKERS} 个进程处理作业）：${all.total} 份，${all.seconds.toFixed(1)} s（含启动），` +
          `${(all.total / all.seconds).toFixed(0)} 份/秒，失败 ${all.failed}`,
      );
      for (const w of workers) rss.push(await w.stop());
      rss.push(await served.stop());
    }
    console.log(
      `峰值内存（RSS）：服务进程 ${rss.map(mb).join(' / ')}；本进程（生成数据与压测）${mb(process.resourceUsage().maxRSS * 1024)}`,
    );
  } finally {
    // PROVINCE_KEEP=1 leaves the database for a look with psql (drop it by hand).
    if (process.env.PROVINCE_KEEP === '1') console.log(`保留数据库 ${target}`);
    else if (SIZE.server) await admin(`drop database if exists ${dbName} with (force)`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

await main();
