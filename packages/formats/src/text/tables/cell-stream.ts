import { parseStated } from '@jixiao/core';
import type { NumberedLine } from '../narrative/types.ts';
import { cleanCell } from '../lines.ts';
import { mapColumns } from './columns.ts';
import { fit } from './stream-align.ts';
import type { RawCell, RawRow, RawTable } from './types.ts';
import { VOCABULARY, headerKey, isFooterLabel, type ColumnType } from './vocabulary.ts';

/** A cell of a stream is a short line; a longer one is prose, and ends the table. */
const MAX_CELL = 40;
const HEADER_LABELS = new Set(VOCABULARY.indicators.flatMap((w) => w.labels));

const isHeaderCell = (text: string) => HEADER_LABELS.has(headerKey(text));

function streamCells(lines: NumberedLine[], from: number): { cells: RawCell[]; next: number } {
  const cells: RawCell[] = [];
  let i = from;
  for (; i < lines.length; i++) {
    const text = cleanCell(lines[i]!.text);
    if (text === '') continue;
    if (text.length > MAX_CELL || lines[i]!.text.includes('\t') || lines[i]!.text.includes('|')) break;
    cells.push({ text, line: lines[i]!.line });
  }
  return { cells, next: i };
}

/**
 * The rows of a cell stream (one cell per line, the row ends lost): a row is a run of the header's
 * columns that ends at its last scored column (merged leading cells — 一级, 二级 spanning rows —
 * are not repeated), and the runs are chosen so that every cell fits its column best (dynamic
 * programming over the stream). The last row may be cut off by the end of the copy.
 */
export function segmentStream(cells: RawCell[], types: Array<ColumnType | undefined>): RawCell[][] {
  const width = types.length;
  let end = width - 1;
  while (end > 0 && types[end] === 'text') end--;
  const n = cells.length;
  const best: Array<{ score: number; from: number; first: number } | undefined> = [
    { score: 0, from: -1, first: 0 },
  ];
  for (let i = 0; i < n; i++) {
    const here = best[i];
    if (!here) continue;
    for (let first = 0; first < width; first++) {
      // A row starts at column `first` and runs to `last` (at least to the last scored column).
      for (let last = end; last < width; last++) {
        const len = last - first + 1;
        const cut = i + len > n;
        if (cut && i + len - n >= len) continue;
        const take = Math.min(len, n - i);
        if (!cut && last < end) continue;
        // A row cut short is the copy's end, not a way to fit cells: it costs.
        let score = here.score - 0.05 - (cut ? 1.5 : 0);
        for (let k = 0; k < take; k++) score += fit(cells[i + k]!.text, types[first + k]);
        // Leading columns may be left out only where they are merged (labels, 一级/二级 and their points).
        for (let c = 0; c < first; c++)
          if (!/^(level1|level2|label|weight)$/.test(types[c] ?? '')) score -= 2;
        const at = i + take;
        if (!best[at] || best[at]!.score < score) best[at] = { score, from: i, first };
      }
    }
  }
  const rows: RawCell[][] = [];
  let at = n;
  while (at > 0 && best[at]) {
    const step = best[at]!;
    const row: RawCell[] = Array.from({ length: step.first }, () => ({
      text: '',
      line: cells[step.from]!.line,
    }));
    const placed = [...row, ...cells.slice(step.from, at)];
    // The row the copy cut off keeps its columns: the missing cells are blank.
    while (placed.length < width) placed.push({ text: '', line: cells[at - 1]!.line });
    rows.unshift(placed);
    at = step.from;
  }
  return rows;
}

/**
 * A table copied one cell per line (a Word table as text, blank lines between cells, no tabs):
 * found by a run of the vocabulary's header labels (一级指标, 分值, 二级指标 …), then cut into rows
 * by segmentStream. Returns undefined when the lines at `start` are not such a header.
 */
export function readCellStream(
  lines: NumberedLine[],
  start: number,
): { table: RawTable; next: number } | undefined {
  const { cells, next } = streamCells(lines, start);
  let h = 0;
  while (h < cells.length && isHeaderCell(cells[h]!.text)) h++;
  const header = cells.slice(0, h);
  const keys = header.map((c) => headerKey(c.text));
  if (h < 4 || !keys.includes('三级指标') || cells.length - h < 2) return undefined;
  const columns = mapColumns('indicators', keys);
  const words = VOCABULARY.indicators;
  const types = keys.map((_, col) => {
    const f = columns.get(col);
    return f ? words.find((w) => w.field === f)?.type : undefined;
  });
  // The footer (合计 / 总分 and its figures) closes the table; what follows is not part of it.
  let k = h;
  while (k < cells.length && !isFooterLabel(cells[k]!.text)) k++;
  const data = segmentStream(cells.slice(h, k), types);
  const rows: RawRow[] = [
    { cells: header, line: header[0]!.line, endLine: header[h - 1]!.line, afterBreak: false },
    ...data.map((r) => ({
      cells: r,
      line: r.find((c) => c.text)?.line ?? r[0]!.line,
      endLine: r.at(-1)!.line,
      afterBreak: false,
    })),
  ];
  let end = cells.length;
  if (k < cells.length) {
    const label = cells[k]!;
    const figures: RawCell[] = [];
    for (
      let j = k + 1;
      j < cells.length && figures.length < 2 && parseStated(cells[j]!.text).value !== null;
      j++
    )
      figures.push(cells[j]!);
    end = k + 1 + figures.length;
    // One figure is the total score; two are the weight total and the score total.
    const targets = figures.length === 1 ? ['statedScore'] : ['weight', 'statedScore'];
    const footer: RawCell[] = keys.map(() => ({ text: '', line: label.line }));
    footer[0] = label;
    figures.forEach((f, n) => {
      const col = [...columns].find(([, field]) => field === targets[n])?.[0];
      if (col !== undefined) footer[col] = f;
    });
    rows.push({
      cells: footer,
      line: label.line,
      endLine: figures.at(-1)?.line ?? label.line,
      afterBreak: false,
    });
  }
  const last = cells[end - 1]!;
  const resume = end < cells.length ? lines.findIndex((l) => l.line === cells[end]!.line) : next;
  return {
    table: { layout: 'cell-stream', rows, firstLine: header[0]!.line, lastLine: last.line },
    next: Math.max(resume, start + 1),
  };
}
