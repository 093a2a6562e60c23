// Every evaluation the readers make is one the server stores: it passes core's parseEvaluation as read,
// and again after the JSON round trip a save and a later read put it through (nothing in it is lost).
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEvaluation, type Evaluation } from '@jixiao/core';
import { describe, expect, it } from 'vitest';
import { readDocumentFile } from './read-file.ts';
import { readXlsx } from './xlsx/read.ts';
import { seedAudits, seedFiles } from './xlsx/seed-results.ts';
import { writeWorkbookXlsx } from './xlsx/write.ts';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../fixtures');

function expectStorable(evaluations: Evaluation[], what: string): void {
  expect(evaluations.length, what).toBeGreaterThan(0);
  for (const e of evaluations) {
    const where = `${what} ${e.id}`;
    expect(() => parseEvaluation(e), where).not.toThrow();
    const json = JSON.parse(JSON.stringify(e)) as unknown;
    const parsed = parseEvaluation(json);
    // Nothing dropped or changed: what comes back is exactly the JSON that went in.
    expect(JSON.parse(JSON.stringify(parsed)), where).toEqual(json);
    expect(parseEvaluation(JSON.parse(JSON.stringify(parsed))), where).toEqual(parsed);
  }
}

describe('the readers’ evaluations pass parseEvaluation', () => {
  it('reads the five seeds', async () => {
    const files = seedFiles();
    expect(files).toHaveLength(5);
    for (const file of files) expectStorable((await readDocumentFile(file)).evaluations, basename(file));
  });

  it('reads the Word and web-page fixtures', async () => {
    for (const dir of ['docx', 'html']) {
      for (const name of readdirSync(join(FIXTURES, dir)).filter((f) => /\.(docx|html)$/.test(f))) {
        expectStorable((await readDocumentFile(join(FIXTURES, dir, name))).evaluations, name);
      }
    }
  });

  it('reads the seeds back from the 自评表 workbook they are written to', async () => {
    const { audits } = await seedAudits();
    for (const [k, audit] of audits.entries()) {
      const doc = await readXlsx(await writeWorkbookXlsx(audit.results), `seed-${k}.xlsx`);
      expectStorable(doc.evaluations, `seed-${k}.xlsx`);
    }
  }, 120_000);
});
