// Benchmark: the 自评表 xlsx writer and reader over every evaluation of the five seeds, beside a
// baseline measured in the same run — exceljs writing and loading the same cell texts on a bare sheet
// (no layout, styles, merges or recognition). The ratio is what means something on a noisy machine.
// Run: npx tsx bench/xlsx.ts   (ROUNDS=20 by default)
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import type { EvaluationResult } from '@jixiao/core';
import { readXlsx, writeEvaluationXlsx, writeSummaryXlsx } from '@jixiao/formats';
import { cellText } from '../packages/formats/src/xlsx/cells.ts';
import { seedAudits } from '../packages/formats/src/xlsx/seed-results.ts';

const rounds = Number(process.env.ROUNDS ?? 20);
const { audits } = await seedAudits();
const results: EvaluationResult[] = audits.flatMap((a) => a.results);
const written = await Promise.all(results.map((r) => writeEvaluationXlsx(r)));

/** The same texts the form holds, one per cell, on a bare sheet. */
async function cellTexts(xlsx: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer); // exceljs takes a Buffer; its types say ArrayBuffer
  const rows: string[][] = [];
  wb.worksheets[0]!.eachRow((row) => {
    const cells: string[] = [];
    row.eachCell((c) => cells.push(c.isMerged && c.master !== c ? '' : cellText(c)));
    rows.push(cells);
  });
  return rows;
}
const bare = await Promise.all(written.map(cellTexts));
const bareFiles = await Promise.all(
  bare.map(async (rows) => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('s').addRows(rows);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }),
);

async function measure(name: string, perRound: number, fn: () => Promise<number>): Promise<number> {
  await fn(); // warm-up: JIT and lazy initialisation are not what we measure
  const start = performance.now();
  let sink = 0;
  for (let k = 0; k < rounds; k++) sink += await fn();
  const seconds = (performance.now() - start) / 1000;
  const perSecond = (rounds * perRound) / seconds;
  console.log(
    `${name.padEnd(22)} ${perSecond.toFixed(1).padStart(8)} 个/秒   每个 ${((seconds * 1000) / (rounds * perRound)).toFixed(2)} ms   (${rounds} 轮 × ${perRound}, 校验值 ${sink})`,
  );
  return perSecond;
}

const n = results.length;
console.log(`jixiao xlsx 基准：5 个种子中的 ${n} 份自评表，${rounds} 轮（ROUNDS 可调）`);
const baseWrite = await measure('基线：exceljs 裸写', n, async () => {
  let bytes = 0;
  for (const rows of bare) {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('s').addRows(rows);
    bytes += (await wb.xlsx.writeBuffer()).byteLength;
  }
  return bytes;
});
const write = await measure('写自评表（版式+公式）', n, async () => {
  let bytes = 0;
  for (const r of results) bytes += (await writeEvaluationXlsx(r)).length;
  return bytes;
});
const baseRead = await measure('基线：exceljs 裸读', n, async () => {
  let cells = 0;
  for (const file of bareFiles) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as unknown as ArrayBuffer);
    cells += wb.worksheets[0]!.actualRowCount;
  }
  return cells;
});
const read = await measure('读自评表（检查+识别）', n, async () => {
  let values = 0;
  for (const [k, file] of written.entries()) {
    const doc = await readXlsx(file, `${k}.xlsx`);
    values += doc.evaluations[0]!.indicators.length + doc.evaluations[0]!.budget.length;
  }
  return values;
});
const projects = results.filter((r) => r.evaluation.kind === 'project');
const many = Array.from({ length: 200 }, (_, k) => projects[k % projects.length]!);
await measure('写汇总表（200 个项目）', 1, async () => (await writeSummaryXlsx(many)).length);

console.log(
  `写：为基线的 1/${(baseWrite / write).toFixed(1)}；读：为基线的 1/${(baseRead / read).toFixed(1)}`,
);
console.log(`峰值内存（RSS）：${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
