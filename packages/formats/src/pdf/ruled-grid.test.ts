import { describe, expect, it } from 'vitest';
import { rulingsOfPath, type Ruling, type TextPiece } from './geometry.ts';
import { cellText, findRuledTables, placeText } from './ruled-grid.ts';

const h = (at: number, a: number, b: number): Ruling => ({ dir: 'h', at, a, b });
const v = (at: number, a: number, b: number): Ruling => ({ dir: 'v', at, a, b });
const piece = (text: string, x: number, top: number, width = text.length * 10): TextPiece => ({
  text,
  x,
  top,
  width,
  size: 10,
});

/**
 * A 3 × 3 form, columns at x 0/100/200/300, rows at y 0/20/40/60: the top-left label spans two
 * rows (no border under it in column 0), the header of columns 1–2 spans two columns.
 */
function form(): Ruling[] {
  return [
    h(0, 0, 300),
    h(20, 100, 300), // nothing under the two-row label in column 0
    h(40, 0, 300),
    h(60, 0, 300),
    v(0, 0, 60),
    v(100, 0, 60),
    v(200, 20, 60), // nothing between columns 1 and 2 in the first row
    v(300, 0, 60),
  ];
}

describe('ruled tables from the lines a PDF draws', () => {
  it('a border that is not drawn merges two grid cells: row and column spans', () => {
    const [table] = findRuledTables(form());
    expect(table!.xs).toEqual([0, 100, 200, 300]);
    expect(table!.ys).toEqual([0, 20, 40, 60]);
    expect(table!.cells.map((c) => [c.row, c.col, c.rowSpan, c.colSpan])).toEqual([
      [0, 0, 2, 1],
      [0, 1, 1, 2],
      [1, 1, 1, 1],
      [1, 2, 1, 1],
      [2, 0, 1, 1],
      [2, 1, 1, 1],
      [2, 2, 1, 1],
    ]);
  });

  it('a line drawn in pieces (one per cell) and twice (both neighbours’ borders) is one line', () => {
    const pieces = [...form().filter((r) => r.at !== 60), h(60, 0, 150), h(60.4, 150, 300), h(59.8, 0, 300)];
    const [table] = findRuledTables(pieces);
    expect(table!.ys).toHaveLength(4);
    expect(table!.cells.filter((c) => c.row === 2)).toHaveLength(3);
  });

  it('a frame around the page is no table; two separate grids are two tables, top first', () => {
    const frame = [h(0, 0, 500), h(700, 0, 500), v(0, 0, 700), v(500, 0, 700)];
    const lower = form().map((r) =>
      r.dir === 'h' ? { ...r, at: r.at + 300 } : { ...r, a: r.a + 300, b: r.b + 300 },
    );
    const inset = (r: Ruling): Ruling =>
      r.dir === 'h'
        ? { ...r, a: r.a + 50, b: r.b + 50, at: r.at + 50 }
        : { ...r, at: r.at + 50, a: r.a + 50, b: r.b + 50 };
    const tables = findRuledTables([...frame, ...lower.map(inset), ...form().map(inset)]);
    expect(tables.map((t) => [t.top, t.bottom])).toEqual([
      [50, 110],
      [350, 410],
    ]);
  });

  it('text goes into the cell under it; a run across a column border is split at it; the rest is prose', () => {
    const [table] = findRuledTables(form());
    const outside = placeText(
      [table!],
      [
        piece('项目', 10, 25),
        piece('预算', 110, 5),
        piece('12.5088.00', 105, 45, 190), // one run over two cells
        piece('编制单位：某局', 0, -30),
      ],
    );
    expect(outside.map((p) => p.text)).toEqual(['编制单位：某局']);
    const text = (r: number, c: number) =>
      cellText(table!.cells.find((k) => k.row === r && k.col === c)!.pieces);
    expect([text(0, 0), text(0, 1), text(2, 1), text(2, 2)]).toEqual(['项目', '预算', '12.50', '88.00']);
  });

  it('a cell’s wrapped lines join without a space, two pieces on one line with a gap get one', () => {
    expect(cellText([piece('法律援助', 0, 10), piece('人次', 0, 22), piece('（人）', 60, 22)])).toBe(
      '法律援助人次 （人）',
    );
    expect(cellText([piece('Legal', 0, 10), piece('aid', 0, 22)])).toBe('Legal aid');
  });

  it('a thin filled rectangle is a line, a shaded cell is not; a stroked box gives its four sides', () => {
    const box: Array<[number, number]> = [
      [0, 0],
      [100, 0],
      [100, 0.5],
      [0, 0.5],
    ];
    expect(rulingsOfPath([box], 'fill', 1)).toEqual([{ dir: 'h', at: 0.25, a: 0, b: 100 }]);
    const shaded: Array<[number, number]> = [
      [0, 0],
      [100, 0],
      [100, 20],
      [0, 20],
    ];
    expect(rulingsOfPath([shaded], 'fill', 1)).toEqual([]);
    expect(rulingsOfPath([[...shaded, [0, 0]]], 'stroke', 1)).toHaveLength(4);
  });

  it('a page of a hundred thousand lines (a hatched drawing, or a hostile file) is no table', () => {
    const hatch = Array.from({ length: 100_000 }, (_, k) => (k % 2 ? h(k, 0, 500) : v(k, 0, 500)));
    expect(findRuledTables(hatch)).toEqual([]);
  });
});
