import type { Ruling, TextPiece } from './geometry.ts';

/** Two rulings this close are one line drawn twice (a cell's border and its neighbour's). */
const SAME_LINE = 1.5;
/** A ruling reaching this close to another one meets it. */
const TOUCH = 2.5;

/** A cell of a ruled table, merged cells as one with their spans, its text still in pieces. */
export interface RuledCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  pieces: TextPiece[];
}

/** A table found from its ruling lines: column edges, row edges and its cells. */
export interface RuledTable {
  xs: number[];
  ys: number[];
  /** Every grid position's cell: the top-left one of a merged area holds the area. */
  cells: RuledCell[];
  /** The table's outline. */
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Lines drawn in pieces (one per cell border) joined into one when they continue each other. */
export function mergeRulings(rulings: Ruling[]): Ruling[] {
  const out: Ruling[] = [];
  for (const dir of ['h', 'v'] as const) {
    const list = rulings.filter((r) => r.dir === dir).sort((p, q) => p.at - q.at || p.a - q.a);
    /** Groups of lines at (about) the same position. */
    const groups: Ruling[][] = [];
    for (const r of list) {
      const g = groups.at(-1);
      if (g && Math.abs(g[0]!.at - r.at) <= SAME_LINE) g.push(r);
      else groups.push([r]);
    }
    for (const g of groups) {
      const at = g.reduce((s, r) => s + r.at, 0) / g.length;
      const spans = g.map((r) => [r.a, r.b] as [number, number]).sort((p, q) => p[0] - q[0]);
      let [a, b] = spans[0]!;
      for (const [p, q] of spans.slice(1)) {
        if (p <= b + TOUCH) b = Math.max(b, q);
        else {
          out.push({ dir, at, a, b });
          [a, b] = [p, q];
        }
      }
      out.push({ dir, at, a, b });
    }
  }
  return out;
}

function meets(h: Ruling, v: Ruling): boolean {
  return v.at >= h.a - TOUCH && v.at <= h.b + TOUCH && h.at >= v.a - TOUCH && h.at <= v.b + TOUCH;
}

/** Positions closer than SAME_LINE taken as one. */
function cluster(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const v of sorted) {
    const last = out.at(-1);
    if (last && v - last.at(-1)! <= SAME_LINE) last.push(v);
    else out.push([v]);
  }
  return out.map((g) => g.reduce((s, v) => s + v, 0) / g.length);
}

/** Whether some ruling of `lines` lies at `at` and covers the stretch `from`..`to` (most of it). */
function covered(lines: Ruling[], at: number, from: number, to: number): boolean {
  const mid = (from + to) / 2;
  const quarter = (to - from) / 4;
  return lines.some(
    (r) => Math.abs(r.at - at) <= SAME_LINE && r.a <= mid - quarter + TOUCH && r.b >= mid + quarter - TOUCH,
  );
}

/** More ruling lines than this on one page is no form (a drawing, a chart, a hostile file). */
export const MAX_RULINGS = 5000;

/**
 * The ruled tables on a page: rulings that meet form a table; its distinct vertical and
 * horizontal positions are the grid; a border missing between two grid cells merges them (row
 * and column spans). The page's frame (one box with nothing ruled inside) is no table.
 */
