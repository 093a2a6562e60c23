import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { D, newEvaluation, parseStated, type EvaluationResult } from '@jixiao/core';
import { loadBuiltinRegistry } from '../frameworks/load.ts';
import { auditSeeds } from '../report/test-support.ts';
import { auditWith } from './seed-results.ts';
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

describe('汇总表 of one unit', () => {
  let audits: Array<{ name: string; audit: { results: EvaluationResult[] } }>;
  beforeAll(async () => {
    audits = await auditSeeds();
  });

  it("lists seed 003's five projects in the file's order with budget, execution, rate, score and 是否有较大偏差, and their 合计", async () => {
    const projects = audits[3]!.audit.results.filter((r) => r.evaluation.kind === 'project');
    const rows = await sheetRows(await writeSummaryXlsx(projects));
    const cells = (r: Record<string, ExcelJS.CellValue>) =>
      ['序号', '项目名称', '全年预算数（万元）', '预算执行率', '自评得分', '是否有较大偏差'].map((k) => r[k]);
    expect(rows.filter((r) => r['序号'] !== null).map(cells)).toEqual([
      [1, '案件代理', 2.4, 1, 100, '否'],
      [2, '普法宣传', 14.94, 1, 100, '否'],
      [3, '安置帮教', 3.09, 1, 100, '否'],
      [4, '社区矫正办公经费', 37.88, 1, 100, '否'],
      [5, '法律援助', 4.9, 1, 100, '否'],
    ]);
    // One unit, one kind: a 小计 for the unit and the 合计, both 63.21 万元, the rate from the sums.
    const totals = rows
      .filter((r) => r['序号'] === null)
      .map((r) => [r['项目名称'], r['全年预算数（万元）'], r['预算执行率']]);
    expect(totals).toEqual([
      ['小计', 63.21, 1],
      ['合计', 63.21, 1],
    ]);
  });

  it('flags a project under 90% execution as a 较大偏差 with its reason', async () => {
    const registry = await loadBuiltinRegistry();
    const e = newEvaluation({
      id: 'p',
      title: '人民调解项目支出绩效自评表',
      kind: 'project',
      projectName: '人民调解',
      organization: '金安区司法局',
      budget: [
        {
          id: 'total',
          label: '总额',
          role: 'total',
          adjustedBudget: parseStated('35.20'),
          executed: parseStated('24.81'),
          executionRate: parseStated('70.47%'),
          weight: parseStated('10'),
          statedScore: parseStated('7.05'),
          reason: '财政压缩项目经费',
        },
      ],
      statedTotal: parseStated('93.85'),
    });
    const doc = auditWith({ file: 'x', evaluations: [e], statements: [], issues: [] }, registry);
    const [row] = (await sheetRows(await writeSummaryXlsx(doc.results))).filter((r) => r['序号'] !== null);
    expect(row).toMatchObject({ 项目名称: '人民调解', 填报单位: '金安区司法局', 自评得分: 93.85 });
    // 24.81 ÷ 35.20 = 70.48% recomputed (the form printed 70.47%).
    expect(new D(String(row!['预算执行率'])).toFixed(4)).toBe('0.7048');
    expect(row!['是否有较大偏差']).toMatch(/^是（执行率 70\.48%：财政压缩项目经费）$/);
  });
});
