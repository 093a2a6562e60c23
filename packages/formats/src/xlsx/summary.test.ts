import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { D, type EvaluationResult } from '@jixiao/core';
import { auditSeeds } from '../report/test-support.ts';
import { writeSummaryXlsx } from './summary.ts';

/** The sheet as a reader sees it: header row found by its 序号 cell, then every row under it. */
async function sheetRows(xlsx: Buffer): Promise<Array<Record<string, ExcelJS.CellValue>>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  let header: string[] = [];
  const rows: Array<Record<string, ExcelJS.CellValue>> = [];
  ws.eachRow((row) => {
    const values = (row.values as ExcelJS.CellValue[]).slice(1);
    if (!header.length) {
      if (values[0] === '序号') header = values.map(String);
      return;
    }
    // A note under the table is one text merged across the row: every cell holds it.
    if (
      new Set(values.filter((v) => v !== null && v !== undefined)).size === 1 &&
      typeof values[0] === 'string' &&
      /^\d+\. /.test(values[0])
    )
      return;
    rows.push(Object.fromEntries(header.map((h, k) => [h, values[k] ?? null])));
  });
  return rows;
}

describe('汇总表 over the five sample reports', () => {
  let results: EvaluationResult[];
  let rows: Array<Record<string, ExcelJS.CellValue>>;
  beforeAll(async () => {
    results = (await auditSeeds()).flatMap((s) => s.audit.results);
    rows = await sheetRows(await writeSummaryXlsx(results));
  });

  it('numbers its rows 1..N, one per project (a filed 汇总表 as its projects) and per 部门整体 evaluation', () => {
    const numbered = rows.filter((r) => r['序号'] !== null);
    const expected = results.reduce(
      (n, r) => n + (r.evaluation.kind === 'summary' ? r.evaluation.summaryRows.length : 1),
      0,
    );
    expect(numbered).toHaveLength(expected);
    expect(numbered.map((r) => r['序号'])).toEqual(numbered.map((_, k) => k + 1));
  });

  it("names each row's own 填报单位, not the first file's", () => {
    const units = new Set(rows.filter((r) => r['序号'] !== null).map((r) => r['填报单位']));
    expect(units.size).toBeGreaterThan(2);
  });

  it('writes money, rates and scores as numbers', () => {
    for (const r of rows.filter((x) => x['序号'] !== null)) {
      for (const k of ['全年预算数（万元）', '全年执行数（万元）', '预算执行率', '自评得分']) {
        if (r[k] !== null) expect(typeof r[k], `${String(r['项目名称'])} ${k}`).toBe('number');
      }
    }
  });

  it('totals 部门整体 and 项目 apart, each 合计 the sum of its rows, its rate from rows with both figures', () => {
    const totals = rows.filter((r) => String(r['项目名称'] ?? '').startsWith('合计'));
    expect(totals.map((t) => t['项目名称'])).toEqual(['合计（部门整体支出）', '合计（项目支出）']);
    // Rows of one group sit between 小计 lines; the group is in the subtotal's label.
    let group: string[] = [];
    const byGroup: Record<string, Array<Record<string, ExcelJS.CellValue>>> = {
      部门整体支出: [],
      项目支出: [],
    };
    for (const r of rows) {
      const label = String(r['项目名称'] ?? '');
      if (r['序号'] !== null) group.push(String(r['序号']));
      const m = /^小计（(.+)）$/.exec(label);
      if (m) {
        byGroup[m[1]!]!.push(...rows.filter((x) => group.includes(String(x['序号']))));
        group = [];
      }
    }
    for (const t of totals) {
      const name = /合计（(.+)）/.exec(String(t['项目名称']))![1]!;
      const members = byGroup[name]!;
      const sum = (k: string) =>
        members.reduce((s, r) => (r[k] === null ? s : s.plus(String(r[k]))), new D(0));
      expect(new D(String(t['全年预算数（万元）'])).minus(sum('全年预算数（万元）')).abs().lt(0.005)).toBe(
        true,
      );
      const both = members.filter(
        (r) => r['全年预算数（万元）'] !== null && r['全年执行数（万元）'] !== null,
      );
      const budget = both.reduce((s, r) => s.plus(String(r['全年预算数（万元）'])), new D(0));
      const executed = both.reduce((s, r) => s.plus(String(r['全年执行数（万元）'])), new D(0));
      if (budget.isZero()) continue;
      const rate = new D(String(t['预算执行率']));
      expect(rate.minus(executed.div(budget)).abs().lt(0.00006), name).toBe(true);
    }
  });
});
