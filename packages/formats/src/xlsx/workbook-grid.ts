import type { EvaluationDocument, ReadIssue } from '@jixiao/core';
import * as XLSX from 'xlsx-republish';
import { eachSourceRef, readGridDocument, type DocumentPart } from '../grid/read-grid.ts';
import { ReadError } from '../read-error.ts';
import { cleanCell } from '../text/lines.ts';
import type { RawCell, RawRow } from '../text/tables/types.ts';

/** A form is a few hundred rows and a dozen or two columns; beyond these a sheet is not a form. */
const MAX_ROWS = 20_000;
const MAX_COLUMNS = 200;

/** Parses a workbook SheetJS reads (.xls, .xlsx, .et, .ods…): formatted cell text, no formulas run. */
export function parseWorkbook(bytes: Uint8Array, file: string): XLSX.WorkBook {
  try {
    return XLSX.read(bytes, {
      type: 'buffer',
      cellNF: true,
      cellFormula: false,
      cellHTML: false,
      cellStyles: false,
      // A password-protected or damaged file fails here rather than reading half.
      WTF: false,
    });
  } catch (error) {
    const message = (error as Error).message ?? '';
    if (/password|encrypt/i.test(message)) {
      throw new ReadError(file, `${file} 设有打开密码，无法读取；请在 Excel 或 WPS 中去掉密码后再导入`);
    }
    throw new ReadError(file, `${file} 无法作为 Excel 工作簿打开（文件已损坏，或不是 Excel 文件）`);
  }
}

/** How a cell reads: the text its number format shows ("70.47%"), else its value. */
function textOf(cell: XLSX.CellObject | undefined): string {
  if (!cell || cell.v === undefined || cell.v === null) return '';
  if (cell.t === 'e') return cell.w ?? '';
  if (cell.t === 'b') return cell.v ? '是' : '否';
  const shown = cell.w ?? String(cell.v);
  return cleanCell(shown.replace(/\r\n?/g, '\n'));
}

/**
 * A sheet as a grid, merged areas expanded the way every grid reader gives them: the text in the
 * top-left cell, the cells it covers blank. Row `line` is the sheet's own row number. Only cells
 * the file holds are visited, so a sheet that claims a million rows costs what it contains.
 */
export function sheetRows(ws: XLSX.WorkSheet, sheet: string, issues: ReadIssue[], file: string): RawRow[] {
  const texts = new Map<number, Map<number, string>>();
  let width = 0;
  let clipped = false;
  for (const key of Object.keys(ws)) {
    if (key.startsWith('!')) continue;
    const { r, c } = XLSX.utils.decode_cell(key);
    if (r >= MAX_ROWS || c >= MAX_COLUMNS) {
      clipped = true;
      continue;
    }
    const text = textOf(ws[key] as XLSX.CellObject);
    if (!text) continue;
    if (!texts.has(r)) texts.set(r, new Map());
    texts.get(r)!.set(c, text);
    width = Math.max(width, c + 1);
  }
  if (clipped) {
    issues.push({
      severity: 'warning',
      message: `工作表「${sheet}」超过 ${MAX_ROWS} 行或 ${MAX_COLUMNS} 列，只读取了前面的部分`,
      source: { file, sheet },
    });
  }
  // A merged area's text stays where the file has it; its other cells are blank already.
  const rows: RawRow[] = [];
  for (const r of [...texts.keys()].sort((a, b) => a - b)) {
    const line = r + 1;
    const filled = texts.get(r)!;
    const cells: RawCell[] = [];
    for (let c = 0; c < width; c++) cells.push({ text: filled.get(c) ?? '', line });
    rows.push({ cells, line, index: line, afterBreak: false });
  }
  return rows;
}

/** Where sheet k's rows are numbered from in the whole workbook, to give back sheet and row. */
const SHEET_STRIDE = 1_000_000;

/**
 * Reads a workbook through the same recogniser as text, HTML, Word and PDF: each sheet is a grid
 * (a table whose leading one-cell rows are its title), classified by its header content. Used for
 * every sheet that is not one of the forms jixiao itself writes, and for old .xls files.
 */
export function readWorkbookGrids(
  wb: XLSX.WorkBook,
  file: string,
  sheets: string[] = wb.SheetNames,
): EvaluationDocument {
  const issues: ReadIssue[] = [];
  const parts: DocumentPart[] = [];
  sheets.forEach((name, k) => {
    const ws = wb.Sheets[name];
    if (!ws) return;
    const rows = sheetRows(ws, name, issues, file);
    const offset = (k + 1) * SHEET_STRIDE;
    for (const row of rows) {
      row.line += offset;
      for (const c of row.cells) c.line += offset;
    }
    // Lines above the form (its title, its year, the unit's name) are the sheet's prose, as they
    // are on the printed page: the table starts at its first row of several cells.
    while (rows.length && rows[0]!.cells.filter((c) => c.text !== '').length <= 1) {
      const row = rows.shift()!;
      const text = row.cells.find((c) => c.text !== '')?.text;
      if (text) parts.push({ kind: 'prose', text, line: row.line, opensBlock: true });
    }
    if (!rows.length) {
      issues.push({
        severity: 'warning',
        message: `工作表「${name}」中没有表格，只读取了其中的文字`,
        source: { file, sheet: name },
      });
      return;
    }
    parts.push({
      kind: 'table',
      rows,
      firstLine: rows[0]!.line,
      lastLine: rows.at(-1)!.line,
      place: `工作表「${name}」`,
      mayContinue: false,
    });
  });
  const doc = readGridDocument(parts, file, { issues });
  eachSourceRef(doc, (ref) => {
    for (const key of ['line', 'endLine'] as const) {
      const v = ref[key];
      if (typeof v !== 'number' || v < SHEET_STRIDE) continue;
      const sheet = sheets[Math.floor(v / SHEET_STRIDE) - 1];
      if (sheet !== undefined) ref.sheet ??= sheet;
      ref[key] = v % SHEET_STRIDE;
    }
  });
  return doc;
}