export function findRuledTables(rulings: Ruling[]): RuledTable[] {
  if (rulings.length > MAX_RULINGS * 4) return [];
  const lines = mergeRulings(rulings);
  if (lines.length > MAX_RULINGS) return [];
  const hs: number[] = [];
  const vs: number[] = [];
  lines.forEach((r, k) => (r.dir === 'h' ? hs : vs).push(k));
  // Union-find over the lines: those that meet belong to one table.
  const parent = lines.map((_, k) => k);
  const find = (k: number): number => {
    while (parent[k] !== k) k = parent[k] = parent[parent[k]!]!;
    return k;
  };
  for (const h of hs) {
    for (const v of vs) if (meets(lines[h]!, lines[v]!)) parent[find(h)] = find(v);
  }
  const groups = new Map<number, Ruling[]>();
  lines.forEach((r, k) => {
    const root = find(k);
    const group = groups.get(root);
    if (group) group.push(r);
    else groups.set(root, [r]);
  });
  const tables: RuledTable[] = [];
  for (const group of groups.values()) {
    const gh = group.filter((r) => r.dir === 'h');
    const gv = group.filter((r) => r.dir === 'v');
    if (gh.length < 2 || gv.length < 2) continue;
    const xs = cluster(gv.map((r) => r.at));
    const ys = cluster(gh.map((r) => r.at));
    if (xs.length < 2 || ys.length < 2) continue;
    // A frame around the page or a text box: a single box, nothing ruled inside it.
    if (xs.length === 2 && ys.length === 2) continue;
    tables.push(gridOf(xs, ys, gh, gv));
  }
  return tables.sort((p, q) => p.top - q.top || p.left - q.left);
}

function gridOf(xs: number[], ys: number[], hs: Ruling[], vs: Ruling[]): RuledTable {
  const rows = ys.length - 1;
  const cols = xs.length - 1;
  const id = (r: number, c: number) => r * cols + c;
  const parent = Array.from({ length: rows * cols }, (_, k) => k);
  const find = (k: number): number => {
    while (parent[k] !== k) k = parent[k] = parent[parent[k]!]!;
    return k;
  };
  const join = (a: number, b: number) => {
    const [ra, rb] = [find(a), find(b)];
    // The top-left cell stays the root: it is the one a merged area's text belongs to.
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (c + 1 < cols && !covered(vs, xs[c + 1]!, ys[r]!, ys[r + 1]!)) join(id(r, c), id(r, c + 1));
      if (r + 1 < rows && !covered(hs, ys[r + 1]!, xs[c]!, xs[c + 1]!)) join(id(r, c), id(r + 1, c));
    }
  }
  const areas = new Map<number, { r0: number; c0: number; r1: number; c1: number }>();
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const root = find(id(r, c));
      const a = areas.get(root);
      if (!a) areas.set(root, { r0: r, c0: c, r1: r, c1: c });
      else {
        a.r1 = Math.max(a.r1, r);
        a.c1 = Math.max(a.c1, c);
        a.c0 = Math.min(a.c0, c);
      }
    }
  }
  const cells: RuledCell[] = [];
  for (const a of areas.values()) {
    cells.push({ row: a.r0, col: a.c0, rowSpan: a.r1 - a.r0 + 1, colSpan: a.c1 - a.c0 + 1, pieces: [] });
  }
  cells.sort((p, q) => p.row - q.row || p.col - q.col);
  return { xs, ys, cells, left: xs[0]!, right: xs.at(-1)!, top: ys[0]!, bottom: ys.at(-1)! };
}

/** The index of the interval of `edges` that holds `v`, or -1 outside them. */
function slot(edges: number[], v: number): number {
  if (v < edges[0]! || v > edges.at(-1)!) return -1;
  for (let k = 0; k + 1 < edges.length; k++) if (v <= edges[k + 1]!) return k;
  return edges.length - 2;
}

/**
 * Puts each piece of text into the cell under it, a piece that runs over a column border split
 * at it (a producer may write a whole row as one run). Returns the pieces outside every table.
 */
export function placeText(tables: RuledTable[], pieces: TextPiece[]): TextPiece[] {
  const outside: TextPiece[] = [];
  for (const piece of pieces) {
    const cy = piece.top + piece.size / 2;
    const cx = piece.x + piece.width / 2;
    // Overlap, not the middle: a merged cell cut by a page break has its text centred on the
    // whole area, partly below the printed part of the table.
    const table = tables.find(
      (t) => piece.top < t.bottom - 1 && piece.top + piece.size > t.top + 1 && cx >= t.left && cx <= t.right,
    );
    if (!table) {
      outside.push(piece);
      continue;
    }
    const r = Math.min(
      Math.max(slot(table.ys, Math.min(Math.max(cy, table.top), table.bottom)), 0),
      table.ys.length - 2,
    );
    for (const part of splitAtEdges(piece, table.xs)) {
      const c = slot(table.xs, part.x + part.width / 2);
      if (c < 0) continue;
      const cell = table.cells.find(
        (k) => r >= k.row && r < k.row + k.rowSpan && c >= k.col && c < k.col + k.colSpan,
      );
      cell?.pieces.push(part);
    }
  }
  const cut = new Map<TextPiece, RuledCell>();
  for (const piece of outside) {
    for (const t of tables) {
      const cell = belowCutCell(t, piece);
      if (cell) cut.set(piece, cell);
    }
  }
  for (const [piece, cell] of cut) cell.pieces.push(piece);
  return outside.filter((p) => !cut.has(p));
}

