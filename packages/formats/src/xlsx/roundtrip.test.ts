import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { inlineBasicFields, type DocumentAudit, type Evaluation, type FrameworkRegistry } from '@jixiao/core';
import { loadBuiltinRegistry } from '../frameworks/load.ts';
import { readDocumentFile } from '../read-file.ts';
import { modelDigest, resultDigest } from './digest.ts';
import { readXlsx } from './read.ts';
import { auditWith, seedFiles } from './seed-results.ts';
import { withoutSignatures } from '../testing/unsigned.ts';
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
    // Scores print in two decimals (core's one format); their values are the filed ones.
    expect([aid.weight?.raw, aid.statedScore?.raw, aid.target?.raw, aid.unit]).toEqual([
      '10.00',
      '101.00',
      '1726',
      '人',
    ]);
    expect(e.projectCode).toBe('51090423T000008168286-2023');
    expect(e.statedTotal?.raw).toBe('100.00');
    expect(e.statedGrade?.raw).toBe('良好');
    const codes = auditWith(doc, registry).results[0]!.findings.map((f) => f.code);
    expect(codes).toEqual(
      expect.arrayContaining(['score-exceeds-weight', 'grade-mismatch', 'scored-without-actual']),
    );
  });

  it('seed 000: 人民调解 keeps its filed 70.47% (24.81 ÷ 35.20 is 70.48%) and the 45% keeps its precision, the same audit', async () => {
    const r = tablesOnly.get('000_424dabb8b7582373.txt')!.results[0]!;
    const doc = await readXlsx(await writeEvaluationXlsx(r), 'summary.xlsx');
    const rows = doc.evaluations[0]!.summaryRows;
    expect(rows[0]).toMatchObject({ name: '人民调解', executionRate: { raw: '70.47%', value: '70.47' } });
    // A filed rate keeps its precision: 45% is not written back as a 45.00% the department never gave.
    expect(rows[1]!.executionRate).toMatchObject({ raw: '45%', value: '45' });
    expect(resultDigest(auditWith(doc, registry).results[0]!)).toEqual(resultDigest(r));
    expect(rows[2]!.deviation).toBe('压缩项目经费，未拨付经费');
  });
});

describe('the fields of a form’s head and foot survive the 自评表', () => {
  it('seed 003 案件代理 with its 实施单位, 年度目标完成情况, 项目实施内容 and the signatures printed under it', async () => {
    const r = tablesOnly
      .get('003_cbcf39354c9835b0.txt')!
      .results.find((x) => x.evaluation.projectName === '案件代理')!;
    // The seed prints "项目负责人：顾震 / 财务负责人：杨光辉" under each project's form.
    const text = readFileSync(
      seedFiles().find((f) => f.includes('003_'))!,
      'utf8',
    );
    const signed = Object.fromEntries(
      inlineBasicFields(text.split('\n').slice(640, 650).join('；')).map((p) => [p.field, p.value]),
    );
    expect(signed).toEqual({ projectLead: '顾震', financeLead: '杨光辉' });
    const e: Evaluation = {
      ...r.evaluation,
      ...signed,
      implementingUnit: '遂宁市安居区法律援助中心',
      goalAchieved: '全年代理政府案件 30 件，胜诉率 95%。',
      implementation: '聘请律师事务所代理诉讼和非诉案件。',
    };
    const alone = auditWith({ file: 'x', evaluations: [e], statements: [], issues: [] }, registry);
    const doc = await readXlsx(await writeEvaluationXlsx(alone.results[0]!), '案件代理.xlsx');
    const back = doc.evaluations[0]!;
    expect(modelDigest(back)).toEqual(modelDigest(e));
    expect([back.projectLead, back.financeLead, back.implementingUnit, back.goalAchieved]).toEqual([
      '顾震',
      '杨光辉',
      '遂宁市安居区法律援助中心',
      '全年代理政府案件 30 件，胜诉率 95%。',
    ]);
    // Without them the form prints no empty signature rows, and 实施单位 is the department itself.
    const bare = withoutSignatures(r.evaluation);
    const unsigned = auditWith({ file: 'x', evaluations: [bare], statements: [], issues: [] }, registry);
    const plain = (await readXlsx(await writeEvaluationXlsx(unsigned.results[0]!), 'plain.xlsx'))
      .evaluations[0]!;
    expect([plain.projectLead, plain.implementingUnit, plain.organization]).toEqual([
      undefined,
      undefined,
      r.evaluation.organization,
    ]);
  });
});
