import type { Evaluation, ReadIssue } from '@jixiao/core';
import type { HTMLElement } from 'node-html-parser';
import { gridOf } from '../html/grid.ts';
import { parsePage } from '../html/parse-page.ts';
import type { Grid, GridCell } from '../xlsx/grid.ts';
import { loadLayouts, type XlsxLayout } from '../xlsx/layout.ts';
import { readLayoutGrid, recogniseLayout } from '../xlsx/read.ts';
import { col, FRAMEWORK_NOTE } from '../xlsx/write.ts';

/** Cells a Word file's tables may expand to before the form reading stops (the HTML reader's own bound). */
const MAX_CELLS = 2_000_000;

/** The tables of the page that are not inside another table, in document order. */
function outerTables(root: HTMLElement): HTMLElement[] {
  return root
    .querySelectorAll('table')
    .filter((t) => !t.parentNode || !(t.parentNode as HTMLElement).closest?.('table'));
}

/** An HTML table as the xlsx reader's grid: rows and columns from 1, merged areas at their top-left. */
function tableGrid(tables: HTMLElement[], budget: { cells: number }): Grid {
  const grid: Grid = new Map();
  const rows = tables.flatMap((t) => gridOf(t, () => 0, budget).rows);
  rows.forEach((row, r) => {
    const cells: GridCell[] = [];
    row.cells.forEach((c, k) => {
      if (c.text === '') return;
      cells.push({ row: r + 1, col: k + 1, address: `${col(k + 1)}${r + 1}`, text: c.text });
    });
    if (cells.length) grid.set(r + 1, cells);
  });
  return grid;
}

/** Whether a table opens with a line of its own (a form's title), as jixiao writes a form's first table. */
function startsForm(table: HTMLElement, budget: { cells: number }): boolean {
  const first = gridOf(table, () => 0, budget).rows[0]?.cells.filter((c) => c.text !== '') ?? [];
  return first.length === 1;
}

/** Whether a table's last line is the 评分框架 line jixiao ends each form it writes with. */
function endsForm(table: HTMLElement, budget: { cells: number }): boolean {
  const rows = gridOf(table, () => 0, budget).rows;
  const last = rows[rows.length - 1]?.cells.filter((c) => c.text !== '') ?? [];
  return last.length === 1 && last[0]!.text.startsWith(FRAMEWORK_NOTE);
}

/**
 * The 自评表 of a Word file that are jixiao's own forms (a report jixiao wrote carries each
 * evaluation's form as its 附件), each read by its layout exactly as the xlsx reader reads a sheet.
 * Tables no layout recognises are left to the HTML reader.
 */
export function readFormTables(
  html: string,
  file: string,
  layouts: XlsxLayout[] = loadLayouts(),
): { evaluations: Evaluation[]; issues: ReadIssue[] } {
  const budget = { cells: MAX_CELLS };
  const evaluations: Evaluation[] = [];
  const issues: ReadIssue[] = [];
  // jixiao writes a form as its head table and its indicator table (whose header repeats on each
  // page), ending in the line that names the framework it was scored under: the tables up to that
  // line are one form. A form without it (captioned outside its table, cut at a page break by
  // another program) is a document of another making, read by the HTML reader as any other.
  let whole = true;
  let group: HTMLElement[] = [];
  let first = 0;
  const tables = outerTables(parsePage(html));
  tables.forEach((table, k) => {
    // A form starts at its title line: what was gathered before it was no form of jixiao's.
    if (startsForm(table, budget)) group = [];
    if (!group.length) first = k;
    group.push(table);
    const ends = endsForm(table, budget);
    if (!ends && k < tables.length - 1) return;
    const grid = tableGrid(group, budget);
    group = [];
    const layout = grid.size ? recogniseLayout(grid, layouts) : undefined;
    if (!layout) return;
    if (!ends) whole = false;
    const name = `第 ${first + 1} 个表格`;
    evaluations.push(readLayoutGrid({ name }, grid, layout, file, evaluations.length + 1, issues));
  });
  return whole ? { evaluations, issues } : { evaluations: [], issues: [] };
}
