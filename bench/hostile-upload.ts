// Hostile uploads (issue 14): while one client uploads the files that stalled the server — 360 KB of text
// without punctuation, 9.6 MB of prose, seed 003 ×200 (≈17 MB), a 12.8 MB xlsx of 49,000 rows × 40 columns
// (alone and four at once), a truncated xlsx, a zip-bomb docx — another reads /api/health and GET
// /api/evaluations. Prints the p95 of those reads with the baseline p95 measured without uploads in the same
// run, their ratio, the peak RSS of the server process and of its job processes (work/pool.ts: each upload
// is read in a child process with its own heap limit), and each upload's status, time and Chinese answer.
//
// The server runs in a child process (this file with --serve), so its RSS is its own and the clients' work
// never delays its answers. The fixtures are generated at run time into a temporary folder, never committed.
// Embedded database always; the PostgreSQL server as well when DATABASE_URL is set. Bounded: each upload
// is given up after UPLOAD_SECONDS (default 150), the baseline lasts BASELINE_SECONDS (default 8).
//
//   npm run bench:hostile                     # embedded
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:hostile   # both
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import pg from 'pg';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..');
const SEEDS = join(ROOT, 'examples', 'seeds');
const PASSWORD = 'bench-password-1';
const MB = 1024 * 1024;

// ——— the server, in its own process ———

async function serve(backend: string): Promise<void> {
  const { loadBuiltinRegistry } = await import('@jixiao/formats');
  const { createUser } = await import('../packages/server/src/auth/users.ts');
  const { openDatabase } = await import('../packages/server/src/db/open.ts');
  const { buildApp } = await import('../packages/server/src/http/app.ts');
  const { importSamples } = await import('../packages/server/src/store/samples.ts');
  // A fresh database: a folder for the embedded one, a schema of its own on the server (dropped after).
  const folder = mkdtempSync(join(tmpdir(), 'jixiao-hostile-db-'));
  const schema = `jixiao_hostile_${process.pid}`;
  const url = process.env.DATABASE_URL ?? '';
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(sql);
    await c.end();
  };
  if (backend === 'server') await admin(`create schema ${schema}`);
  const db =
    backend === 'server'
      ? await openDatabase({ databaseUrl: url, schema })
      : await openDatabase({ dataDir: folder, databaseUrl: '' });
  const t = {
    db,
    async drop() {
      await db.close();
      if (backend === 'server') {
        await admin(`drop schema ${schema} cascade`);
        // The recomputation jobs' queue lives beside it (jobs/recompute.ts).
        await admin(`drop schema if exists ${schema}_jobs cascade`);
      }
      rmSync(folder, { recursive: true, force: true });
    },
  };
  const registry = await loadBuiltinRegistry();
  await importSamples(t.db, SEEDS, registry);
  const dept = await t.db.query<{ id: number }>('select department_id as id from evaluations limit 1');
  await createUser(t.db, {
    username: 'uploader',
    displayName: '上传人',
    role: 'filler',
    departmentId: dept.rows[0]!.id,
    password: PASSWORD,
  });
  const app = await buildApp(t.db, registry, { webDist: '/nonexistent' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(
    `${JSON.stringify({ port, location: t.db.location, threads: app.workPool.threads, queue: app.workPool.queue })}\n`,
  );
  process.once('SIGTERM', () => {
    void (async () => {
      const pool = app.workPool;
      process.stdout.write(`${JSON.stringify({ replaced: pool.replaced, cancelled: pool.cancelled })}\n`);
      await app.close();
      await t.drop();
      process.exit(0);
    })();
  });
}

// ——— fixtures ———

interface Fixture {
  label: string;
  fileName: string;
  bytes: Buffer;
}

/** A zip of `parts`, deflated, with honest sizes and CRCs (what Word writes). */
function zip(parts: Array<[string, Buffer]>): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of parts) {
    const packed = deflateRawSync(data, { level: 9 });
    const nameBytes = Buffer.from(name);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(8, 8); // deflate
    header.writeUInt32LE(crc32(data), 14);
    header.writeUInt32LE(packed.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(nameBytes.length, 26);
    local.push(header, nameBytes, packed);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc32(data), 16);
    entry.writeUInt32LE(packed.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, nameBytes);
    offset += header.length + nameBytes.length + packed.length;
  }
  const size = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, ...central, end]);
}

