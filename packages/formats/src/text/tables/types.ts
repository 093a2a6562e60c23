/**
 * One cell as found in the text, with the line(s) it was written on. In a grid read from HTML or
 * Word, `line` is the source line of the cell where known, and 0 where the format has no lines.
 */
export interface RawCell {
  text: string;
  line: number;
  endLine?: number;
}

/** One table row before interpretation. */
export interface RawRow {
  cells: RawCell[];
  line: number;
  endLine?: number;
  /** 1-based position in its table, header rows included (set once the table is found). */
  index?: number;
  /** True when a blank line (a page break in the original) came just before this row. */
  afterBreak: boolean;
}

/**
 * 表格布局: tab-separated rows, one cell per line, or pipe rows (text exports); or a grid of cells
 * read from HTML or Word, merged cells already expanded (text in the first cell, the rest blank),
 * so its columns can be trusted and no realignment is needed. 'cell-stream': cells whose row ends
 * were lost (one cell per line without row breaks, a table flattened onto one line), cut into rows
 * by the form's labels; like pipe rows, their short rows are placed by content.
 */
export type TableLayout = 'tab-rows' | 'cell-lines' | 'pipe-rows' | 'space-rows' | 'cell-stream' | 'grid';

/**
 * A copy that lost cells on the way (a web page's table as pipe rows, rows whose cells are runs of
 * spaces, a cell stream): its short rows are placed by content and its footer closes the table.
 */
export function lostCells(layout: TableLayout): boolean {
  return layout === 'pipe-rows' || layout === 'space-rows' || layout === 'cell-stream';
}

/** A table located in the text, its rows still uninterpreted. */
export interface RawTable {
  layout: TableLayout;
  /** Caption written above or as the first row of the table ("部门整体绩效自评表"). */
  title?: { text: string; line: number; paragraph?: number };
  /** A caption like "(2021 年度)" next to the title. */
  captionYear?: number;
  rows: RawRow[];
  firstLine: number;
  lastLine: number;
  /** How the table was made out of a copy that lost its cells' bounds, said to the user as a warning. */
  guess?: string;
  /** How messages name the table when lines do not locate it ("第 2 个表格「…」"): grids only. */
  place?: string;
}
