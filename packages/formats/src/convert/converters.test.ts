import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Evaluation, EvaluationDocument, Stated } from '@jixiao/core';
import { readDocumentBytes, readDocumentFile } from '../read-file.ts';
import { loadBuiltinRegistry } from '../frameworks/load.ts';
import { auditWith, seedFiles } from '../xlsx/seed-results.ts';
import { parseWorkbook, readWorkbookGrids } from '../xlsx/workbook-grid.ts';
import { writeWorkbookXlsx } from '../xlsx/write.ts';
import { ocrRecogniser } from '../pdf/ocr.ts';
import { findSoffice } from './libreoffice.ts';

const soffice = findSoffice();
const poppler = spawnSync('sh', ['-c', 'command -v pdftoppm && command -v img2pdf']).status === 0;
if (!soffice) {
  console.warn(
    '跳过转换往返测试：本机没有 LibreOffice（apt-get install libreoffice-calc-nogui libreoffice-writer-nogui）；CI 的 .ci/run 会安装它',
  );
}

const DOCX = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/docx');

/** A figure as a reviewer compares it: its value (with % for a rate), or its text. */
function v(s: Stated | undefined): string {
  if (!s || s.raw === '') return '';
  return s.value === null ? s.raw.replace(/\s+/g, '') : `${s.value}${s.percent ? '%' : ''}`;
}

/**
 * What must survive a conversion: budget rows, indicators with names, values, weights and scores,
 * the stated total. Names are compared without spaces: a PDF keeps no space where a line wrapped.
 */
function model(doc: EvaluationDocument): unknown {
  const name = (s: string | undefined) => (s ?? '').replace(/\s+/g, '');
  return doc.evaluations.map((e: Evaluation) => ({
    title: name(e.title),
    statedTotal: v(e.statedTotal),
    budget: e.budget.map((b) => [
      name(b.label),
      ...[b.initialBudget, b.adjustedBudget, b.executed, b.executionRate, b.weight, b.statedScore].map(v),
    ]),
    indicators: e.indicators.map((i) => [
      name(i.name),
      ...[i.target, i.actual, i.weight, i.statedScore].map(v),
    ]),
    summaryRows: e.summaryRows.map((s) => [
      name(s.name),
      v(s.adjustedBudget),
      v(s.executed),
      v(s.statedScore),
    ]),
  }));
}

const dir = mkdtempSync(join(tmpdir(), 'jixiao-convert-test-'));
const seeds = seedFiles().map((f) => basename(f).slice(0, 3));

/**
 * A program run without blocking: a test worker blocked for minutes (LibreOffice under load) misses
 * the runner's heartbeat, and vitest reports the run as failed.
 */
const run = promisify(execFile);

/** LibreOffice converting every file at once, with a private profile. */
async function convert(files: string[], filter: string, out: string): Promise<void> {
  mkdirSync(out, { recursive: true });
  await run(
    soffice!,
    [
      `-env:UserInstallation=file://${join(dir, 'profile')}`,
      '--headless',
      '--convert-to',
      filter,
      '--outdir',
      out,
      ...files,
    ],
    { timeout: 240_000 },
  );
}