/** 49,000 rows × 40 columns of figures, written with exceljs's streaming writer (≈12.8 MB). */
async function bigXlsx(file: string): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: createWriteStream(file),
    useSharedStrings: false,
  });
  const ws = wb.addWorksheet('绩效指标');
  ws.addRow(['序号', '项目名称', ...Array.from({ length: 38 }, (_, k) => `指标${k + 1}`)]).commit();
  let x = 12345;
  const next = () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x;
  };
  for (let r = 1; r <= 49_000; r++) {
    const row: Array<string | number> = [r, `项目${r}`];
    for (let c = 0; c < 38; c++) row.push((next() % 1_000_000) / 100);
    ws.addRow(row).commit();
  }
  ws.commit();
  await wb.commit();
}

async function fixtures(dir: string): Promise<Fixture[]> {
  const seed003 = readFileSync(join(SEEDS, '003_cbcf39354c9835b0.txt'));
  const unit = '部门预算绩效目标完成情况良好资金使用规范';
  const noPunctuation = Buffer.from(unit.repeat(Math.ceil((360 * 1024) / Buffer.byteLength(unit)))).subarray(
    0,
    360 * 1024 - ((360 * 1024) % 3),
  );
  // Prose full of figures and no table: every sentence is a statement to hold against nothing.
  const sentences: string[] = [];
  let size = 0;
  for (let k = 0; size < 9.6 * MB; k++) {
    const s = `第${k}项工作本年预算${(k % 997) + 10}.${k % 100}万元，实际支出${(k % 991) + 5}.${k % 89}万元，执行率${(k % 100) + 0.5}%，完成值${k % 1000}个。\n`;
    sentences.push(s);
    size += Buffer.byteLength(s);
  }
  const xlsxFile = join(dir, 'big.xlsx');
  await bigXlsx(xlsxFile);
  const xlsx = readFileSync(xlsxFile);
  // A docx whose text is 200 MB of one character packed into a few hundred KB.
  const bomb = zip([
    [
      '[Content_Types].xml',
      Buffer.from(
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      ),
    ],
    ['word/document.xml', Buffer.alloc(200 * MB, 0x20)],
  ]);
  return [
    { label: '360 KB 无标点文本', fileName: '无标点.txt', bytes: noPunctuation },
    {
      label: `${(size / MB).toFixed(1)} MB 数字密集的正文`,
      fileName: '长正文.txt',
      bytes: Buffer.from(sentences.join('')),
    },
    {
      label: `种子 003 ×200（${((seed003.length * 200) / MB).toFixed(1)} MB）`,
      fileName: '003×200.txt',
      bytes: Buffer.concat(Array.from({ length: 200 }, () => seed003)),
    },
    {
      label: `${(xlsx.length / MB).toFixed(1)} MB xlsx，49,000 行 × 40 列`,
      fileName: '大表.xlsx',
      bytes: xlsx,
    },
    { label: '截断的 xlsx', fileName: '截断.xlsx', bytes: xlsx.subarray(0, Math.floor(xlsx.length / 2)) },
    {
      label: `zip 炸弹 docx（${(bomb.length / 1024).toFixed(0)} KB → 200 MB）`,
      fileName: '炸弹.docx',
      bytes: bomb,
    },
  ];
}

// ——— clients ———

function p95(xs: number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]!;
}

/** Peak and current RSS of a process, from /proc (Linux). */
function rssOf(pid: number): { rss: number; peak: number } {
  let status = '';
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return { rss: 0, peak: 0 }; // the process is gone (crashed): reported by its exit
  }
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** The job processes of the server (its children), from /proc (Linux). */
function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

interface Reads {
  health: number[];
  list: number[];
  failures: number;
}

