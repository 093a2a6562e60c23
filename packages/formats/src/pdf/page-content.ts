import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import {
  apply,
  multiply,
  rulingsOfPath,
  type Matrix,
  type PageContent,
  type Ruling,
  type TextPiece,
} from './geometry.ts';

/** pdfjs's path opcodes inside a constructPath (its DrawOPS). */
const MOVE_TO = 0;
const LINE_TO = 1;
const CURVE_TO = 2;
const QUADRATIC_TO = 3;
const CLOSE_PATH = 4;

const STROKES = new Set<number>([OPS.stroke, OPS.closeStroke]);
const FILLS = new Set<number>([
  OPS.fill,
  OPS.eoFill,
  OPS.fillStroke,
  OPS.eoFillStroke,
  OPS.closeFillStroke,
  OPS.closeEOFillStroke,
]);
const IMAGES = new Set<number>([
  OPS.paintImageXObject,
  OPS.paintInlineImageXObject,
  OPS.paintImageXObjectRepeat,
]);

/** White does not show on paper: a white line is no border (WPS paints white under shaded cells). */
const INVISIBLE = /^#f{6}$/i;

interface GraphicsState {
  ctm: Matrix;
  lineWidth: number;
  fill: string;
  stroke: string;
}

/** The points of a pdfjs path buffer, one array per subpath, through `m`. */
function subpathsOf(buffer: ArrayLike<number>, m: Matrix): Array<Array<[number, number]>> {
  const out: Array<Array<[number, number]>> = [];
  let current: Array<[number, number]> = [];
  for (let i = 0; i < buffer.length;) {
    const op = buffer[i++];
    if (op === MOVE_TO) {
      if (current.length) out.push(current);
      current = [apply(m, buffer[i]!, buffer[i + 1]!)];
      i += 2;
    } else if (op === LINE_TO) {
      current.push(apply(m, buffer[i]!, buffer[i + 1]!));
      i += 2;
    } else if (op === CURVE_TO) {
      // A curve is no ruling: break the subpath so no straight segment is made across it.
      if (current.length) out.push(current);
      current = [apply(m, buffer[i + 4]!, buffer[i + 5]!)];
      i += 6;
    } else if (op === QUADRATIC_TO) {
      if (current.length) out.push(current);
      current = [apply(m, buffer[i + 2]!, buffer[i + 3]!)];
      i += 4;
    } else if (op === CLOSE_PATH) {
      if (current.length) current.push(current[0]!);
    } else break;
  }
  if (current.length) out.push(current);
  return out;
}

/**
 * Text with positions and ruling lines of one page, in the page's viewing coordinates (origin top
 * left, rotation applied). The operator list is walked with its own graphics-state stack so that
 * every path is placed by the transform in force when it was drawn, forms (XObjects) included.
 */
export async function pageContent(page: PDFPageProxy): Promise<PageContent> {
  const viewport = page.getViewport({ scale: 1 });
  const view = viewport.transform as Matrix;
  const text = await page.getTextContent({ disableNormalization: false });
  const pieces: TextPiece[] = [];
  for (const item of text.items) {
    if (!('str' in item) || !item.str.trim()) continue;
    const t = multiply(item.transform as Matrix, view);
    const size = Math.hypot(t[2], t[3]) || Math.hypot(t[0], t[1]);
    // Text drawn sideways (a rotated column header) keeps its place; its width runs down the page.
    const horizontal = Math.abs(t[1]) < Math.abs(t[0]);
    const width = item.width * (horizontal ? Math.abs(view[0]) || Math.abs(view[1]) : 1);
    pieces.push({ text: item.str, x: t[4], top: t[5] - size, width: horizontal ? width : size, size });
  }
  const ops = await page.getOperatorList();
  const rulings: Ruling[] = [];
  let images = 0;
  let state: GraphicsState = { ctm: [1, 0, 0, 1, 0, 0], lineWidth: 1, fill: '#000000', stroke: '#000000' };
  const stack: GraphicsState[] = [];
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i]!;
    const args = ops.argsArray[i] as unknown[];
    switch (fn) {
      case OPS.save:
        stack.push({ ...state });
        break;
      case OPS.restore:
        state = stack.pop() ?? state;
        break;
      case OPS.transform:
        state.ctm = multiply(args as Matrix, state.ctm);
        break;
      case OPS.paintFormXObjectBegin: {
        stack.push({ ...state });
        const matrix = args[0] as Matrix | null;
        if (matrix) state.ctm = multiply(matrix, state.ctm);
        break;
      }
      case OPS.paintFormXObjectEnd:
        state = stack.pop() ?? state;
        break;
      case OPS.setLineWidth:
        state.lineWidth = Number(args[0]);
        break;
      case OPS.setFillRGBColor:
        state.fill = String(args[0]);
        break;
      case OPS.setStrokeRGBColor:
        state.stroke = String(args[0]);
        break;
      case OPS.constructPath: {
        const painted = args[0] as number;
        const isStroke = STROKES.has(painted);
        const isFill = FILLS.has(painted);
        if (!isStroke && !isFill) break;
        if (isStroke ? INVISIBLE.test(state.stroke) : INVISIBLE.test(state.fill)) break;
        const buffer = (args[1] as Array<ArrayLike<number> | null>)[0];
        if (!buffer) break;
        const m = multiply(state.ctm, view);
        const scale = Math.hypot(m[0], m[1]);
        rulings.push(
          ...rulingsOfPath(subpathsOf(buffer, m), isStroke ? 'stroke' : 'fill', state.lineWidth * scale),
        );
        break;
      }
      default:
        if (IMAGES.has(fn)) images++;
    }
  }
  return { width: viewport.width, height: viewport.height, pieces, rulings, images };
}
