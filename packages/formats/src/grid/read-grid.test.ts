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
