import type { HTMLElement } from 'node-html-parser';
import { cleanCell } from '../text/lines.ts';
import type { RawCell, RawRow } from '../text/tables/types.ts';
import { isElement, tagOf, textOf } from './dom.ts';

/** No form is wider than this; a larger colspan is a broken or hostile page (HTML itself allows 1000). */
const MAX_COLSPAN = 100;

/** Where a cell of the page is: its source line, or 0 where the format has none (Word). */
export type CellLocator = (cell: HTMLElement) => number;

/** The table's own rows in order — thead, tbody, tfoot or bare — never the rows of a table inside. */
export function rowsOf(table: HTMLElement): HTMLElement[] {
  const rows: HTMLElement[] = [];
  for (const child of table.childNodes) {
    if (!isElement(child)) continue;
    const tag = tagOf(child);
    if (tag === 'tr') rows.push(child);
    else if (tag === 'thead' || tag === 'tbody' || tag === 'tfoot') {
      for (const r of child.childNodes) if (isElement(r) && tagOf(r) === 'tr') rows.push(r);
    }
  }
  return rows;
}

function span(cell: HTMLElement, name: string): number {
  const n = Number.parseInt(cell.getAttribute(name) ?? '1', 10);
  return Number.isFinite(n) ? n : 1;
}

/**
 * The table as a grid of rows, merged cells expanded the way the text exports write them: a
 * merged cell's text in its first (top-left) cell, the cells it covers blank. Rows are padded to
 * the table's width. `budget` is how many cells may still be made; the grid stops there.
 */
export function gridOf(
  table: HTMLElement,
  locate: CellLocator,
  budget: { cells: number },
): { rows: RawRow[]; truncated: boolean } {
  const trs = rowsOf(table);
  /** Per column: how many more rows a rowspan from above still covers. */
  const down: number[] = [];
  const rows: RawRow[] = [];
  let width = 0;
  let truncated = false;
  for (let r = 0; r < trs.length; r++) {
    const tr = trs[r]!;
    const line = locate(tr);
    const blank = (): RawCell => ({ text: '', line });
    const cells: RawCell[] = [];
    let col = 0;
    for (const td of tr.childNodes) {
      if (!isElement(td) || (tagOf(td) !== 'td' && tagOf(td) !== 'th')) continue;
      while ((down[col] ?? 0) > 0) cells[col++] = blank();
      const colspan = Math.min(Math.max(span(td, 'colspan'), 1), MAX_COLSPAN);
      const left = trs.length - r;
      const rs = span(td, 'rowspan');
      // rowspan="0" reaches to the end of the table; none may reach past it.
      const rowspan = rs <= 0 ? left : Math.min(rs, left);
      cells[col] = { text: cleanCell(textOf(td)), line: locate(td) || line };
      for (let k = 1; k < colspan; k++) cells[col + k] = blank();
      if (rowspan > 1) for (let k = 0; k < colspan; k++) down[col + k] = rowspan;
      col += colspan;
    }
    for (let c = col; c < down.length; c++) if ((down[c] ?? 0) > 0) cells[c] = blank();
    for (let c = 0; c < cells.length; c++) cells[c] ??= blank();
    for (let c = 0; c < down.length; c++) if ((down[c] ?? 0) > 0) down[c]!--;
    budget.cells -= cells.length;
    if (budget.cells < 0) {
      truncated = true;
      break;
    }
    width = Math.max(width, cells.length);
    rows.push({ cells, line, afterBreak: false });
  }
  for (const row of rows) {
    while (row.cells.length < width) row.cells.push({ text: '', line: row.line });
  }
  return { rows, truncated };
}
