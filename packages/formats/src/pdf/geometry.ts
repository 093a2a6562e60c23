/**
 * What a page shows, in page coordinates with the origin top left and y growing downwards (the
 * way a reader looks at it): pieces of text, and the ruling lines a table is drawn with.
 */

/** A run of text on one baseline. `x`, `top` are its top-left corner; `size` its font size. */
export interface TextPiece {
  text: string;
  x: number;
  top: number;
  width: number;
  size: number;
}

/** A horizontal (`y` fixed, from `a` to `b` in x) or vertical (`x` fixed, `a`..`b` in y) ruling. */
export interface Ruling {
  dir: 'h' | 'v';
  /** The fixed coordinate: y of a horizontal line, x of a vertical one. */
  at: number;
  a: number;
  b: number;
}

export interface PageContent {
  width: number;
  height: number;
  pieces: TextPiece[];
  rulings: Ruling[];
  /** Images painted on the page: a page that is only an image is a scan. */
  images: number;
  /** Cells of a scanned page with ink in them that the recogniser read no text from (1-based). */
  unread?: Array<{ table: number; row: number; col: number }>;
}

/** An affine transform [a b c d e f], as PDF writes them. */
export type Matrix = [number, number, number, number, number, number];

export function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}

export function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** Thicker than this a filled rectangle is a shaded cell, not a line. */
export const MAX_RULE_THICKNESS = 2.5;
/** Shorter than this a stroke is a tick or a glyph, not a table's ruling. */
export const MIN_RULE_LENGTH = 4;

/**
 * The rulings in a path given as corner points: a thin filled rectangle is a line (WPS draws
 * every table border so), a stroked path gives each of its straight axis-parallel segments.
 * Diagonal and curved pieces are no table's border and are dropped.
 */
export function rulingsOfPath(
  subpaths: Array<Array<[number, number]>>,
  painted: 'stroke' | 'fill',
  lineWidth: number,
): Ruling[] {
  const out: Ruling[] = [];
  for (const pts of subpaths) {
    if (pts.length < 2) continue;
    const xs = pts.map((p) => p[0]);
    const ys = pts.map((p) => p[1]);
    const x0 = Math.min(...xs);
    const x1 = Math.max(...xs);
    const y0 = Math.min(...ys);
    const y1 = Math.max(...ys);
    const w = x1 - x0;
    const h = y1 - y0;
    const isRect =
      pts.every((p) => near(p[0], x0) || near(p[0], x1)) &&
      pts.every((p) => near(p[1], y0) || near(p[1], y1));
    if (painted === 'fill') {
      if (!isRect) continue;
      if (h <= MAX_RULE_THICKNESS && w >= MIN_RULE_LENGTH)
        out.push({ dir: 'h', at: (y0 + y1) / 2, a: x0, b: x1 });
      else if (w <= MAX_RULE_THICKNESS && h >= MIN_RULE_LENGTH)
        out.push({ dir: 'v', at: (x0 + x1) / 2, a: y0, b: y1 });
      continue;
    }
    if (lineWidth > MAX_RULE_THICKNESS * 2) continue;
    for (let k = 1; k < pts.length; k++) {
      const [ax, ay] = pts[k - 1]!;
      const [bx, by] = pts[k]!;
      if (near(ay, by) && Math.abs(bx - ax) >= MIN_RULE_LENGTH)
        out.push({ dir: 'h', at: (ay + by) / 2, a: Math.min(ax, bx), b: Math.max(ax, bx) });
      else if (near(ax, bx) && Math.abs(by - ay) >= MIN_RULE_LENGTH)
        out.push({ dir: 'v', at: (ax + bx) / 2, a: Math.min(ay, by), b: Math.max(ay, by) });
    }
  }
  return out;
}

function near(a: number, b: number, tolerance = 0.6): boolean {
  return Math.abs(a - b) <= tolerance;
}