beforeAll(async () => {
  if (!soffice) return;
  const registry = await loadBuiltinRegistry();
  const xlsx: string[] = [];
  for (const seed of seedFiles()) {
    const doc = await readDocumentFile(seed);
    const file = join(dir, `${basename(seed).slice(0, 3)}.xlsx`);
    writeFileSync(file, await writeWorkbookXlsx(auditWith(doc, registry).results));
    xlsx.push(file);
  }
  await convert(xlsx, 'pdf', join(dir, 'pdf'));
  await convert(xlsx, 'xls:MS Excel 97', join(dir, 'xls'));
  const docx = readdirSync(DOCX)
    .filter((f) => f.endsWith('.docx'))
    .map((f) => join(DOCX, f));
  await convert(docx, 'doc:MS Word 97', join(dir, 'doc'));
}, 300_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const read = (path: string) => readDocumentBytes(readFileSync(path), basename(path));

describe.skipIf(!soffice)(
  'the files LibreOffice makes of what jixiao writes read back to the same model',
  () => {
    for (const seed of seeds) {
      it(`seed ${seed}: the .xls LibreOffice saves reads to the same model as the xlsx`, async () => {
        const fromXlsx = await read(join(dir, `${seed}.xlsx`));
        const fromXls = await read(join(dir, 'xls', `${seed}.xls`));
        expect(fromXls.evaluations.length).toBeGreaterThan(0);
        expect(model(fromXls)).toEqual(model(fromXlsx));
        expect(fromXls.issues).toEqual(
          fromXlsx.issues.map((i) => ({ ...i, source: { ...i.source, file: `${seed}.xls` } })),
        );
      });

      it(`seed ${seed}: the PDF LibreOffice prints reads to the same tables as the xlsx's sheets`, async () => {
        const xlsx = readFileSync(join(dir, `${seed}.xlsx`));
        // The grid, not the form: both go through the one recogniser, sheet by sheet and page by page.
        const fromSheets = readWorkbookGrids(parseWorkbook(xlsx, `${seed}.xlsx`), `${seed}.xlsx`);
        const fromPdf = await read(join(dir, 'pdf', `${seed}.pdf`));
        expect(fromPdf.evaluations.length).toBe(fromSheets.evaluations.length);
        expect(model(fromPdf)).toEqual(model(fromSheets));
        for (const e of fromPdf.evaluations) {
          for (const i of e.indicators) expect(i.source?.page).toBeGreaterThanOrEqual(1);
        }
      });
    }

    // project-003-case-agency.docx is left out: its second table (rows continuing merged cells from
    // the first, written by the docx package) is dropped by LibreOffice's own Word 97 export — the
    // .doc it saves has one table, as its HTML export of that .doc shows — so no reader gets it back.
    for (const fixture of ['dept-001-shangjie', 'project-003-legal-aid.libreoffice']) {
      it(`${fixture}: the Word 97 .doc LibreOffice saves reads to the same model as the .docx`, async () => {
        const fromDocx = await read(join(DOCX, `${fixture}.docx`));
        const fromDoc = await read(join(dir, 'doc', `${fixture}.doc`));
        expect(fromDoc.evaluations.length).toBeGreaterThan(0);
        expect(model(fromDoc)).toEqual(model(fromDocx));
      }, 60_000);
    }

    it('a .doc named .wps (WPS 文字 saves Word 97 files so) and a .doc named .xls are read by what they hold', async () => {
      const bytes = readFileSync(join(dir, 'doc', 'project-003-case-agency.doc'));
      const asWps = await readDocumentBytes(bytes, '案件代理.wps');
      const asXls = await readDocumentBytes(bytes, '案件代理.xls');
      expect(model(asWps)).toEqual(model(asXls));
      expect(asWps.evaluations.length).toBeGreaterThan(0);
    }, 60_000);
  },
);

describe.skipIf(!soffice || !poppler)('a scan of the printed pages (pdftoppm → img2pdf)', () => {
  it('names every page it could not read, and crashes on none', async () => {
    const pdf = join(dir, 'pdf', '003.pdf');
    const images = join(dir, 'scan');
    mkdirSync(images, { recursive: true });
    await run('pdftoppm', ['-r', '100', '-png', pdf, join(images, 'p')], { timeout: 120_000 });
    const pngs = readdirSync(images)
      .filter((f) => f.endsWith('.png'))
      .sort()
      .map((f) => join(images, f));
    const scan = join(dir, 'scan.pdf');
    await run('img2pdf', ['-o', scan, ...pngs], { timeout: 120_000 });
    const doc = await read(scan);
    const named = doc.issues.filter((i) => /是扫描图片/.test(i.message)).map((i) => i.source?.page);
    expect(named).toEqual(pngs.map((_, k) => k + 1));
  }, 120_000);

  it('read by OCR, page by page with progress: every figure it reads is the printed one, and it reads nearly all', async () => {
    const pdf = join(dir, 'pdf', '003.pdf');
    const images = join(dir, 'scan-ocr');
    mkdirSync(images, { recursive: true });
    // The first two pages: OCR takes tens of seconds a page.
    await run('pdftoppm', ['-r', '150', '-f', '1', '-l', '2', '-png', pdf, join(images, 'p')], {
      timeout: 120_000,
    });
    const pngs = readdirSync(images)
      .filter((f) => f.endsWith('.png'))
      .sort()
      .map((f) => join(images, f));
    const scan = join(dir, 'scan-ocr.pdf');
    await run('img2pdf', ['-o', scan, ...pngs], { timeout: 120_000 });
    const printed = (await read(pdf)).evaluations[0]!;
    const progress: string[] = [];
    const doc = await readDocumentBytes(readFileSync(scan), 'scan.pdf', {
      pdf: { recognise: ocrRecogniser(), onProgress: (p) => progress.push(`${p.page}/${p.pages} ${p.how}`) },
    });
    expect(progress).toEqual(['1/2 ocr', '2/2 ocr']);
    const scanned = doc.evaluations[0]!;
    expect(scanned.title).toBe(printed.title);
    const figures = (e: Evaluation) =>
      e.indicators.slice(0, 12).map((i) => [i.name, v(i.weight), v(i.statedScore)]);
    const want = figures(printed);
    const got = figures(scanned);
    expect(got).toHaveLength(want.length);
    let recognised = 0;
    let total = 0;
    got.forEach((row, k) => {
      row.forEach((cell, c) => {
        total++;
        if (cell === '') return; // not read: a blank, never a wrong figure
        recognised++;
        expect(cell).toBe(want[k]![c]);
      });
    });
    expect(recognised / total).toBeGreaterThanOrEqual(0.9);
  }, 400_000);
});
