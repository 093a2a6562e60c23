import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { newEvaluation, parseStated, type DocumentAudit, type EvaluationResult } from '@jixiao/core';
import { loadBuiltinRegistry } from '../frameworks/load.ts';
import { readXlsx } from './read.ts';
import { auditWith, seedAudits } from './seed-results.ts';
import { zipEntryText } from '../testing/zip.ts';
import { writeEvaluationXlsx } from './write.ts';

let audits: DocumentAudit[];
beforeAll(async () => {
  audits = (await seedAudits()).audits;
});

async function sheetOf(xlsx: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer); // exceljs takes a Buffer; its types say ArrayBuffer
  return wb.worksheets[0]!;
}

function project(name: string): EvaluationResult {
  return audits[3]!.results.find((r) => r.evaluation.projectName === name)!;
}

function findCell(ws: ExcelJS.Worksheet, text: string): ExcelJS.Cell {
  let found: ExcelJS.Cell | undefined;
  ws.eachRow((row) => row.eachCell((c) => (found ??= c.value === text ? c : undefined)));
  if (!found) throw new Error(`no cell ${text}`);
  return found;
}

describe('writeEvaluationXlsx: the project 自评表 as seed 003 prints it', () => {
  it('names the framework by its name and version; its id only in a hidden row, read back to score alike', async () => {
    const result = project('案件代理');
    const xlsx = await writeEvaluationXlsx(result);
    const ws = await sheetOf(xlsx);
    const visible: string[] = [];
    const hidden: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => (row.hidden ? hidden : visible).push(String(c.value ?? ''))));
    const id = result.score.frameworkId!;
    expect(visible.some((t) => t.includes(id))).toBe(false);
    expect(visible).toContain(
      `评分框架：${result.score.frameworkName}（版本 ${result.score.frameworkVersion}）`,
    );
    expect(hidden).toEqual([`评分框架编号：${id}`]);
    const back = await readXlsx(xlsx, 'back.xlsx');
    expect(back.evaluations[0]!.frameworkId).toBe(id);
  });

  it('has the official title, merged header cells, widths, A4 landscape print area and a frozen title', async () => {
    const ws = await sheetOf(await writeEvaluationXlsx(project('案件代理')));
    expect(ws.getCell('A1').value).toBe('部门预算项目支出绩效自评表（2023年度）');
    expect(ws.model.merges).toEqual(expect.arrayContaining(['A1:K1', 'A2:B2', 'C2:K2']));
    expect(ws.getCell('C2').value).toBe('51090423T000008167896-2023-案件代理');
    expect(ws.getColumn(4).width).toBe(26);
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToWidth: 1 });
    expect(ws.pageSetup.printArea).toMatch(/^A1:K\d+$/);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const side = findCell(ws, '预算执行情况（10分）');
    expect(side.isMerged).toBe(true);
  });

  it('writes 万元 as numbers with 2 decimals and 执行率 as a formula with its cached result', async () => {
    const ws = await sheetOf(await writeEvaluationXlsx(project('案件代理')));
    const total = findCell(ws, '总额');
    const row = ws.getRow(Number(total.row));
    // 总额: 年初 3.00, 调整后 2.40, 执行 2.40, 执行率 100.00% = E/D
    expect([row.getCell(3).value, row.getCell(4).value, row.getCell(5).value]).toEqual([3, 2.4, 2.4]);
    expect(row.getCell(4).numFmt).toBe('#,##0.00'); // core's one format: 万元 with separators
    expect(row.getCell(6).value).toEqual({ formula: `E${total.row}/D${total.row}`, result: 1 });
    expect(row.getCell(6).numFmt).toBe('0.00%');
  });

  it('prints figures in the one format: full-width digits as digits, scores numeric with two decimals', async () => {
    const r = project('案件代理');
    const [first, ...rest] = r.evaluation.indicators;
    const indicator = {
      ...first!,
      target: parseStated('≥１７２６'),
      weight: parseStated('１０'),
      statedScore: parseStated('９．５'),
    };
    const ws = await sheetOf(
      await writeEvaluationXlsx({ ...r, evaluation: { ...r.evaluation, indicators: [indicator, ...rest] } }),
    );
    const row = ws.getRow(Number(findCell(ws, indicator.name).row));
    const cells: ExcelJS.Cell[] = [];
    row.eachCell((c) => cells.push(c));
    const weight = cells.find((c) => c.value === 10)!;
    const score = cells.find((c) => c.value === 9.5)!;
    expect([weight.numFmt, score.numFmt]).toEqual(['0.00', '0.00']);
    expect(cells.map((c) => String(c.value))).toEqual(expect.arrayContaining(['≥1726']));
    expect(cells.map((c) => String(c.value)).join('')).not.toMatch(/[\uFF10-\uFF19％]/);
  });

  it('合计 is SUM of the weights and scores (plus the budget-execution 10), with the filed 100 as its result', async () => {
    const ws = await sheetOf(await writeEvaluationXlsx(project('案件代理')));
    const row = ws.getRow(Number(findCell(ws, '合计').row));
    const weight = row.getCell(9).value as { formula: string; result: number };
    const score = row.getCell(10).value as { formula: string; result: number };
    expect(weight.formula).toMatch(/^SUM\(I\d+:I\d+\)\+N\(G\d+\)$/);
    expect(score.formula).toMatch(/^SUM\(J\d+:J\d+\)\+N\(H\d+\)$/);
    expect([weight.result, score.result]).toEqual([100, 100]);
  });

  it('a 合计 that disagrees with its parts stays as filed, not replaced by a formula (seed 003 法律援助: 101 on a 10-point row)', async () => {
    const ws = await sheetOf(await writeEvaluationXlsx(project('法律援助')));
    const row = ws.getRow(Number(findCell(ws, '合计').row));
    expect(row.getCell(10).value).toBe(100); // filed 100, while the parts add to 191
  });
});

