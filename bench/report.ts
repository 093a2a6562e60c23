// Benchmark: 自评报告 generation over the seeds — docx and pdf reports per second, beside a baseline
// measured in the same run that only builds the report's HTML string (content + charts + markup).
// The ratios mean more than the absolute figures on a noisy two-core machine.
// Run: npx tsx bench/report.ts   (ROUNDS=n for more rounds; chromium at /usr/bin/chromium)
import { performance } from 'node:perf_hooks';
import {
  closeReportBrowser,
  openReportBrowser,
  writeReportDocx,
  writeReportHtml,
  writeReportPdf,
} from '@jixiao/formats';
import { auditSeeds } from '../packages/formats/src/report/test-support.ts';

const rounds = Number(process.env.ROUNDS ?? 3);
const seeds = await auditSeeds();

async function measure(name: string, n: number, fn: () => Promise<number>): Promise<number> {
  await fn(); // warm-up: JIT, font loading, chromium's first page
  const start = performance.now();
  let bytes = 0;
  for (let k = 0; k < n; k++) bytes += await fn();
  const seconds = (performance.now() - start) / 1000;
  const perSecond = (n * seeds.length) / seconds;
  console.log(
    `${name.padEnd(12)} ${perSecond.toFixed(2).padStart(8)} 份/秒   每份 ${((seconds * 1000) / (n * seeds.length)).toFixed(1).padStart(7)} ms   平均 ${(bytes / (n * seeds.length) / 1024).toFixed(0)} KB   (${n} 轮 × ${seeds.length} 个种子)`,
  );
  return perSecond;
}

console.log(`jixiao 报告生成基准：${seeds.length} 个种子文件，${rounds} 轮（ROUNDS 可调）`);
const base = await measure('基线 HTML', rounds * 20, async () => {
  let n = 0;
  for (const { audit } of seeds) n += writeReportHtml(audit, { includeFindings: true }).length;
  return n;
});
await openReportBrowser();
try {
  const docx = await measure('DOCX', rounds, async () => {
    let n = 0;
    for (const { audit } of seeds) n += (await writeReportDocx(audit, { includeFindings: true })).length;
    return n;
  });
  const pdf = await measure('PDF', rounds, async () => {
    let n = 0;
    for (const { audit } of seeds) n += (await writeReportPdf(audit, { includeFindings: true })).length;
    return n;
  });
  console.log(`比值：DOCX 为基线的 1/${(base / docx).toFixed(0)}，PDF 为基线的 1/${(base / pdf).toFixed(0)}`);
} finally {
  await closeReportBrowser();
}
const peakMb = process.resourceUsage().maxRSS / 1024;
console.log(`峰值内存（RSS，Node 进程；chromium 为独立进程，不计入）：${peakMb.toFixed(0)} MB`);
