import type { Evaluation, ReadIssue, SourceRef } from '@jixiao/core';
import type { RawCell, RawRow, RawTable } from './types.ts';

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

export function warn(ctx: TableContext, row: RawRow, message: string): void {
  if (ctx.table.layout === 'grid') {
    const at = row.index ?? ctx.table.rows.indexOf(row) + 1;
    const source: SourceRef = { file: ctx.file, table: ctx.tableTitle, row: at };
    if (row.line) source.line = row.line;
    ctx.issues.push({
      severity: 'warning',
      message: `${ctx.table.place ?? `表格「${ctx.tableTitle}」`}第 ${at} 行：${message}`,
      source,
    });
    return;
  }
  ctx.issues.push({
    severity: 'warning',
    message: `第 ${row.line} 行：${message}`,
    source: { file: ctx.file, line: row.line, table: ctx.tableTitle },
  });
}
