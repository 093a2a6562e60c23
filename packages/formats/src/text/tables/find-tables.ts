import type { NumberedLine } from '../narrative/types.ts';
import { cleanCell } from '../lines.ts';
import { lineShape } from './classify.ts';
import { pipeRows } from './pipe-rows.ts';
import { readCellStream } from './cell-stream.ts';
import { readFusedLine } from './fused-line.ts';
import { readRunTogether } from './run-together.ts';
import { sectionOf } from './columns.ts';
import { captionAbove, captionYear, looksLikeTitle, titleYear } from './titles.ts';
import type { RawCell, RawRow, RawTable } from './types.ts';

/** Finds every table in the text, whatever its layout, in reading order. */
export function findTables(lines: NumberedLine[]): RawTable[] {
  const tables: RawTable[] = [];
  let i = 0;
  /** Where the last table ended: a pipe block reaches back no further. */
  let floor = 0;
  while (i < lines.length) {
    const shape = lineShape(lines[i]!.text);
    if (shape === 'tab-row') {
      const { table, next } = readTabRows(lines, i);
      tables.push(table);
      i = next;
      floor = next;
    } else if (shape === 'cell-line') {
      const { tables: found, next } = readCellLines(lines, i);
      tables.push(...found);
      i = next;
      floor = next;
    } else if (shape === 'pipe-row') {
      const { tables: found, next } = readPipeRows(lines, i, floor);
      tables.push(...found);
      i = next;
      floor = next;
    } else {
      // One cell per line without tabs or row ends: a run of header labels opens a cell stream.
      const stream = /^(一级指标|三级指标)$/.test(cleanCell(lines[i]!.text))
        ? readCellStream(lines, i)
        : undefined;
      const found = stream ?? readFusedLine(lines, i) ?? readRunTogether(lines, i) ?? readSpaceRows(lines, i);
      if (found) {
        tables.push(withCaption(found.table, lines, i));
        i = found.next;
        floor = found.next;
      } else i++;
    }
  }
  for (const t of tables) t.rows.forEach((r, k) => (r.index = k + 1));
  return tables;
}

function nextNonBlank(lines: NumberedLine[], from: number): number {
  let j = from;
  while (j < lines.length && lineShape(lines[j]!.text) === 'blank') j++;
  return j;
}

function withCaption(table: RawTable, lines: NumberedLine[], start: number): RawTable {
  const above = captionAbove(lines, start);
  if (!table.title && above.title) table.title = above.title;
  const year = above.year ?? (table.title ? titleYear(table.title.text) : undefined);
  if (year !== undefined) table.captionYear = year;
  return table;
}

/** Layout 1: one row per line, cells separated by tabs; a blank line inside is a page break. */
function readTabRows(lines: NumberedLine[], start: number): { table: RawTable; next: number } {
  const rows: RawRow[] = [];
  let i = start;
  let afterBreak = false;
  while (i < lines.length) {
    const l = lines[i]!;
    let shape = lineShape(l.text);
    // "\t合计" inside a tab-row table is a row with an empty first cell, not the other layout.
    if (shape === 'cell-line' && i > start) {
      const j = nextNonBlank(lines, i + 1);
      if (j < lines.length && lineShape(lines[j]!.text) === 'tab-row') shape = 'tab-row';
    }
    if (shape === 'tab-row') {
      const cells = l.text.split('\t').map((t) => ({ text: cleanCell(t), line: l.line }));
      rows.push({ cells, line: l.line, afterBreak });
      afterBreak = false;
      i++;
    } else if (shape === 'blank') {
      const j = nextNonBlank(lines, i);
      if (j < lines.length && lineShape(lines[j]!.text) === 'tab-row') {
        afterBreak = true;
        i = j;
      } else break;
    } else break;
  }
  const table: RawTable = {
    layout: 'tab-rows',
    rows,
    firstLine: lines[start]!.line,
    lastLine: lines[i - 1]!.line,
  };
  return { table: withCaption(table, lines, start), next: i };
}

/**
 * Layout 2: each cell on its own line after a leading tab, rows separated by blank lines; a line
 * without a tab continues the cell above (a cell with line breaks, or one cut by a page break).
 */
