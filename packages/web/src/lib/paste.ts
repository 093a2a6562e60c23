import Papa from 'papaparse';
import { directionFromWords, parseStated, type Indicator } from '@jixiao/core';
import { newIndicatorRow } from './indicators.ts';

/**
 * The columns a block pasted from Excel or WPS fills, left to right, as the indicator table shows them
 * (规则得分 is computed, not pasted): a block copied from the official 自评表 starting at its 三级 column
 * lands where it belongs.
 */
export const PASTE_COLUMNS = [
  'name',
  'direction',
  'target',
  'unit',
  'actual',
  'weight',
  'statedScore',
  'deviationReason',
] as const;
export type PasteColumn = (typeof PASTE_COLUMNS)[number];

/**
 * Cells of a spreadsheet's clipboard text: rows by line, cells by tab, a cell with a line break or tab
 * in quotes (Excel's and WPS's text/plain). One line without a tab is no block (an ordinary paste).
 */
export function clipboardBlock(text: string): string[][] | null {
  if (!text.includes('\t') && !/\r?\n./.test(text.trimEnd())) return null;
  const parsed = Papa.parse<string[]>(text.replace(/\r?\n$/, ''), { delimiter: '\t' });
  const rows = parsed.data.filter((r) => r.some((c) => c.trim() !== ''));
  return rows.length ? rows : null;
}

export interface PasteResult {
  indicators: Indicator[];
  /** Cells filled. */
  filled: number;
  /** Rows added below the table for lines past its end. */
  added: number;
  /** Cells not pasted because the row keeps them (指标值 from the year's targets, a criterion's name). */
  kept: number;
}

/**
 * A block pasted at (row, column): each line fills one row from that column rightwards; lines past the
 * last row add rows under its 一级/二级. A cell the row does not let the 填报人 type (`editable` false)
 * keeps its value and is counted.
 */
export function pasteIntoIndicators(
  rows: readonly Indicator[],
  at: { row: number; column: PasteColumn },
  block: string[][],
  editable: (ind: Indicator, column: PasteColumn) => boolean,
): PasteResult {
  const out = [...rows];
  const first = PASTE_COLUMNS.indexOf(at.column);
  let filled = 0;
  let added = 0;
  let kept = 0;
  block.forEach((cells, k) => {
    const index = at.row + k;
    if (index >= out.length) {
      const above = out[out.length - 1];
      out.push(
        newIndicatorRow(out, {
          level1: above?.level1 ?? '',
          level2: above?.level2 ?? '',
          name: '',
          direction: null,
          target: '',
          unit: '',
          weight: '',
        }),
      );
      added++;
    }
    let row = { ...out[index]! };
    cells.forEach((raw, c) => {
      const column = PASTE_COLUMNS[first + c];
      if (!column) return;
      if (!editable(row, column)) {
        kept++;
        return;
      }
      row = withCell(row, column, raw.trim());
      filled++;
    });
    out[index] = row;
  });
  return { indicators: out, filled, added, kept };
}

function withCell(row: Indicator, column: PasteColumn, text: string): Indicator {
  switch (column) {
    case 'name':
      return { ...row, name: text };
    case 'deviationReason':
      return { ...row, deviationReason: text };
    case 'direction':
      return { ...row, direction: directionFromWords(text) ?? row.direction };
    case 'unit': {
      const next: Indicator = { ...row, unit: text };
      if (!text) delete next.unit;
      return next;
    }
    default:
      return { ...row, [column]: parseStated(text, row[column]?.source) };
  }
}
