import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import sharp from 'sharp';
import { apply, multiply, type Matrix, type PageContent, type TextPiece } from './geometry.ts';
import type { PageRecogniser } from './read-pdf.ts';
import { findRuledTables } from './ruled-grid.ts';
import { inkShare, pixelRulings, toGrey, type Grey } from './scan-grid.ts';

/** A cell crop shorter than this (pixels) is enlarged: the recogniser reads lines ~48 px high. */
const MIN_CROP_HEIGHT = 64;
/** Less ink than this share of a cell is a blank cell (or speckle), not read. */
const BLANK_INK = 0.004;

interface OcrLine {
  text: string;
  mean: number;
  box?: number[][];
}
interface OcrEngine {
  detect: (image: string) => Promise<OcrLine[]>;
}

let engine: Promise<OcrEngine> | undefined;

/** PaddleOCR (PP-OCRv4, models shipped in npm) on onnxruntime, loaded once on first use. */
function loadEngine(): Promise<OcrEngine> {
  // One thread short of the machine: onnxruntime takes every core by default and starves the
  // server (or the test runner) it shares the process and the machine with.
  const threads = Math.max(1, availableParallelism() - 1);
  engine ??= import('@gutenye/ocr-node')
    .then(
      (m) =>
        m.default.create({
          onnxOptions: { intraOpNumThreads: threads, interOpNumThreads: 1 },
        }) as Promise<OcrEngine>,
    )
    .catch(() => {
      engine = undefined;
      throw new Error('文字识别组件（@gutenye/ocr-node 与 onnxruntime-node）无法加载');
    });
  return engine;
}

/** The largest image painted on the page, with the transform that places it (a scan is one image). */
async function pageImage(
  doc: PDFDocumentProxy,
  pageNo: number,
): Promise<{
  grey: Grey;
  toPage: (x: number, y: number) => [number, number];
  view: { width: number; height: number };
}> {
  const page = await doc.getPage(pageNo);
  const viewport = page.getViewport({ scale: 1 });
  const ops = await page.getOperatorList();
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  let best: { name: string; ctm: Matrix; area: number } | undefined;
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i]!;
    const args = ops.argsArray[i] as unknown[];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform) ctm = multiply(args as Matrix, ctm);
    else if (fn === OPS.paintImageXObject) {
      const area = Math.abs(ctm[0] * ctm[3] - ctm[1] * ctm[2]);
      if (!best || area > best.area) best = { name: String(args[0]), ctm, area };
    }
  }
  if (!best) throw new Error('页面上没有图片');
  const image = (await new Promise((resolve) => page.objs.get(best.name, resolve))) as {
    width: number;
    height: number;
    kind: number;
    data?: Uint8Array;
  };
  if (!image?.data) throw new Error('扫描图片的格式无法解码');
  const grey = toGrey({ ...image, data: image.data });
  const m = multiply(best.ctm, viewport.transform as Matrix);
  // An image fills the unit square, its first row at the top (y = 1).
  const toPage = (x: number, y: number) => apply(m, x / grey.width, 1 - y / grey.height);
  page.cleanup();
  return { grey, toPage, view: { width: viewport.width, height: viewport.height } };
}

/** A crop of the page image as a PNG file the recogniser opens, enlarged when small. */
async function cropFile(
  grey: Grey,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  path: string,
  enlarge = 1,
): Promise<void> {
  const w = Math.max(1, x1 - x0);
  const h = Math.max(1, y1 - y0);
  const crop = new Uint8Array(w * h);
  for (let y = 0; y < h; y++)
    crop.set(grey.data.subarray((y0 + y) * grey.width + x0, (y0 + y) * grey.width + x0 + w), y * w);
  const scale = (h < MIN_CROP_HEIGHT ? Math.ceil(MIN_CROP_HEIGHT / h) : 1) * enlarge;
  await sharp(crop, { raw: { width: w, height: h, channels: 1 } })
    .resize({ width: w * scale, height: h * scale, kernel: 'lanczos3' })
    // White margin: the text detector misses text that touches the border.
    .extend({ top: 16, bottom: 16, left: 16, right: 16, background: { r: 255, g: 255, b: 255 } })
    .png()
    .toFile(path);
}

