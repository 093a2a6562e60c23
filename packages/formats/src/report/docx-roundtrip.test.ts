// The Word report read back: each evaluation's 自评表 is attached in jixiao's own layout and read by
// that layout, so the docx gives the same tables, scores and findings as the seed it was written from.
import { basename } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentAudit, Evaluation, FrameworkRegistry } from '@jixiao/core';
import { readDocx } from '../docx/read-docx.ts';
import { loadBuiltinRegistry } from '../frameworks/load.ts';
import { readDocumentFile } from '../read-file.ts';
import { modelDigest, resultDigest } from '../xlsx/digest.ts';
import { auditWith, seedFiles } from '../xlsx/seed-results.ts';
import { writeReportDocx } from './docx.ts';
import { zipEntry } from './test-support.ts';

let registry: FrameworkRegistry;
const seeds = new Map<string, { full: DocumentAudit; tables: DocumentAudit; docx: Buffer }>();

beforeAll(async () => {
  registry = await loadBuiltinRegistry();
  for (const file of seedFiles()) {
    const doc = await readDocumentFile(file);
    const full = auditWith(doc, registry);
    // The tables alone: the report's prose is written from the data, not copied from the seed.
    const tables = auditWith({ ...doc, statements: [], claims: [] }, registry);
    seeds.set(basename(file).slice(0, 3), { full, tables, docx: await writeReportDocx(full) });
  }
}, 120_000);

/** Word shows a run of spaces as one (seed 003's 计分标准 is padded with dozens): compare text so. */
function digest(e: Evaluation): unknown {
  return JSON.parse(JSON.stringify(modelDigest(e)).replace(/ {2,}/g, ' '));
}

async function readBack(name: string) {
  const { docx } = seeds.get(name)!;
  const doc = await readDocx(docx, `${name}.docx`);
  return { doc, audit: auditWith({ ...doc, statements: [], claims: [] }, registry) };
}

describe('自评报告 DOCX read back', () => {
  for (const name of ['000', '001', '002', '003', '004']) {
    it(`seed ${name}: the same evaluations, tables, scores and findings`, async () => {
      const before = seeds.get(name)!.tables;
      const { doc, audit } = await readBack(name);
      expect(doc.issues).toEqual([]);
      expect(doc.evaluations).toHaveLength(before.results.length);
      before.results.forEach((r, k) => {
        expect(digest(doc.evaluations[k]!)).toEqual(digest(r.evaluation));
        expect(resultDigest(audit.results[k]!)).toEqual(resultDigest(r));
      });
    });
  }

  it('seed 001 gains no sum errors, and seed 004 is not rescored as another framework (the two reported)', async () => {
    const codes = (a: DocumentAudit) => a.results.flatMap((r) => r.findings.map((f) => f.code));
    const count = (a: DocumentAudit, code: string) => codes(a).filter((c) => c === code).length;
    const s001 = await readBack('001');
    expect(count(s001.audit, 'sum-mismatch')).toBe(count(seeds.get('001')!.tables, 'sum-mismatch'));
    const s004 = (await readBack('004')).audit.results[0]!;
    expect(s004.score.frameworkId).toBe('honghe-department-2024');
    expect(s004.score.computedTotal).toBeNull();
    expect(s004.score.computedGrade).toBeNull();
  });

  it('attaches the forms as 附件 on landscape pages, and the body refers to them instead of repeating their tables', async () => {
    const xml = await zipEntry(seeds.get('003')!.docx, 'word/document.xml');
    expect(xml).toContain('w:orient="landscape"');
    for (const k of [1, 2, 6]) expect(xml).toContain(`>附件${k}<`);
    expect(xml).toContain('详见附件2《部门预算项目支出绩效自评表》');
    expect(xml).not.toContain('>绩效指标完成情况表<');
  });
});
