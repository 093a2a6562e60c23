import { describe, expect, it } from 'vitest';
import type { RawRow } from '../text/tables/types.ts';
import { modelDigest } from '../xlsx/digest.ts';
import { seedAudits } from '../xlsx/seed-results.ts';
import { parseWorkbook, sheetRows } from '../xlsx/workbook-grid.ts';
import { writeEvaluationXlsx } from '../xlsx/write.ts';
import { readGridDocument, type DocumentPart } from './read-grid.ts';

/** Seed 003's 法律援助 项目支出绩效自评表 as jixiao writes it, as grid rows. */
async function projectRows(): Promise<RawRow[]> {
  const { audits } = await seedAudits();
  const xlsx = await writeEvaluationXlsx(
    audits[3]!.results.find((r) => r.evaluation.projectName === '法律援助')!,
  );
  const wb = parseWorkbook(xlsx, 'project.xlsx');
  return sheetRows(wb.Sheets[wb.SheetNames[0]!]!, wb.SheetNames[0]!, [], 'project.xlsx');
}

/** A table part of fresh copies of the rows, without their sheet row numbers (as a PDF gives them). */
const table = (rows: RawRow[], place: string): DocumentPart => ({
  kind: 'table',
  rows: rows.map(({ index: _index, ...r }) => ({ ...r, cells: r.cells.map((c) => ({ ...c })) })),
  firstLine: 0,
  lastLine: 0,
  place,
});

describe('a form cut at a page break reads as one table', () => {
  it('the continuation joins the table above it, and the header rows it repeats (WPS/Word) are dropped', async () => {
    const rows = await projectRows();
    const header = rows.findIndex((r) => r.cells.some((c) => c.text === '三级指标'));
    expect(header).toBeGreaterThanOrEqual(0);
    const cut = header + 3;
    const whole = readGridDocument([table(rows, '第 1 页第 1 个表格')], 'a.pdf');
    const split = readGridDocument(
      [
        table(rows.slice(0, cut), '第 1 页第 1 个表格'),
        table([...rows.slice(header, header + 1), ...rows.slice(cut)], '第 2 页第 1 个表格'),
      ],
      'a.pdf',
    );
    expect(whole.evaluations[0]!.indicators.length).toBeGreaterThan(5);
    expect(split.evaluations.map(modelDigest)).toEqual(whole.evaluations.map(modelDigest));
  });
});

describe('a table printed on over a page break, its header rows repeated (打印标题), reads as one table', () => {
  const onPage = (part: DocumentPart, page: number): DocumentPart => ({ ...part, page });
  const prose = (text: string, line: number, page: number): DocumentPart => ({
    kind: 'prose',
    text,
    line,
    opensBlock: false,
    page,
  });

  /** The form cut after its second indicator; page 2 opens with the header again. */
  async function printed(between: DocumentPart[]) {
    const rows = await projectRows();
    const header = rows.findIndex((r) => r.cells.some((c) => c.text === '三级指标'));
    const cut = header + 3;
    // The header as printed again: the merged "绩效指标（90分）" down the side is printed once.
    const repeated = {
      ...rows[header]!,
      cells: rows[header]!.cells.map((c, k) => (k ? c : { ...c, text: '' })),
    };
    const whole = readGridDocument([table(rows, '第 1 页第 1 个表格')], 'a.pdf');
    const split = readGridDocument(
      [
        onPage(table(rows.slice(0, cut), '第 1 页第 1 个表格'), 1),
        ...between,
        onPage(table([repeated, ...rows.slice(cut)], '第 2 页第 1 个表格'), 2),
      ],
      'a.pdf',
    );
    return { whole, split };
  }

  it('the rows on page 2 join the table, the repeated header and the cut cell printed above it left out', async () => {
    // LibreOffice prints the text of the 一级 cell cut by the break again at the head of page 2.
    const { whole, split } = await printed([prose('产出指标', 90, 2)]);
    expect(whole.evaluations[0]!.indicators).toHaveLength(9);
    expect(split.evaluations.map(modelDigest)).toEqual(whole.evaluations.map(modelDigest));
    // Each row keeps its own source line (the PDF reader gives back its page from it).
    const lines = (d: typeof whole) => d.evaluations[0]!.indicators.map((i) => i.source?.line);
    expect(lines(split)).toEqual(lines(whole));
    expect(split.evaluations[0]!.indicators.some((i) => i.name.includes('三级指标'))).toBe(false);
  });

  it('a new form on page 2, under its own title, stays a table of its own', async () => {
    const { split } = await printed([prose('部门预算项目支出绩效自评表（2023年度）', 90, 2)]);
    expect(split.evaluations[0]!.indicators.map((i) => i.name)).toEqual(['法律援助人次', '法律援助案件']);
  });

  it('a paragraph after the table on page 1 ends it: page 2 is a new table', async () => {
    const { split } = await printed([prose('以上为本项目绩效指标完成情况。', 80, 1)]);
    expect(split.evaluations[0]!.indicators).toHaveLength(2);
  });
});