/**
 * The last-row cell a piece just below the table belongs to: a merged cell cut by the page end
 * has its text centred on the whole area, below the part printed on this page, while the cell
 * itself shows empty.
 */
function belowCutCell(table: RuledTable, piece: TextPiece): RuledCell | undefined {
  if (piece.top < table.bottom - 1 || piece.top > table.bottom + piece.size * 0.6) return undefined;
  const c = slot(table.xs, piece.x + piece.width / 2);
  if (c < 0) return undefined;
  const last = table.ys.length - 2;
  const cell = table.cells.find(
    (k) => last >= k.row && last < k.row + k.rowSpan && c >= k.col && c < k.col + k.colSpan,
  );
  return cell && cell.row + cell.rowSpan - 1 === last && !cell.pieces.length ? cell : undefined;
}

/** A piece cut where it crosses column edges, characters shared out by their share of its width. */
function splitAtEdges(piece: TextPiece, xs: number[]): TextPiece[] {
  const chars = [...piece.text];
  const inner = xs.filter((x) => x > piece.x + 1 && x < piece.x + piece.width - 1);
  if (!inner.length || chars.length < 2) return [piece];
  const per = piece.width / chars.length;
  const out: TextPiece[] = [];
  let start = 0;
  for (const x of [...inner, Infinity]) {
    const end = x === Infinity ? chars.length : Math.round((x - piece.x) / per);
    if (end > start) {
      const text = chars.slice(start, end).join('');
      if (text.trim()) out.push({ ...piece, text, x: piece.x + start * per, width: (end - start) * per });
    }
    start = Math.max(start, end);
  }
  return out;
}

/**
 * A cell's text in reading order: its pieces by line, top to bottom, left to right. Lines a cell
 * wrapped are joined without a space (Chinese has none), except between two Latin words.
 */
export function cellText(pieces: TextPiece[]): string {
  return linesOf(pieces)
    .map((line) => joinLine(line))
    .reduce(
      (text, line) =>
        !text ? line : /[A-Za-z]$/.test(text) && /^[A-Za-z]/.test(line) ? `${text} ${line}` : text + line,
      '',
    )
    .trim();
}

/** Pieces grouped into lines: on one line when their vertical middles are within half a size. */
export function linesOf(pieces: TextPiece[]): TextPiece[][] {
  const sorted = [...pieces].sort((p, q) => p.top + p.size / 2 - (q.top + q.size / 2));
  const lines: TextPiece[][] = [];
  for (const p of sorted) {
    const line = lines.at(-1);
    const mid = p.top + p.size / 2;
    if (line && Math.abs(mid - (line[0]!.top + line[0]!.size / 2)) <= Math.max(p.size, line[0]!.size) * 0.5)
      line.push(p);
    else lines.push([p]);
  }
  for (const line of lines) line.sort((p, q) => p.x - q.x);
  return lines;
}

/** One line's pieces as text: a gap wider than a character becomes a space. */
export function joinLine(line: TextPiece[]): string {
  let text = '';
  let end = -Infinity;
  for (const p of line) {
    if (text && p.x - end > p.size * 0.8 && !text.endsWith(' ')) text += ' ';
    text += p.text;
    end = Math.max(end, p.x + p.width);
  }
  return text.replace(/\s+/g, ' ').trim();
}