/**
 * Reads a scanned page: the table's ruling lines are found in the pixels and the grid rebuilt as
 * for a text PDF; each cell is cut out (enlarged when small) and recognised on its own, which
 * reads far better than the whole page at once; text outside the tables is recognised with the
 * tables blanked out. The result is a page as the text layer would have given it.
 */
export function ocrRecogniser(): PageRecogniser {
  return async (doc, pageNo) => {
    const ocr = await loadEngine();
    const { grey, toPage, view } = await pageImage(doc, pageNo);
    const [ox, oy] = toPage(0, 0);
    const [ex, ey] = toPage(grey.width, grey.height);
    const sx = (ex - ox) / grey.width;
    const sy = (ey - oy) / grey.height;
    const px = (x: number) => Math.round((x - ox) / sx);
    const py = (y: number) => Math.round((y - oy) / sy);
    const rulings = pixelRulings(grey).map((r) =>
      r.dir === 'h'
        ? { dir: r.dir, at: oy + r.at * sy, a: ox + r.a * sx, b: ox + r.b * sx }
        : { dir: r.dir, at: ox + r.at * sx, a: oy + r.a * sy, b: oy + r.b * sy },
    );
    const tables = findRuledTables(rulings);
    const pieces: TextPiece[] = [];
    const unread: NonNullable<PageContent['unread']> = [];
    const dir = await mkdtemp(join(tmpdir(), 'jixiao-ocr-'));
    try {
      let n = 0;
      for (const t of tables) {
        for (const cell of t.cells) {
          const x0 = px(t.xs[cell.col]!) + 3;
          const x1 = px(t.xs[cell.col + cell.colSpan]!) - 3;
          const y0 = py(t.ys[cell.row]!) + 3;
          const y1 = py(t.ys[cell.row + cell.rowSpan]!) - 3;
          if (x1 - x0 < 4 || y1 - y0 < 4 || inkShare(grey, x0, y0, x1, y1) < BLANK_INK) continue;
          let text = '';
          // A lone short figure is often missed at first; enlarged twice more it is found.
          for (const enlarge of [1, 2]) {
            const file = join(dir, `cell-${n++}.png`);
            await cropFile(grey, x0, y0, x1, y1, file, enlarge);
            text = (await ocr.detect(file))
              .map((l) => l.text.trim())
              .filter(Boolean)
              .join('');
            if (text) break;
          }
          if (!text) {
            unread.push({ table: tables.indexOf(t) + 1, row: cell.row + 1, col: cell.col + 1 });
            continue;
          }
          const left = t.xs[cell.col]!;
          const top = t.ys[cell.row]!;
          pieces.push({
            text,
            x: left + 1,
            top: top + 1,
            width: 1,
            size: Math.min(8, (t.ys[cell.row + 1]! - top) / 2),
          });
        }
      }
      // Prose and titles: the page with its tables painted white, recognised whole.
      const blanked: Grey = { ...grey, data: Uint8Array.from(grey.data) };
      for (const t of tables) {
        for (let y = Math.max(0, py(t.top) - 2); y < Math.min(grey.height, py(t.bottom) + 3); y++) {
          blanked.data.fill(
            255,
            y * grey.width + Math.max(0, px(t.left) - 2),
            y * grey.width + Math.min(grey.width, px(t.right) + 3),
          );
        }
      }
      if (inkShare(blanked, 0, 0, grey.width, grey.height) > BLANK_INK / 4) {
        const file = join(dir, 'page.png');
        await sharp(blanked.data, { raw: { width: grey.width, height: grey.height, channels: 1 } })
          .png()
          .toFile(file);
        for (const line of await ocr.detect(file)) {
          if (!line.text.trim() || !line.box) continue;
          const xs = line.box.map((p) => p[0]!);
          const ys = line.box.map((p) => p[1]!);
          const [x, top] = toPage(Math.min(...xs), Math.min(...ys));
          const [right, bottom] = toPage(Math.max(...xs), Math.max(...ys));
          pieces.push({ text: line.text.trim(), x, top, width: right - x, size: Math.max(bottom - top, 1) });
        }
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    return {
      width: view.width,
      height: view.height,
      pieces,
      rulings,
      images: 1,
      unread,
    } satisfies PageContent;
  };
}
