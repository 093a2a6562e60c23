// Reading speed by document size: seed 003 repeated and number-dense prose (the hostile uploads of
// bench:hostile) at growing sizes, each against a baseline in the same run (splitting the text into
// lines and cells, the least any reader does). Linear reading keeps MB/s flat as the size grows.
//   npx tsx bench/read-speed.ts          sizes up to 2 MB (a minute on this machine)
//   npx tsx bench/read-speed.ts --full   also seed 003 ×200 (17 MB) and the 9.6 MB prose
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readDocumentBytes } from '@jixiao/formats';

const MB = 1024 * 1024;
const seed = readFileSync(join(import.meta.dirname, '..', 'examples', 'seeds', '003_cbcf39354c9835b0.txt'));

/** Prose full of figures and no table (as bench:hostile makes it), about `bytes` long. */
function prose(bytes: number): Buffer {
  const out: string[] = [];
  let size = 0;
  for (let k = 0; size < bytes; k++) {
    const s = `第${k}项工作本年预算${(k % 997) + 10}.${k % 100}万元，实际支出${(k % 991) + 5}.${k % 89}万元，执行率${(k % 100) + 0.5}%，完成值${k % 1000}个。\n`;
    out.push(s);
    size += Buffer.byteLength(s);
  }
  return Buffer.from(out.join(''));
}

function baseline(bytes: Buffer): number {
  const t0 = performance.now();
  const text = bytes.toString('utf8');
  let cells = 0;
  for (const line of text.split(/\r?\n/)) cells += line.split(/\t|\|/).length;
  if (cells < 0) console.log(cells);
  return performance.now() - t0;
}

async function time(bytes: Buffer, name: string): Promise<{ ms: number; evaluations: number }> {
  const t0 = performance.now();
  const doc = await readDocumentBytes(bytes, name);
  return { ms: performance.now() - t0, evaluations: doc.evaluations.length };
}

const full = process.argv.includes('--full');
const seedCopies = full ? [1, 10, 25, 50, 200] : [1, 5, 10, 25];
const proseSizes = full ? [0.1, 0.3, 1, 3, 9.6] : [0.1, 0.3, 1, 2];
console.log('文档                      大小(MB)   读取(毫秒)   MB/s    基线(毫秒)  读取/基线   表数');
const rows: Array<[string, Buffer]> = [
  ...seedCopies.map((n): [string, Buffer] => [`种子 003 ×${n}`, Buffer.concat(Array(n).fill(seed))]),
  ...proseSizes.map((mb): [string, Buffer] => [`数字密集正文 ${mb} MB`, prose(mb * MB)]),
];
// Warm up the reader once so the first row does not carry the start-up.
await time(seed, 'warm.txt');
for (const [label, bytes] of rows) {
  const base = baseline(bytes);
  const { ms, evaluations } = await time(bytes, 'x.txt');
  const mb = bytes.length / MB;
  console.log(
    `${label.padEnd(22)} ${mb.toFixed(2).padStart(8)} ${ms.toFixed(0).padStart(11)} ${(mb / (ms / 1000)).toFixed(2).padStart(7)} ${base.toFixed(1).padStart(11)} ${(ms / base).toFixed(0).padStart(10)} ${String(evaluations).padStart(6)}`,
  );
}
