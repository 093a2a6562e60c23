/** One cell as found in the text, with the line(s) it was written on. */
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

/** 表格布局: tab-separated rows, one cell per line, or pipe rows. */
export type TableLayout = 'tab-rows' | 'cell-lines' | 'pipe-rows';

/** A table located in the text, its rows still uninterpreted. */
export interface RawTable {
  layout: TableLayout;
  /** Caption written above or as the first row of the table ("部门整体绩效自评表"). */
  title?: { text: string; line: number };
  /** A caption like "(2021 年度)" next to the title. */
  captionYear?: number;
  rows: RawRow[];
  firstLine: number;
  lastLine: number;
}
