import type { Worksheet } from 'exceljs';
import type { EvaluationResult } from '@jixiao/core';
import { cellText } from '../xlsx/cells.ts';
import { layoutFor, newWorkbook, writeEvaluationSheet } from '../xlsx/write.ts';

/** One cell of a form as a document table prints it: merged areas once, at their top-left. */
export interface FormCell {
  text: string;
  /** 1-based column of the cell's left edge. */
  col: number;
  colSpan: number;
  rowSpan: number;
  /** A label or header cell (shaded, bold in the form). */
  label: boolean;
}

/** The 自评表 of an evaluation as rows of cells, with its column widths in characters. */
export interface FormGrid {
  name: string;
  landscape: boolean;
  widths: number[];
  /** Lines above the table: the form's title and its （2023年度）. */
  heading: string[];
  /** Each printed row's cells, left to right; a cell merged down from above is left out. */
  rows: FormCell[][];
  /** Lines under the table, each a note across the form (注：…, 评分框架：…). */
  notes: string[];
  /** The evaluation's lists the form prints (budget, tasks, indicators, summaryRows, …). */
  sources: string[];
  /** Index in `rows` of the header row that repeats on each page (the indicator table's), if any. */
  repeat?: number;
}

function mergesOf(ws: Worksheet): Map<string, { rows: number; cols: number }> {
  const out = new Map<string, { rows: number; cols: number }>();
  const merges = (ws.model as { merges?: string[] }).merges ?? [];
  for (const range of merges) {
    const [from, to] = range.split(':');
    const a = ws.getCell(from!);
    const b = ws.getCell(to!);
    out.set(a.address, { rows: Number(b.row) - Number(a.row) + 1, cols: Number(b.col) - Number(a.col) + 1 });
  }
  return out;
}

/**
 * The same 自评表 the xlsx writer makes — one layout file drives both — as a grid for a Word or HTML
 * table: the form attached to the report reads back as the form (issue 12). Hidden rows (the
 * framework's id) are left out; rows that are one note across the form become notes under the table.
 */
export function formGrid(result: EvaluationResult): FormGrid {
  const layout = layoutFor(result);
  const ws = writeEvaluationSheet(newWorkbook(), result.evaluation, layout, result.score);
  const width = layout.columns.length;
  const merges = mergesOf(ws);
  const covered = new Set<string>();
  const rows: FormCell[][] = [];
  // The sheet's Print_Titles row is the header the Word table repeats.
  const titles = Number(/^(\d+):/.exec(ws.pageSetup.printTitlesRow ?? '')?.[1] ?? 0);
  let repeat: number | undefined;
  const heading: string[] = [];
  const notes: string[] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (row.hidden) continue;
    const cells: FormCell[] = [];
    for (let c = 1; c <= width; c++) {
      const cell = ws.getCell(r, c);
      if (covered.has(cell.address)) continue;
      const span = merges.get(cell.address) ?? { rows: 1, cols: 1 };
      for (let dr = 0; dr < span.rows; dr++)
        for (let dc = 0; dc < span.cols; dc++) if (dr || dc) covered.add(ws.getCell(r + dr, c + dc).address);
      const fill = cell.fill as { fgColor?: { argb?: string } } | undefined;
      cells.push({
        text: cellText(cell),
        col: c,
        colSpan: span.cols,
        rowSpan: span.rows,
        label: Boolean(fill?.fgColor?.argb) || Boolean(cell.font?.bold),
      });
    }
    // A line across the form without borders is a heading above the table or a note under it.
    const plain = cells.length === 1 && cells[0]!.colSpan === width && !ws.getCell(r, 1).border?.top;
    if (plain && cells[0]!.text) (rows.length ? notes : heading).push(cells[0]!.text);
    else if (!plain) {
      if (r === titles) repeat = rows.length;
      rows.push(cells);
    }
  }
  const sources = layout.sections.flatMap((x) => (x.type === 'table' ? [x.source] : []));
  return {
    name: layout.name,
    landscape: layout.landscape,
    widths: layout.columns,
    heading,
    rows,
    notes,
    sources,
    ...(repeat === undefined ? {} : { repeat }),
  };
}
