// Benchmark: reading real PDFs (../shared/corpus/pdf, WPS and Word budget disclosures with ruled tables)
// into the model, per page, beside a baseline measured in the same run: pdfjs extracting the same pages'
// text alone (getTextContent, no operator list, no grids, no recognition). The ratio is what means
// something on a noisy machine. Run: npx tsx bench/read-pdf.ts [more.pdf …]   (ROUNDS=3 by default)
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readDocumentBytes } from '@jixiao/formats';
import { openPdf } from '../packages/formats/src/pdf/open.ts';

const rounds = Number(process.env.ROUNDS ?? 3);
const corpus = join(import.meta.dirname, '../../shared/corpus/pdf');
const files =
  process.argv.length > 2
    ? process.argv.slice(2)
    : readdirSync(corpus)
        .filter((f) => f.endsWith('.pdf'))
        .map((f) => join(corpus, f));

async function textOnly(bytes: Uint8Array): Promise<number> {
  const doc = await openPdf(bytes, 'x');
  const pages = doc.numPages;
  for (let p = 1; p <= pages; p++) await (await doc.getPage(p)).getTextContent();
  await doc.destroy();
  return pages;
}

let totalPages = 0;
let totalRead = 0;
let totalBase = 0;
console.log(
  'file | pages | read ms/page | text-only ms/page | ratio | tables read as evaluations | prose statements',
);
for (const file of files) {
  const bytes = readFileSync(file);
  await readDocumentBytes(bytes, basename(file)); // warm-up
  let pages = 0;
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) pages = await textOnly(bytes);
  const base = (performance.now() - t0) / rounds;
  const t1 = performance.now();
  let doc = await readDocumentBytes(bytes, basename(file));
  for (let r = 1; r < rounds; r++) doc = await readDocumentBytes(bytes, basename(file));
  const read = (performance.now() - t1) / rounds;
  totalPages += pages;
  totalRead += read;
  totalBase += base;
  console.log(
    `${basename(file)} | ${pages} | ${(read / pages).toFixed(1)} | ${(base / pages).toFixed(1)} | ${(read / base).toFixed(2)} | ${doc.evaluations.length} | ${doc.statements.length}`,
  );
}
console.log(
  `all | ${totalPages} | ${(totalRead / totalPages).toFixed(1)} | ${(totalBase / totalPages).toFixed(1)} | ${(totalRead / totalBase).toFixed(2)} | |`,
);
