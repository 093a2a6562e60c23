// 实际到位资金 (issue 12): seed 004's 项目收支情况表 prints each project's 预算资金, 实际到位资金 and
// 实际支出资金. The form jixiao writes for it says the same under the same names, with the 到位率 and
// 执行率 core computes from them, and reads back the same figures.
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentAudit, FrameworkRegistry } from '@jixiao/core';
import { readDocx } from '../docx/read-docx.ts';
import { loadBuiltinRegistry } from '../frameworks/load.ts';
import { readDocumentFile } from '../read-file.ts';
import { writeReportDocx } from '../report/docx.ts';
import { cellText } from './cells.ts';
import { readXlsx } from './read.ts';
import { auditWith, seedFiles } from './seed-results.ts';
import { writeEvaluationXlsx } from './write.ts';

let audit: DocumentAudit;

beforeAll(async () => {
  const registry: FrameworkRegistry = await loadBuiltinRegistry();
  const doc = await readDocumentFile(seedFiles().find((f) => f.includes('004_'))!);
  audit = auditWith({ ...doc, statements: [], claims: [] }, registry);
});

/** Each row of the sheet as the texts of its cells (a merged area once). */
async function sheetRows(xlsx: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0]!.eachRow((row) => {
    const texts: string[] = [];
    row.eachCell((c) => {
      if (!c.isMerged || c.master.address === c.address) texts.push(cellText(c));
    });
    rows.push(texts);
  });
  return rows;
}

describe('实际到位资金 on seed 004’s 部门整体 form', () => {
  it('the 年度主要任务 print 预算资金 / 实际到位资金 / 实际支出资金 and the rates computed from them', async () => {
    const r = audit.results[0]!;
    const rows = await sheetRows(await writeEvaluationXlsx(r));
    const header = rows.find((row) => row.includes('实际到位资金'))!;
    expect(header).toEqual([
      '年度主要任务',
      '预算项目名称',
      '预算资金',
      '实际到位资金',
      '实际支出资金',
      '资金到位率',
      '到位资金执行率',
      '偏差原因',
    ]);
    expect(rows.flat()).not.toContain('年初预算数');
    // 普法宣传: 预算 10.00, 到位 353.02, 支出 352.29 → 3530.20% and 99.79%; the 合计 898.33 / 883.84 → 98.39%.
    expect(rows.find((row) => row[0] === '普法宣传')).toEqual([
      '普法宣传',
      '10.00',
      '353.02',
      '352.29',
      '3530.20%',
      '99.79%',
    ]);
    expect(rows.find((row) => row[0] === '合计')).toEqual(
      expect.arrayContaining(['898.33', '883.84', '98.39%']),
    );
  });

  it('reads back the same 实际到位资金 from the xlsx and from the Word report’s 附件', async () => {
    const r = audit.results[0]!;
    const received = (lines: typeof r.evaluation.budget) =>
      lines.map((b) => [b.label, b.initialBudget?.raw, b.received?.raw, b.executed?.raw]);
    const fromXlsx = (await readXlsx(await writeEvaluationXlsx(r), '004.xlsx')).evaluations[0]!;
    expect(received(fromXlsx.budget)).toEqual(received(r.evaluation.budget));
    expect(fromXlsx.budget.find((b) => b.label === '普法宣传')!.received!.value).toBe('353.02');
    const fromDocx = (await readDocx(await writeReportDocx(audit), '004.docx')).evaluations[0]!;
    expect(received(fromDocx.budget)).toEqual(received(r.evaluation.budget));
  });
});
