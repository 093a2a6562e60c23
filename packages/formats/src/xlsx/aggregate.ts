import type { Borders, Cell } from 'exceljs';
import { D, foldDigits } from '@jixiao/core';
import { textCell } from './cells.ts';
import { col, newWorkbook } from './write.ts';

/**
 * What a column holds, which decides its cell type and number format: 万元 amounts and scores with 2
 * decimals, rates as percentages with 2 decimals, counts as integers, anything else as text.
 */
export type AggregateKind = 'text' | 'amount' | 'rate' | 'score' | 'count';

export interface AggregateColumn {
  header: string;
  kind: AggregateKind;
  /** Width in characters. */
  width: number;
  /** Text is left-aligned unless told (年度, 等级 read better centred); numbers are always right-aligned. */
  align?: 'left' | 'center';
}

/**
 * One row of an aggregate table. Numbers come as decimal strings ("898.33"; a rate in percent, "98.39"),
 * never floats, so the caller's sums are what the sheet shows.
 * - `part`: a 其中 line that details the row above and is not added again;
 * - `subtotal` / `total`: 小计 and 合计 lines, bold.
 */
export interface AggregateRow {
  cells: Array<string | null>;
  style?: 'normal' | 'part' | 'subtotal' | 'total';
}

export interface AggregateTable {
  title: string;
  /** Shown under the title: 年度, 单位：万元, who it covers. */
  subtitle?: string;
  columns: AggregateColumn[];
  rows: AggregateRow[];
  /** Lines under the table (口径说明). */
  notes?: string[];
  sheetName?: string;
}

const THIN = { style: 'thin' as const, color: { argb: 'FF000000' } };
const BORDER: Partial<Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const FONT = { name: '宋体', size: 10 };
const FILL = (argb: string) => ({ type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb } });
const FORMATS: Record<Exclude<AggregateKind, 'text'>, string> = {
  amount: '#,##0.00',
  rate: '0.00%',
  score: '0.00',
  count: '0',
};

/** Display width of a text in column units: a CJK character in 宋体 10 takes about 1.8. */
function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\uffff]/.test(ch) ? 1.8 : 1;
  return w;
}

/** Lines a wrapped text takes in a column (exceljs cannot measure, and LibreOffice keeps the height given). */
function linesIn(text: string, width: number): number {
  return text
    .split('\n')
    .reduce((n, part) => n + Math.max(1, Math.ceil(displayWidth(part) / Math.max(1, width - 1))), 0);
}

function setValue(cell: Cell, kind: AggregateKind, value: string | null) {
  if (value === null || value === '') return;
  if (kind !== 'text') {
    let number: InstanceType<typeof D> | null = null;
    try {
      // Full-width digits, thousands separators and a written % are the same number (core's foldDigits).
      number = new D(foldDigits(value).replace(/,/g, '').replace(/%$/, ''));
    } catch {
      number = null;
    }
    if (number && number.isFinite()) {
      cell.value = (kind === 'rate' ? number.div(100) : number).toNumber();
      cell.numFmt = FORMATS[kind];
      return;
    }
  }
  // A string cell is written as a shared string, never as a formula, whatever it starts with
  // (a department named "=HYPERLINK(…)" stays that text).
  cell.value = textCell(value).value;
}

/**
 * An aggregate table (汇总表) as one sheet in the official style: a merged title, a subtitle, a bold grey
 * header, thin borders, 万元 with 2 decimals, bold 小计/合计 lines, notes under it; landscape, one page wide.
 */
export async function writeAggregateXlsx(table: AggregateTable): Promise<Buffer> {
  const wb = newWorkbook();
  const ws = wb.addWorksheet((table.sheetName ?? '汇总表').replace(/[\\/?*[\]:]/g, '_').slice(0, 31), {
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const width = table.columns.length;
  ws.columns = table.columns.map((c) => ({ width: c.width }));

  let r = 1;
  ws.mergeCells(r, 1, r, width);
  const title = ws.getCell(r, 1);
  title.value = textCell(table.title).value;
  title.font = { ...FONT, size: 16, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(r).height = 28;
  r++;
  if (table.subtitle) {
    ws.mergeCells(r, 1, r, width);
    const sub = ws.getCell(r, 1);
    sub.value = textCell(table.subtitle).value;
    sub.font = FONT;
    sub.alignment = { horizontal: 'right', vertical: 'middle' };
    r++;
  }

  const headerRow = r;
  table.columns.forEach((c, k) => {
    const cell = ws.getCell(r, k + 1);
    cell.value = textCell(c.header).value;
    cell.font = { ...FONT, bold: true };
    cell.fill = FILL('FFF2F2F2');
    cell.border = BORDER;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  ws.getRow(r).height = 30;
  r++;

  for (const row of table.rows) {
    const style = row.style ?? 'normal';
    let lines = 1;
    table.columns.forEach((c, k) => {
      const cell = ws.getCell(r, k + 1);
      setValue(cell, c.kind, row.cells[k] ?? null);
      cell.border = BORDER;
      cell.font = { ...FONT, bold: style === 'subtotal' || style === 'total' };
      if (style === 'subtotal') cell.fill = FILL('FFFAFAFA');
      if (style === 'total') cell.fill = FILL('FFEDEDED');
      cell.alignment = {
        vertical: 'middle',
        wrapText: c.kind === 'text',
        horizontal: c.kind === 'text' ? (c.align ?? 'left') : 'right',
        ...(style === 'part' && c.kind === 'text' && k === 1 ? { indent: 1 } : {}),
      };
      if (typeof cell.value === 'string') lines = Math.max(lines, linesIn(cell.value, c.width));
    });
    if (lines > 1) ws.getRow(r).height = 14 * lines;
    r++;
  }

  for (const note of table.notes ?? []) {
    ws.mergeCells(r, 1, r, width);
    const cell = ws.getCell(r, 1);
    cell.value = textCell(note).value;
    cell.font = FONT;
    cell.alignment = { horizontal: 'left', vertical: 'top', wrapText: true };
    const total = table.columns.reduce((w, c) => w + c.width, 0);
    const lines = linesIn(note, total);
    if (lines > 1) ws.getRow(r).height = 14 * lines;
    r++;
  }

  ws.views = [{ state: 'frozen', ySplit: headerRow }];
  ws.pageSetup.printArea = `A1:${col(width)}${r - 1}`;
  ws.pageSetup.printTitlesRow = `${headerRow}:${headerRow}`;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
