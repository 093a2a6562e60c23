import type { NumberedLine } from '../narrative/types.ts';
import { cleanCell } from '../lines.ts';
import type { RawRow } from './types.ts';

/** One line of a pipe table as written: its cells and how the line opens and ends. */
interface PipeLine {
  line: number;
  cells: string[];
  /** The line starts with "|" (a Markdown row, or a row whose first cell is empty). */
  opens: boolean;
  /** The line ends with "|". */
  closes: boolean;
  /** The line ends with an empty cell or a run of "||": the exporter's padding, so the row is complete. */
  padded: boolean;
}

function parse(l: NumberedLine): PipeLine {
  const text = l.text.trim();
  let parts = text.split('|').map((t) => cleanCell(t));
  const opens = text.startsWith('|');
  const closes = text.endsWith('|');
  if (opens) parts = parts.slice(1);
  if (closes) parts.pop();
  const padded = /\|\s*\|\s*$/.test(text);
  while (parts.length && parts[parts.length - 1] === '') parts.pop();
  return { line: l.line, cells: parts, opens, closes, padded };
}

const filled = (cells: string[]) => cells.filter((c) => c !== '').length;

/**
 * The rows of a block of pipe lines. Copies of web tables break rows in three ways, told apart by
 * the evidence of the whole block rather than line by line:
 * - Markdown style (most lines start with "|"): a row starts with "|"; a line that does not
 *   continues the row (a wrapped cell when the line before did not end with "|").
 * - Padded style (most lines end with an empty cell or "||||"): a line that ends without padding
 *   is an unfinished row when the next line does not start with "|" (a cell that starts with "|"
 *   is the empty first cell of a new row).
 * - Either way, a lone label ending in "|" followed by a line starting with "|" is one row: the
 *   label cell and the cells beside it ("年度资金总额 |" over "| 32.4 | 31.69 |…").
 */
export function pipeRows(lines: NumberedLine[]): RawRow[] {
  const parsed = lines.map(parse);
  const share = (f: (p: PipeLine) => boolean) => parsed.filter(f).length / Math.max(1, parsed.length);
  const markdown = share((p) => p.opens) >= 0.7;
  const paddedStyle = !markdown && share((p) => p.padded) >= 0.5;
  const rows: RawRow[] = [];
  let current: { row: RawRow; last: PipeLine } | undefined;
  const start = (p: PipeLine) => {
    // Outside Markdown style, a line that starts with "|" starts with an empty cell (a merged one).
    const texts = !markdown && p.opens ? ['', ...p.cells] : p.cells;
    const row: RawRow = {
      cells: texts.map((text) => ({ text, line: p.line })),
      line: p.line,
      afterBreak: false,
    };
    rows.push(row);
    current = { row, last: p };
  };
  const extend = (p: PipeLine, wrapped: boolean) => {
    const { row } = current!;
    const cells = p.cells.map((text) => ({ text, line: p.line }));
    const tail = row.cells[row.cells.length - 1];
    if (wrapped && tail && cells.length) {
      const first = cells.shift()!;
      tail.text = tail.text && first.text ? `${tail.text}\n${first.text}` : tail.text || first.text;
      tail.endLine = p.line;
    }
    row.cells.push(...cells);
    row.endLine = p.line;
    current!.last = p;
  };
  for (const p of parsed) {
    // A Markdown separator row ("|---|:--:|") is layout, not data.
    if (p.cells.length && p.cells.every((c) => /^:?-{3,}:?$/.test(c))) continue;
    const prev = current?.last;
    if (!prev) start(p);
    else if (markdown) {
      if (p.opens) start(p);
      else extend(p, !prev.closes);
    } else if (p.opens && prev.closes && !prev.padded && filled(current!.row.cells.map((c) => c.text)) === 1)
      extend(p, false);
    else if (paddedStyle && !prev.padded && !p.opens && current!.row.cells.length > 0) extend(p, false);
    else start(p);
  }
  return rows.filter((r) => r.cells.length > 0);
}