function readCellLines(lines: NumberedLine[], start: number): { tables: RawTable[]; next: number } {
  const rows: RawRow[] = [];
  let block: RawCell[] = [];
  let prevBlank = false;
  const flush = () => {
    if (block.length) {
      const last = block[block.length - 1]!;
      rows.push({
        cells: block,
        line: block[0]!.line,
        endLine: last.endLine ?? last.line,
        afterBreak: false,
      });
    }
    block = [];
  };
  const lastCell = (): RawCell | undefined => block[block.length - 1] ?? rows[rows.length - 1]?.cells.at(-1);
  let i = start;
  while (i < lines.length) {
    const l = lines[i]!;
    const shape = lineShape(l.text);
    if (shape === 'cell-line') {
      block.push({ text: cleanCell(l.text.slice(1)), line: l.line });
      prevBlank = false;
      i++;
    } else if (shape === 'blank') {
      flush();
      prevBlank = true;
      i++;
    } else if (shape === 'text' && !prevBlank && lastCell()) {
      appendTo(lastCell()!, l);
      i++;
    } else if (shape === 'text' && prevBlank) {
      // Prose after a blank line continues the last cell only when the table resumes right after it.
      let j = i;
      const paragraphs: NumberedLine[] = [];
      while (j < lines.length && paragraphs.length <= 3) {
        const s = lineShape(lines[j]!.text);
        if (s === 'text') paragraphs.push(lines[j]!);
        else if (s !== 'blank') break;
        j++;
      }
      const target = lastCell();
      if (j < lines.length && lineShape(lines[j]!.text) === 'cell-line' && paragraphs.length <= 3 && target) {
        for (const p of paragraphs) appendTo(target, p);
        i = j;
        prevBlank = false;
      } else break;
    } else break;
  }
  flush();
  return { tables: splitByTitles(rows, lines, start, 'cell-lines'), next: i };
}

function appendTo(cell: RawCell, l: NumberedLine): void {
  const more = cleanCell(l.text);
  if (!more) return;
  cell.text = cell.text ? `${cell.text}\n${more}` : more;
  cell.endLine = l.line;
}

/** A one-cell row that reads like a form title starts a new table. */
function splitByTitles(
  rows: RawRow[],
  lines: NumberedLine[],
  start: number,
  layout: 'cell-lines' | 'pipe-rows',
): RawTable[] {
  const tables: RawTable[] = [];
  let current: RawTable | undefined;
  for (const row of rows) {
    const filled = row.cells.filter((c) => c.text !== '');
    // "(2023年度)" under the title, in its own row or beside it ("项目支出绩效自评表 | (2023年度)").
    const year = filled.length ? captionYear(filled[filled.length - 1]!.text) : undefined;
    if (filled.length === 1 && year !== undefined && current && !current.rows.length) {
      current.captionYear = year;
      current.lastLine = row.endLine ?? row.line;
      continue;
    }
    if (filled.length === 2 && year !== undefined && looksLikeTitle(filled[0]!.text)) filled.pop();
    if (
      filled.length === 1 &&
      row.cells.length <= 2 + (year === undefined ? 0 : 1) &&
      looksLikeTitle(filled[0]!.text)
    ) {
      const title = { text: filled[0]!.text.replace(/\s+/g, ''), line: filled[0]!.line };
      current = {
        layout,
        title,
        rows: [],
        firstLine: row.line,
        lastLine: row.endLine ?? row.line,
      };
      const inTitle = titleYear(title.text) ?? year;
      if (inTitle !== undefined) current.captionYear = inTitle;
      tables.push(current);
      continue;
    }
    if (!current) {
      current = withCaption({ layout, rows: [], firstLine: row.line, lastLine: row.line }, lines, start);
      tables.push(current);
    }
    current.rows.push(row);
    current.lastLine = row.endLine ?? row.line;
  }
  return tables;
}

/** Layout 3: pipe rows ("a | b | c | |"), however the copy broke them (see pipeRows). */
function readPipeRows(
  lines: NumberedLine[],
  at: number,
  floor: number,
): { tables: RawTable[]; next: number } {
  // A row broken after its first cell leaves lines with a single "|" ("项目资金 (万元) |"): they
  // belong to the block, before its first full pipe line as well as inside it.
  const onePipe = (k: number) => k < lines.length && lines[k]!.text.includes('|');
  let start = at;
  while (start > floor && onePipe(start - 1)) start--;
  let i = at;
  while (i < lines.length && (lineShape(lines[i]!.text) === 'pipe-row' || onePipe(i))) i++;
  const rows = pipeRows(lines.slice(start, i));
  return { tables: splitByTitles(rows, lines, start, 'pipe-rows'), next: i };
}

/** Cells of a line whose columns are runs of two or more spaces (a PDF or fixed-width copy). */
function spaceCells(text: string): string[] {
  return cleanCell(text)
    .split(/\s{2,}/)
    .map((c) => c.trim())
    .filter(Boolean);
}

/**
 * Layout 4: rows whose cells are separated by runs of spaces, blank cells simply missing. Only a
 * line that reads as a form's header row starts one (prose has double spaces too); the rows run
 * while lines keep two or more such cells.
 */
function readSpaceRows(lines: NumberedLine[], start: number): { table: RawTable; next: number } | undefined {
  const head = spaceCells(lines[start]!.text);
  if (head.length < 3 || !sectionOf(head)) return undefined;
  const rows: RawRow[] = [];
  let i = start;
  for (; i < lines.length; i++) {
    const l = lines[i]!;
    if (lineShape(l.text) !== 'text') break;
    const cells = spaceCells(l.text);
    if (cells.length < 2) break;
    rows.push({ cells: cells.map((text) => ({ text, line: l.line })), line: l.line, afterBreak: false });
  }
  if (rows.length < 2) return undefined;
  return {
    table: { layout: 'space-rows', rows, firstLine: lines[start]!.line, lastLine: lines[i - 1]!.line },
    next: i,
  };
}
