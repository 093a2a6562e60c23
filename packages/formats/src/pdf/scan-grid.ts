import type { Ruling } from './geometry.ts';

/** A greyscale image, one byte a pixel, rows top to bottom. */
export interface Grey {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Darker than this is ink. */
const INK = 150;
/** A printed ruling is at most this many pixels thick at scanning resolutions up to 300 dpi. */
const MAX_THICKNESS = 8;

/** Pixels to greyscale from pdfjs's image kinds: 1 = 1 bit a pixel, 2 = RGB, 3 = RGBA. */
export function toGrey(image: {
  width: number;
  height: number;
  kind: number;
  data: Uint8Array | Uint8ClampedArray;
}): Grey {
  const { width, height, kind, data } = image;
  const out = new Uint8Array(width * height);
  if (kind === 1) {
    const stride = Math.ceil(width / 8);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const bit = (data[y * stride + (x >> 3)]! >> (7 - (x & 7))) & 1;
        out[y * width + x] = bit ? 255 : 0;
      }
    }
    return { width, height, data: out };
  }
  const channels = kind === 3 ? 4 : 3;
  for (let k = 0; k < width * height; k++) {
    const i = k * channels;
    out[k] = (data[i]! * 299 + data[i + 1]! * 587 + data[i + 2]! * 114) / 1000;
  }
  return { width, height, data: out };
}

/**
 * The ruling lines drawn in a scanned page, in pixels: runs of ink at least `minRun` long, in rows
 * (horizontal lines) and columns (vertical), the few pixel rows of one thick line taken as one.
 */
export function pixelRulings(img: Grey): Ruling[] {
  const long = Math.max(24, Math.round(Math.min(img.width, img.height) * 0.03));
  const out: Ruling[] = [];
  for (const dir of ['h', 'v'] as const) {
    // A border between two cells of a low row is shorter than a long line; it is kept when it
    // joins two horizontal lines (below), which no stroke of a character does.
    const minRun = dir === 'h' ? long : 8;
    const lines = dir === 'h' ? img.height : img.width;
    const along = dir === 'h' ? img.width : img.height;
    const at = (line: number, k: number) =>
      dir === 'h' ? img.data[line * img.width + k]! : img.data[k * img.width + line]!;
    /** Open segments: still growing in thickness on consecutive lines. */
    let open: Array<{ a: number; b: number; first: number; last: number }> = [];
    const close = (s: { a: number; b: number; first: number; last: number }) => {
      if (s.last - s.first + 1 <= MAX_THICKNESS)
        out.push({ dir, at: (s.first + s.last) / 2, a: s.a, b: s.b });
    };
    for (let line = 0; line < lines; line++) {
      const runs: Array<[number, number]> = [];
      let start = -1;
      // A gap of a pixel or two (a scan's speckle) does not break a line.
      let gap = 0;
      for (let k = 0; k <= along; k++) {
        const ink = k < along && at(line, k) < INK;
        if (ink) {
          if (start < 0) start = k;
          gap = 0;
        } else if (start >= 0 && (++gap > 2 || k === along)) {
          const end = k - gap;
          if (end - start + 1 >= minRun) runs.push([start, end]);
          start = -1;
          gap = 0;
        }
      }
      const next: typeof open = [];
      for (const [a, b] of runs) {
        const s = open.find((o) => o.a <= b && o.b >= a && o.last === line - 1);
        if (s) {
          s.a = Math.min(s.a, a);
          s.b = Math.max(s.b, b);
          s.last = line;
          next.push(s);
        } else next.push({ a, b, first: line, last: line });
      }
      for (const o of open) if (!next.includes(o)) close(o);
      open = next;
    }
    open.forEach(close);
  }
  const hs = out.filter((r) => r.dir === 'h');
  const joins = (y: number, x: number) =>
    hs.some((h) => Math.abs(h.at - y) <= 4 && x >= h.a - 4 && x <= h.b + 4);
  return out.filter((r) => r.dir === 'h' || r.b - r.a >= long || (joins(r.a, r.at) && joins(r.b, r.at)));
}

/** Share of ink pixels in a rectangle: a blank cell is not read. */
export function inkShare(img: Grey, x0: number, y0: number, x1: number, y1: number): number {
  let ink = 0;
  let all = 0;
  for (let y = Math.max(0, y0); y < Math.min(img.height, y1); y++) {
    for (let x = Math.max(0, x0); x < Math.min(img.width, x1); x++) {
      all++;
      if (img.data[y * img.width + x]! < INK) ink++;
    }
  }
  return all ? ink / all : 0;
}
