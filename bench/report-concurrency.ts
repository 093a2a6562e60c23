// Benchmark: many PDF reports asked for at once. Prints wall time and the peak memory of this process
// together with every chromium it started (sum of PSS over the process tree, sampled every 100 ms):
//   - baseline: the same reports one after another on the shared browser, measured in the same run;
//   - shared: COUNT reports at once through the shared browser's page pool (what the server does);
//   - unpooled: UNPOOLED reports at once, each launching its own chromium (what the server did before).
// Run: npx tsx bench/report-concurrency.ts   (COUNT=20 PAGES=2 UNPOOLED=6; UNPOOLED=0 skips it)
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { DocumentAudit } from '@jixiao/core';
import { closeReportBrowser, openReportBrowser, writeReportPdf } from '@jixiao/formats';
import { auditSeeds } from '../packages/formats/src/report/test-support.ts';

const count = Number(process.env.COUNT ?? 20);
const pages = Number(process.env.PAGES ?? 2);
const unpooled = Number(process.env.UNPOOLED ?? 6);

/** Process ids of this process and all its descendants, from /proc. */
function tree(): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command may hold spaces and parentheses: the fields after the last ')' are fixed.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(name));
      children.set(ppid, list);
    } catch {
      // gone between readdir and read
    }
  }
  const out: number[] = [];
  const todo = [process.pid];
  while (todo.length) {
    const pid = todo.pop()!;
    out.push(pid);
    todo.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** Proportional set size in MB: shared pages (chromium's code, fonts) counted once across processes. */
function treeMemoryMb(): { mb: number; processes: number } {
  let kb = 0;
  const pids = tree();
  for (const pid of pids) {
    try {
      const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      kb += Number(m?.[1] ?? 0);
    } catch {
      // exited
    }
  }
  return { mb: kb / 1024, processes: pids.length };
}

async function measure(
  name: string,
  run: () => Promise<unknown>,
): Promise<{ seconds: number; peakMb: number; peakProcesses: number }> {
  let peakMb = 0;
  let peakProcesses = 0;
  const sample = () => {
    const m = treeMemoryMb();
    peakMb = Math.max(peakMb, m.mb);
    peakProcesses = Math.max(peakProcesses, m.processes);
  };
  sample();
  const timer = setInterval(sample, 100);
  const start = performance.now();
  try {
    await run();
  } finally {
    clearInterval(timer);
  }
  sample();
  const seconds = (performance.now() - start) / 1000;
  console.log(
    `${name.padEnd(28)} ${seconds.toFixed(1).padStart(6)} s   峰值内存 ${peakMb.toFixed(0).padStart(6)} MB   最多进程 ${peakProcesses}`,
  );
  return { seconds, peakMb, peakProcesses };
}

const seeds = await auditSeeds();
const reports: DocumentAudit[] = Array.from({ length: count }, (_, k) => seeds[k % seeds.length]!.audit);
console.log(
  `同时生成 PDF 报告：${count} 份（五个示例轮流），共享浏览器 ${pages} 个页面；未共享对照 ${unpooled} 份`,
);

await openReportBrowser({ pages });
let baseline: Awaited<ReturnType<typeof measure>>;
let shared: Awaited<ReturnType<typeof measure>>;
try {
  await writeReportPdf(reports[0]!); // chromium's first page and fonts, outside the figures
  baseline = await measure(`基线：${count} 份依次生成`, async () => {
    for (const r of reports) await writeReportPdf(r);
  });
  shared = await measure(`共享浏览器：${count} 份同时`, () =>
    Promise.all(reports.map((r) => writeReportPdf(r))),
  );
} finally {
  await closeReportBrowser();
}
console.log(
  `比值：同时生成的耗时为依次生成的 ${(shared.seconds / baseline.seconds).toFixed(2)} 倍，峰值内存为其 ${(shared.peakMb / baseline.peakMb).toFixed(2)} 倍`,
);
if (unpooled > 0) {
  const own = await measure(`各自启动浏览器：${unpooled} 份同时`, () =>
    Promise.all(reports.slice(0, unpooled).map((r) => writeReportPdf(r))),
  );
  console.log(
    `对照：不共享时 ${unpooled} 份的峰值内存为共享时 ${count} 份的 ${(own.peakMb / shared.peakMb).toFixed(2)} 倍（每份约 ${(own.peakMb / unpooled).toFixed(0)} MB）`,
  );
}