/** Reads health and the list one after another until `stop`, each timed. */
async function read(base: string, cookie: string, stop: () => boolean): Promise<Reads> {
  const out: Reads = { health: [], list: [], failures: 0 };
  const one = async (url: string, into: number[], headers: Record<string, string> = {}) => {
    const t0 = performance.now();
    try {
      const r = await fetch(url, { headers, signal: AbortSignal.timeout(30_000) });
      await r.arrayBuffer();
      if (r.status !== 200) out.failures++;
    } catch {
      out.failures++;
    }
    into.push(performance.now() - t0);
  };
  const loop = async (url: string, into: number[], headers?: Record<string, string>) => {
    while (!stop()) {
      await one(url, into, headers);
      await new Promise((f) => setTimeout(f, 25));
    }
  };
  await Promise.all([
    loop(`${base}/api/health`, out.health),
    loop(`${base}/api/evaluations`, out.list, { cookie }),
  ]);
  return out;
}

async function start(
  backend: string,
): Promise<{ child: ChildProcess; base: string; info: Record<string, unknown> }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--serve', backend],
    {
      cwd: ROOT,
      env: process.env,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  child.once('exit', (code, signal) => {
    if (code !== 0)
      console.log(`!! 服务进程已退出（退出码 ${code}，信号 ${signal}）：之后的上传和读取都没有回答`);
  });
  const line = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`服务进程退出（${code}）`)));
  });
  const info = JSON.parse(line) as { port: number };
  return { child, base: `http://127.0.0.1:${info.port}`, info };
}

