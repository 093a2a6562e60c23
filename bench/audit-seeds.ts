// Benchmark: audit the seeds many times over and print documents per second and peak memory, beside a
// baseline measured in the same run that only reads the same files and splits them into lines and cells.
// The ratio of the two is what means something on a noisy two-core machine.
import { readFile } from 'node:fs/promises';
import { readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { auditDocument, scoreEvaluation } from '@jixiao/core';
import { loadBuiltinRegistry, readText } from '@jixiao/formats';

const here = dirname(fileURLToPath(import.meta.url));
const seedsDir = join(here, '..', 'examples', 'seeds');
const rounds = Number(process.env.ROUNDS ?? 200);

const files = readdirSync(seedsDir)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => join(seedsDir, f));
const texts = await Promise.all(files.map(async (f) => ({ file: f, text: await readFile(f, 'utf8') })));
const registry = await loadBuiltinRegistry();

function baseline(): number {
  let cells = 0;
  for (const { text } of texts) {
    for (const line of text.split(/\r?\n/)) cells += line.split(/\t| \| /).length;
  }
  return cells;
}

function full(): number {
  let findings = 0;
  for (const { file, text } of texts) {
    const doc = readText(text, file);
    const audit = auditDocument(doc, (e) => scoreEvaluation(e, registry));
    for (const r of audit.results) findings += r.findings.length;
  }
  return findings;
}

function measure(name: string, fn: () => number) {
  fn(); // warm-up: JIT and lazy initialisation are not what we measure
  const perDoc: number[] = [];
  const start = performance.now();
  let sink = 0;
  for (let k = 0; k < rounds; k++) {
    const t0 = performance.now();
    sink += fn();
    perDoc.push((performance.now() - t0) / texts.length);
  }
  const seconds = (performance.now() - start) / 1000;
  perDoc.sort((a, b) => a - b);
  const p95 = perDoc[Math.floor(perDoc.length * 0.95)] ?? 0;
  const docsPerSecond = (rounds * texts.length) / seconds;
  console.log(
    `${name.padEnd(10)} ${docsPerSecond.toFixed(0).padStart(8)} 文档/秒   每文档 p95 ${p95.toFixed(3)} ms   (${rounds} 轮 × ${texts.length} 个文件, 校验值 ${sink})`,
  );
  return docsPerSecond;
}

console.log(`jixiao 审核基准：${files.length} 个种子文件，${rounds} 轮（ROUNDS 可调）`);
const base = measure('基线', baseline);
const audit = measure('读取+计分+审核', full);
const peakMb = process.resourceUsage().maxRSS / 1024;
console.log(`比值：完整审核为基线（读入并切分行与单元格）的 1/${(base / audit).toFixed(1)}`);
console.log(`峰值内存（RSS）：${peakMb.toFixed(0)} MB`);
