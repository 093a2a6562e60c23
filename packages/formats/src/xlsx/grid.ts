import ExcelJS, { type Worksheet } from 'exceljs';

const { ValueType } = ExcelJS;
import { cellText } from './cells.ts';

/** A cell as the reader uses it: merged areas appear once, at their top-left cell. */
export interface GridCell {
  row: number;
  col: number;
  address: string;
  text: string;
  /** The number a numeric cell holds (or its formula's cached result), for columns that need it. */
  number?: number;
}

/** Rows of a sheet holding text, each with its non-empty cells left to right. */
export type Grid = Map<number, GridCell[]>;

/**
 * The sheet's text cells. Formulas are never evaluated: their cached result is read, and a formula
 * saved without one (some tools do not calculate) is listed in `uncached` so the user is told.
 */
export function sheetGrid(ws: Worksheet, uncached: string[] = []): Grid {
  const grid: Grid = new Map();
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    const cells: GridCell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (cell.isMerged && cell.master.address !== cell.address) return;
      if (cell.type === ValueType.Formula && (cell.result === undefined || cell.result === null)) {
        uncached.push(cell.address);
      }
      const text = cellText(cell);
      const n =
        typeof cell.value === 'number'
          ? cell.value
          : typeof cell.result === 'number'
            ? cell.result
            : undefined;
      if (text !== '')
        cells.push({
          row: r,
          col: c,
          address: cell.address,
          text,
          ...(n === undefined ? {} : { number: n }),
        });
    });
    if (cells.length) grid.set(r, cells);
  });
  return grid;
}

/** Header and label texts compared without spaces, with full-width brackets and colons folded. */
export function norm(text: string): string {
  return text
    .replace(/\s+/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/：/g, ':')
    .replace(/:$/, '');
}

/** A cell reads as a label when it is the label, or the label with a qualifier after it (实施单位（盖章）). */
export function isLabel(cellText: string, label: string): boolean {
  const c = norm(cellText);
  const l = norm(label);
  return l !== '' && (c === l || c.startsWith(l));
}

export function sortedRows(grid: Grid): number[] {
  return [...grid.keys()].sort((a, b) => a - b);
}