async function run(backend: string, files: Fixture[]): Promise<void> {
  const { child, base, info } = await start(backend);
  const login = await fetch(`${base}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'uploader', password: PASSWORD }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const idle = rssOf(child.pid!);
  console.log(
    `\n== ${backend === 'server' ? '服务器' : '内嵌'}数据库（${String(info.location)}），任务进程 ${String(info.threads)} 个，排队 ${String(info.queue)}；空闲时 RSS ${idle.rss.toFixed(0)} MB`,
  );

  // Baseline: the same reads, nothing uploading.
  const baselineMs = Number(process.env.BASELINE_SECONDS ?? 8) * 1000;
  const until = performance.now() + baselineMs;
  const baseline = await read(base, cookie, () => performance.now() > until);

  // The bodies are built before the attack, so building them never delays the readers.
  const body = (f: Fixture) =>
    Buffer.from(JSON.stringify({ fileName: f.fileName, contentBase64: f.bytes.toString('base64') }));
  const bodies = files.map(body);
  const uploadLimit = Number(process.env.UPLOAD_SECONDS ?? 150) * 1000;
  const upload = async (label: string, payload: Buffer) => {
    const t0 = performance.now();
    try {
      const r = await fetch(`${base}/api/import`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
        body: payload,
        signal: AbortSignal.timeout(uploadLimit),
      });
      const text = await r.text();
      let answer = '';
      if (r.status === 200) {
        const preview = JSON.parse(text) as { evaluations: unknown[]; issues: unknown[] };
        answer = `读出 ${preview.evaluations.length} 张表，${preview.issues.length} 条提示`;
      } else answer = (JSON.parse(text) as { error: string }).error;
      const retry = r.headers.get('retry-after');
      return {
        label,
        status: String(r.status),
        seconds: (performance.now() - t0) / 1000,
        answer: retry ? `${answer}（Retry-After: ${retry}）` : answer,
      };
    } catch (error) {
      return {
        label,
        status: '无回答',
        seconds: (performance.now() - t0) / 1000,
        answer: (error as Error).message,
      };
    }
  };

  let uploading = true;
  let peakRss = idle.rss;
  /** Each job process's peak RSS (they come and go: one ended at its memory limit is replaced). */
  const jobPeaks = new Map<number, number>();
  let peakTotal = idle.rss;
  const sampler = setInterval(() => {
    const own = rssOf(child.pid!).rss;
    peakRss = Math.max(peakRss, own);
    let total = own;
    for (const pid of childrenOf(child.pid!)) {
      const { rss, peak } = rssOf(pid);
      jobPeaks.set(pid, Math.max(jobPeaks.get(pid) ?? 0, peak));
      total += rss;
    }
    peakTotal = Math.max(peakTotal, total);
  }, 100);
  const readers = read(base, cookie, () => !uploading);
  const started = performance.now();
  const results: Array<Awaited<ReturnType<typeof upload>>> = [];
  for (const [k, f] of files.entries()) results.push(await upload(f.label, bodies[k]!));
  // Four of the large xlsx at once: the pool runs what it can, the queue holds a few, the rest are refused.
  const xlsx = files.findIndex((f) => f.fileName === '大表.xlsx');
  if (xlsx >= 0)
    results.push(
      ...(await Promise.all(
        [1, 2, 3, 4].map((n) => upload(`${files[xlsx]!.label}，同时第 ${n} 份`, bodies[xlsx]!)),
      )),
    );
  uploading = false;
  const attack = await readers;
  clearInterval(sampler);
  const peak = Math.max(peakRss, rssOf(child.pid!).peak);
  const seconds = (performance.now() - started) / 1000;

  const line = (label: string, base: number, during: number) =>
    console.log(
      `${label.padEnd(28)} 无上传 p95 ${base.toFixed(1).padStart(7)} ms   上传中 p95 ${during.toFixed(1).padStart(7)} ms   比值 ${(during / base).toFixed(2)}`,
    );
  line('GET /api/health', p95(baseline.health), p95(attack.health));
  line('GET /api/evaluations', p95(baseline.list), p95(attack.list));
  console.log(
    `上传期间 ${seconds.toFixed(0)} 秒，读取 ${attack.health.length + attack.list.length} 次（失败 ${attack.failures} 次；无上传时 ${baseline.health.length + baseline.list.length} 次，失败 ${baseline.failures} 次）；最长一次读取 ${Math.max(...attack.health, ...attack.list).toFixed(0)} ms`,
  );
  console.log(`服务进程峰值 RSS ${peak.toFixed(0)} MB（空闲 ${idle.rss.toFixed(0)} MB）`);
  const jobs = [...jobPeaks.values()];
  console.log(
    `任务进程 ${jobs.length} 个先后运行，单个峰值 RSS 最高 ${Math.max(0, ...jobs).toFixed(0)} MB；服务与任务进程同一时刻合计峰值 ${peakTotal.toFixed(0)} MB`,
  );
  for (const r of results)
    console.log(
      `  ${r.status.padEnd(4)} ${r.seconds.toFixed(1).padStart(6)} 秒  ${r.label}：${r.answer.slice(0, 160)}`,
    );

  if (child.exitCode === null) {
    const counts = new Promise<string>((resolve) =>
      createInterface({ input: child.stdout! }).once('line', resolve),
    );
    child.kill('SIGTERM');
    const { replaced, cancelled } = JSON.parse(await counts) as { replaced: number; cancelled: number };
    console.log(
      `任务进程因时限、内存上限或取消而结束并被替换 ${replaced} 次（客户端断开取消 ${cancelled} 次）`,
    );
    await new Promise((f) => child.once('exit', f));
  }
}

if (process.argv.includes('--serve')) {
  await serve(process.argv[process.argv.indexOf('--serve') + 1] ?? 'embedded');
} else {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-hostile-'));
  try {
    const t0 = performance.now();
    // ONLY=a,b: just the fixtures whose file names contain one of these (to look at one at a time).
    const only = process.env.ONLY?.split(',');
    const files = (await fixtures(dir)).filter((f) => !only || only.some((o) => f.fileName.includes(o)));
    console.log(`生成测试文件 ${((performance.now() - t0) / 1000).toFixed(1)} 秒（${dir}）：`);
    for (const f of files) console.log(`  ${f.label}：${(f.bytes.length / MB).toFixed(2)} MB`);
    writeFileSync(join(dir, 'README'), '由 bench/hostile-upload.ts 生成，运行结束即删除\n');
    // ONLY_SERVER=1: the server database alone.
    if (!process.env.ONLY_SERVER) await run('embedded', files);
    if (process.env.DATABASE_URL) await run('server', files);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
