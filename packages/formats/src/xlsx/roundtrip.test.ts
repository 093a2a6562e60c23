import { basename } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentAudit, FrameworkRegistry } from '@jixiao/core';
import { loadBuiltinRegistry } from '../frameworks/load.ts';
import { readDocumentFile } from '../read-file.ts';
import { modelDigest, resultDigest } from './digest.ts';
import { readXlsx } from './read.ts';
import { auditWith, seedFiles } from './seed-results.ts';
import { writeEvaluationXlsx, writeWorkbookXlsx } from './write.ts';

let registry: FrameworkRegistry;
/** Each seed scored and audited on its tables alone: the prose (statements) does not go into a 自评表. */
const tablesOnly = new Map<string, DocumentAudit>();

beforeAll(async () => {
  registry = await loadBuiltinRegistry();
  for (const file of seedFiles()) {
    const doc = await readDocumentFile(file);
    tablesOnly.set(basename(file), auditWith({ ...doc, statements: [], claims: [] }, registry));
  }
});

describe('xlsx round trip on the five seeds: write, read back, same model, scores and findings', () => {
  for (const file of seedFiles().map((f) => basename(f))) {
    it(`${file}: every evaluation in one workbook, one sheet each`, async () => {
      const before = tablesOnly.get(file)!;
      const xlsx = await writeWorkbookXlsx(before.results);
      const doc = await readXlsx(xlsx, `${file}.xlsx`);
      expect(doc.issues).toEqual([]);
      expect(doc.evaluations).toHaveLength(before.results.length);
      const after = auditWith(doc, registry);
      before.results.forEach((r, k) => {
        expect(modelDigest(doc.evaluations[k]!)).toEqual(modelDigest(r.evaluation));
        expect(resultDigest(after.results[k]!)).toEqual(resultDigest(r));
      });
    });
  }

  for (const file of seedFiles().map((f) => basename(f))) {
    it(`${file}: each evaluation alone in its own 自评表`, async () => {
      for (const r of tablesOnly.get(file)!.results) {
        const alone = auditWith({ file, evaluations: [r.evaluation], statements: [], issues: [] }, registry);
        const doc = await readXlsx(await writeEvaluationXlsx(alone.results[0]!), `${file}.xlsx`);
        expect(doc.evaluations).toHaveLength(1);
        expect(modelDigest(doc.evaluations[0]!)).toEqual(modelDigest(r.evaluation));
        expect(resultDigest(auditWith(doc, registry).results[0]!)).toEqual(resultDigest(alone.results[0]!));
      }
    });
  }

  it('seed 003 法律援助: one 自评表 alone keeps the filed mistakes (101 分 on a 10-point indicator)', async () => {
    const r = tablesOnly
      .get('003_cbcf39354c9835b0.txt')!
      .results.find((x) => x.evaluation.projectName === '法律援助')!;
    const doc = await readXlsx(await writeEvaluationXlsx(r), '法律援助.xlsx');
    const e = doc.evaluations[0]!;
    const aid = e.indicators.find((i) => i.name === '法律援助人次')!;
    expect([aid.weight?.raw, aid.statedScore?.raw, aid.target?.raw, aid.unit]).toEqual([
      '10',
      '101',
      '1726',
      '人',
    ]);
    expect(e.projectCode).toBe('51090423T000008168286-2023');
    expect(e.statedTotal?.raw).toBe('100');
    expect(e.statedGrade?.raw).toBe('良好');
    const codes = auditWith(doc, registry).results[0]!.findings.map((f) => f.code);
    expect(codes).toEqual(
      expect.arrayContaining(['score-exceeds-weight', 'grade-mismatch', 'scored-without-actual']),
    );
  });

  it('seed 000: 人民调解 keeps its filed 70.47% (24.81 ÷ 35.20 is 70.48%) and the 45% keeps its precision', async () => {
    const r = tablesOnly.get('000_424dabb8b7582373.txt')!.results[0]!;
    const doc = await readXlsx(await writeEvaluationXlsx(r), 'summary.xlsx');
    const rows = doc.evaluations[0]!.summaryRows;
    expect(rows[0]).toMatchObject({ name: '人民调解', executionRate: { raw: '70.47%', value: '70.47' } });
    expect(rows[1]!.executionRate).toMatchObject({ raw: '45%', decimals: 0 });
    expect(rows[2]!.deviation).toBe('压缩项目经费，未拨付经费');
  });
});
