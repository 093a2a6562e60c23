import type { Worksheet } from 'exceljs';

/** A table as written: its header row, its body, and the row ranges of its merged 一级 cells. */
export interface WrittenTable {
  /** Which list of the evaluation it shows: the indicator table's header is the one to repeat. */
  source: string;
  header: number;
  first: number;
  last: number;
  groups: Array<[number, number]>;
}

/** A4 in points, and the margins the sheets are set up with (inches). */
const A4 = { short: 595, long: 842 };
export const MARGINS = { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 };
const DEFAULT_ROW = 20;
/** A last page filled to at most this share is a spill worth avoiding … */
const SPILL_PAGE = 0.25;
/** … by printing at most this much smaller (a 15% smaller 10 pt is still above 8.5 pt). */
const SPILL_SHRINK = 0.15;

/**
 * Printed width of a column of `chars` characters, in points, as LibreOffice lays it out without
 * Calibri's metrics (about 9.7 px a character with its fallback font, measured on the seeds' forms);
 * Excel's own 7 px is narrower. The page breaks below are placed for the wider measure: where the
 * sheet prints smaller, a page holds more and each break still comes before the page would end.
 * (Excel ignores manual breaks under fit-to-width; LibreOffice and WPS keep them.)
 */
function columnPoints(chars: number): number {
  return (chars * 9.7 + 5) * 0.75;
}

/**
 * Print set-up of a form: the header row of its indicator table (or 汇总表) repeats on every
 * page (Print_Titles); the sheet fits the page's width; and a page break is put before a merged 一级
 * group that would otherwise be cut across two pages (when the group fits on one page), taking the
 * table's header with the table's first group.
 * Returns the rows a page break was put after.
 */
export function setUpPrinting(
  ws: Worksheet,
  columns: number[],
  landscape: boolean,
  tables: WrittenTable[],
  lastRow: number,
): number[] {
  // Only the indicator table (or the 汇总表's rows) runs over pages; a form without one is a set of short
  // tables, and repeating one of their headers would head another table's rows on the next page (seed
  // 004: 指标类型 | 设定条数 | 完成条数 printed above the 未完成指标 rows).
  const main = tables
    .filter((t) => ['indicators', 'summaryRows'].includes(t.source))
    .sort((a, b) => b.last - b.first - (a.last - a.first))[0];
  if (main) ws.pageSetup.printTitlesRow = `${main.header}:${main.header}`;
  const pageWidth = (landscape ? A4.long : A4.short) - (MARGINS.left + MARGINS.right) * 72;
  const pageHeight = (landscape ? A4.short : A4.long) - (MARGINS.top + MARGINS.bottom) * 72;
  const width = columns.reduce((n, c) => n + columnPoints(c), 0);
  // The scale fit-to-width comes to, by that measure.
  const scale = Math.max(10, Math.min(100, Math.floor((pageWidth / width) * 100)));
  ws.pageSetup.fitToPage = true;
  ws.pageSetup.fitToWidth = 1;
  ws.pageSetup.fitToHeight = 0;
  // Capacity of a page in the sheet's own points (rows are scaled with the columns).
  const capacity = (pageHeight * 100) / scale;
  const height = (r: number) => {
    const row = ws.getRow(r);
    return row.hidden ? 0 : (row.height ?? DEFAULT_ROW);
  };
  const titleHeight = main ? height(main.header) : 0;
  // Where a group starts, the rows it spans and the row a break before it goes above: the table's
  // header for its first group, so that a header is never left alone at the foot of a page.
  const groupAt = new Map<number, { end: number; from: number }>();
  for (const t of tables)
    for (const [a, b] of t.groups) if (b > a) groupAt.set(a, { end: b, from: a === t.first ? t.header : a });
  const breaks: number[] = [];
  let used = 0;
  let pages = 1;
  let content = 0;
  let titlesPrinted = false;
  for (let r = 1; r <= lastRow; r++) {
    const top = titlesPrinted ? titleHeight : 0;
    const group = groupAt.get(r);
    if (group) {
      let size = 0;
      for (let k = r; k <= group.end; k++) size += height(k);
      const lead = group.from < r ? height(group.from) : 0;
      const before = used - lead;
      // A group taller than a page is cut anyway; its header still goes with it when little room is left.
      const fits = top + lead + size <= capacity;
      const cramped = group.from < r && capacity - before < capacity / 4;
      if (used + size > capacity && before > top && (fits || cramped) && group.from > 1) {
        ws.getRow(group.from - 1).addPageBreak();
        breaks.push(group.from - 1);
        used = top + lead;
        pages++;
      }
    }
    const h = height(r);
    if (used + h > capacity && used > top) {
      used = top; // the printer's own break
      pages++;
    }
    used += h;
    content += h;
    if (main && r === main.header) titlesPrinted = true;
  }
  // A last page that would carry only a few rows (two indicators and the notes): the sheet is printed a
  // little smaller so that they stay on the page before — no more than SPILL_SHRINK smaller, and only
  // where no group break was placed (fitting to a page count moves the printer's breaks).
  const repeated = (pages - 1) * titleHeight;
  if (
    pages > 1 &&
    !breaks.length &&
    used - titleHeight <= capacity * SPILL_PAGE &&
    content + repeated <= (pages - 1) * capacity * (1 + SPILL_SHRINK)
  ) {
    ws.pageSetup.fitToHeight = pages - 1;
  }
  return breaks;
}