describe('text that looks like a formula is written as text', () => {
  it('= + - @ at the start of a cell never become <f> formulas, and read back as the same text', async () => {
    const registry = await loadBuiltinRegistry();
    const hostile = ['=HYPERLINK("http://evil.example","点击")', "+cmd|' /C calc'!A0", '-2+3', '@SUM(A1:A9)'];
    const e = newEvaluation({
      id: 'eval-1',
      title: '部门预算项目支出绩效自评表（2024年度）',
      kind: 'project',
      projectName: hostile[0]!,
      problems: hostile[2]!,
      indicators: [
        {
          id: 'ind-1',
          level1: '产出指标',
          level2: '数量指标',
          name: hostile[1]!,
          direction: '≥',
          target: parseStated('10'),
          unit: hostile[3]!,
          actual: parseStated('=1+1'),
          weight: parseStated('90'),
          statedScore: parseStated('90'),
        },
      ],
    });
    const doc = auditWith({ file: 'x', evaluations: [e], statements: [], issues: [] }, registry);
    // Scored under 财预〔2020〕10号, it goes into the national form (the unit written in the 指标值), and
    // into the 四川 form with its 度量单位 column when that is asked for.
    for (const layout of [undefined, 'project-self-evaluation']) {
      const xlsx = await writeEvaluationXlsx(doc.results[0]!, layout ? { layout } : {});
      const xml = await zipEntryText(xlsx, 'xl/worksheets/sheet1.xml');
      const formulas = [...xml.matchAll(/<f>([^<]*)<\/f>/g)].map((m) => m[1]);
      for (const f of formulas) expect(f).toMatch(/^SUM\([A-Z]+\d+:[A-Z]+\d+\)(\+N\([A-Z]+\d+\))?$/);
      expect(xml).not.toMatch(/HYPERLINK|cmd|calc/);
      const back = (await readXlsx(xlsx, 'x.xlsx')).evaluations[0]!;
      expect(back.projectName).toBe(hostile[0]);
      expect(back.indicators[0]).toMatchObject({ name: hostile[1], actual: { raw: '=1+1' } });
      if (layout) expect(back.indicators[0]!.unit).toBe(hostile[3]);
      else expect(back.indicators[0]!.target?.raw).toBe(`≥10${hostile[3]}`);
      expect(back.problems).toBe(hostile[2]);
    }
  });
});
