import type { Evaluation, ReadIssue, SourceRef } from '@jixiao/core';
import { lostCells, type RawCell, type RawRow, type RawTable } from './types.ts';
import { fit, placeByContent } from './stream-align.ts';
import { isLevel1Label } from './vocabulary.ts';
import { endsAfter } from '../document-text.ts';
import type { ColumnType } from './vocabulary.ts';

/** What every section reader needs: where it is, and where to put what it finds. */
export interface TableContext {
  file: string;
  table: RawTable;
  /** Caption used in provenance and messages. */
  tableTitle: string;
  evaluation: Evaluation;
  issues: ReadIssue[];
  /** The whole document, to tell a cell cut by a page break from a real name. */
  documentText: string;
}

export function sourceOf(
  ctx: TableContext,
  row: RawRow,
  cell: RawCell | undefined,
  column?: string,
): SourceRef {
  const ref: SourceRef = { file: ctx.file };
  // A grid from Word has no lines (0): its place is the table, row and column alone.
  const line = cell?.line || row.line;
  if (line) ref.line = line;
  ref.table = ctx.tableTitle;
  const end = cell ? cell.endLine : row.endLine;
  if (line && end !== undefined && end !== line) ref.endLine = end;
  ref.row = row.index ?? ctx.table.rows.indexOf(row) + 1;
  if (column) ref.column = column.replace(/\s+/g, '');
  return ref;
}

export function warn(ctx: TableContext, row: RawRow, message: string, code?: string): void {
  if (ctx.table.layout === 'grid') {
    const at = row.index ?? ctx.table.rows.indexOf(row) + 1;
    const source: SourceRef = { file: ctx.file, table: ctx.tableTitle, row: at };
    if (row.line) source.line = row.line;
    ctx.issues.push({
      severity: 'warning',
      message: `${ctx.table.place ?? `表格「${ctx.tableTitle}」`}第 ${at} 行：${message}`,
      source,
      ...(code ? { code } : {}),
    });
    return;
  }
  ctx.issues.push({
    severity: 'warning',
    message: `第 ${row.line} 行：${message}`,
    source: { file: ctx.file, line: row.line, table: ctx.tableTitle },
    ...(code ? { code } : {}),
  });
}

/**
 * A copy that lost its separators or empty cells (pipe rows of a web page, a cell stream): a row
 * shorter than its header is placed by what its cells hold, and the guess is said.
 */
export function placeShortRow(
  ctx: TableContext,
  row: RawRow,
  cells: RawCell[],
  width: number,
  columns: { types: Array<ColumnType | undefined>; fields: Array<string | undefined> },
  previous?: RawCell[],
): RawCell[] | undefined {
  if (!lostCells(ctx.table.layout)) return undefined;
  if (cells.length >= width) return undefined;
  // Explicit empty cells between filled ones: this copy kept its columns, only the trailing ones are cut.
  const firstFilled = cells.findIndex((c) => c.text !== '');
  let lastFilled = cells.length - 1;
  while (lastFilled > 0 && cells[lastFilled]!.text === '') lastFilled--;
  if (
    cells.slice(firstFilled, lastFilled + 1).some((c) => c.text === '') ||
    (firstFilled === 0 && cells[0]!.text === '')
  )
    return undefined;
  if (cells[0]?.text === '') return undefined;
  const line = row.line;
  // The row the copy ends in (the text stops inside the table): it lost its trailing cells, not
  // inner ones. From the 一级 column (its first cell a 一级 label, so nothing merged is missing) its cells go in
  // order when none contradicts its column.
  const rows = ctx.table.rows;
  const endsText = rows[rows.length - 1] === row && endsAfter(ctx.documentText, row.endLine ?? row.line);
  const first = columns.types.indexOf('level1');
  if (endsText && first >= 0 && isLevel1Label(cells[0]!.text)) {
    const filled = cells.filter((c) => c.text !== '');
    // No hard mismatch (a figure in a text column, a sign in a number column): -2 and below.
    // …and only where the row above filled those same columns (past its merged 一级/二级): a copy
    // that dropped an empty inner cell would otherwise shift every figure after it.
    const sameAsAbove = (k: number) => k < first + 2 || (previous?.[k]?.text ?? '') !== '';
    if (
      previous !== undefined &&
      first + filled.length <= width &&
      filled.every((_, k) => sameAsAbove(first + k)) &&
      filled.every((c, k) => fit(c.text, columns.types[first + k]) > -2)
    ) {
      warn(
        ctx,
        row,
        `这一行在文件末尾中断，只有 ${filled.length} 格，已从一级指标起按表头顺序放入各列，其后各列为空`,
        'row-cut-off',
      );
      return Array.from({ length: width }, (_, k) => filled[k - first] ?? { text: '', line });
    }
  }
  const placement = placeByContent(cells, columns.types, columns.fields);
  const sure = Math.round(placement.confidence * 100);
  warn(
    ctx,
    row,
    `这一行只有 ${cells.filter((c) => c.text !== '').length} 格，少于表头的 ${width} 列（合并单元格或空格在复制时丢失），已按各格内容放入各列${placement.ambiguous ? '，另有同样可能的放法，请核对' : ''}（把握约 ${sure}%）`,
    'cells-placed',
  );
  return placement.cells.map((c) => c ?? { text: '', line });
}
