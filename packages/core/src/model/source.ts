/**
 * 来源位置 — where a value was read from, so every figure and finding can point back to it.
 * Readers fill what their format knows: text files give lines, spreadsheets give sheet and cell.
 */
export interface SourceRef {
  file?: string;
  /** 1-based page of a PDF; `line` is then the line on that page. */
  page?: number;
  /** 1-based line in an imported text file. */
  line?: number;
  /** Last line when a value (a table row split over a page break) spans several lines. */
  endLine?: number;
  /** Caption of the table the value belongs to, e.g. 部门整体绩效自评表. */
  table?: string;
  /** 1-based row within that table, counting the header row(s). */
  row?: number;
  /** Column header the value sits under, e.g. 全年预算数. */
  column?: string;
  sheet?: string;
  /** Spreadsheet cell such as "D7". */
  cell?: string;
  /** 1-based paragraph in a Word document. */
  paragraph?: number;
  /**
   * A value computed in the app rather than read from a file: where it came from and how, e.g.
   * "满意度调查：非常满意、满意、基本满意 29 份 ÷ 收回有效问卷 30 份 = 96.67%".
   */
  derivation?: string;
}

/** Human-readable location in Chinese, e.g. "第 12 行 · 部门整体绩效自评表 · 全年预算数". */
export function describeSource(ref: SourceRef | undefined): string {
  if (!ref) return '位置未知';
  const parts: string[] = [];
  if (ref.page !== undefined) parts.push(`第 ${ref.page} 页`);
  if (ref.line !== undefined) {
    parts.push(
      ref.endLine && ref.endLine !== ref.line ? `第 ${ref.line}–${ref.endLine} 行` : `第 ${ref.line} 行`,
    );
  }
  if (ref.sheet) parts.push(`工作表「${ref.sheet}」`);
  if (ref.cell) parts.push(`单元格 ${ref.cell}`);
  if (ref.paragraph !== undefined) parts.push(`第 ${ref.paragraph} 段`);
  if (ref.table) parts.push(ref.table);
  // A cell of a Word or HTML table has no line of its own: its row is where a reader finds it.
  if (ref.row !== undefined && ref.line === undefined && !ref.cell) parts.push(`第 ${ref.row} 行`);
  if (ref.column) parts.push(ref.column);
  if (ref.derivation) parts.push(ref.derivation);
  return parts.length ? parts.join(' · ') : '位置未知';
}
