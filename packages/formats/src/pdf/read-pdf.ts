import type { EvaluationDocument, ReadIssue } from '@jixiao/core';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { eachSourceRef, readGridDocument, type DocumentPart } from '../grid/read-grid.ts';
import type { NarrativeReader } from '../text/assemble.ts';
import { cleanCell } from '../text/lines.ts';
import type { RawCell, RawRow } from '../text/tables/types.ts';
import type { PageContent, TextPiece } from './geometry.ts';
import { openPdf } from './open.ts';
import { pageContent } from './page-content.ts';
import { withoutRunningLines, type PlacedPage } from './running-lines.ts';
import { cellText, findRuledTables, joinLine, linesOf, placeText, type RuledTable } from './ruled-grid.ts';

/** Progress of a long read, page by page (OCR of a scan takes seconds a page). */
export interface PdfProgress {
  page: number;
  pages: number;
  /** 'text': read from the text layer; 'ocr': recognised from the page image; 'skipped': not read. */
  how: 'text' | 'ocr' | 'skipped';
}

/** Reads the text of a page that has none (a scan), or says why it cannot. */
export type PageRecogniser = (doc: PDFDocumentProxy, page: number) => Promise<PageContent>;

export interface ReadPdfOptions {
  narrative?: NarrativeReader;
  onProgress?: (progress: PdfProgress) => void;
  /** Reads scanned pages; without it, a scanned page is named as not read. */
  recognise?: PageRecogniser;
}

/** A page number printed at the foot or head of a page: "- 3 -", "第 3 页 共 9 页", "3/9". */
const PAGE_NUMBER =
  /^(?:[-—–－\s]*\d{1,4}[-—–－\s]*|第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?|\d+\s*\/\s*\d+)$/;

/** A page with fewer characters than this in its text layer, and an image, is a scan. */
const SCAN_CHARS = 10;

interface PageLine {
  mid: number;
  pieces: TextPiece[];
}

/** Where a page's lines are numbered from in the whole document, to give back page and line. */
interface PageSpan {
  page: number;
  first: number;
  count: number;
}

/** The rows of a ruled table, merged cells expanded: text in the top-left cell, the rest blank. */
function rowsOf(table: RuledTable, lineAt: (y: number) => number): RawRow[] {
  const rows: RawRow[] = [];
  const height = table.ys.length - 1;
  const width = table.xs.length - 1;
  const anchor = new Map(table.cells.map((c) => [c.row * width + c.col, c]));
  for (let r = 0; r < height; r++) {
    const line = lineAt(table.ys[r]!);
    const cells: RawCell[] = [];
    for (let c = 0; c < width; c++) {
      const cell = anchor.get(r * width + c);
      cells.push({ text: cell ? cleanCell(cellText(cell.pieces)) : '', line });
    }
    rows.push({ cells, line, afterBreak: false });
  }
  return rows;
}

/**
 * The document parts of one page in reading order, top to bottom: its prose lines (page
 * numbers left out) and its ruled tables. `first` is the number of the page's first line in
 * the whole document.
 */
function pageParts(
  content: PageContent,
  page: number,
  first: number,
): { parts: PlacedPage['parts']; count: number } {
  const tables = findRuledTables(content.rulings);
  const all: PageLine[] = linesOf(content.pieces).map((pieces) => ({
    mid: pieces[0]!.top + pieces[0]!.size / 2,
    pieces,
  }));
  /** The document line of a height on the page: the first text line at or below it. */
  const lineAt = (y: number) => {
    const k = all.findIndex((l) => l.mid >= y);
    return first + (k < 0 ? Math.max(all.length - 1, 0) : k);
  };
  const outside = new Set(placeText(tables, content.pieces));
  const prose = all
    .map((l, k) => ({ ...l, line: first + k, pieces: l.pieces.filter((p) => outside.has(p)) }))
    .filter((l) => l.pieces.length);
  const left = Math.min(...prose.map((l) => l.pieces[0]!.x));
  const parts: Array<{ top: number; part: DocumentPart }> = [];
  for (const l of prose) {
    const text = cleanCell(joinLine(l.pieces));
    if (!text || PAGE_NUMBER.test(text)) continue;
    // A first line indented by two characters (the Chinese paragraph indent) opens a paragraph.
    const indented = l.pieces[0]!.x - left >= l.pieces[0]!.size * 1.5;
    parts.push({ top: l.mid, part: { kind: 'prose', text, line: l.line, opensBlock: indented, page } });
  }
  tables.forEach((t, k) => {
    parts.push({
      top: t.top,
      part: {
        kind: 'table',
        rows: rowsOf(t, lineAt),
        firstLine: lineAt(t.top),
        lastLine: lineAt(t.bottom) - 1,
        place: `第 ${page} 页第 ${k + 1} 个表格`,
        page,
      },
    });
  });
  parts.sort((p, q) => p.top - q.top);
  const height = content.height || 1;
  return { parts: parts.map((p) => ({ at: p.top / height, part: p.part })), count: all.length };
}

/** A document line number back to its page and the line on that page. */
function relocate(doc: unknown, spans: PageSpan[]): void {
  const at = (line: number) => spans.find((s) => line >= s.first && line < s.first + Math.max(s.count, 1));
  eachSourceRef(doc, (ref) => {
    if (typeof ref.line !== 'number' || ref.page !== undefined) return;
    const span = at(ref.line);
    if (!span) return;
    ref.page = span.page;
    const end = typeof ref.endLine === 'number' ? ref.endLine : undefined;
    ref.line = ref.line - span.first + 1;
    if (end !== undefined) {
      if (end < span.first + span.count) ref.endLine = end - span.first + 1;
      else delete ref.endLine;
    }
  });
}

/**
 * Reads a PDF: each page's text with its position and its ruling lines; ruled tables become
 * grids (merged cells from the borders that are not drawn), the text around them numbered lines
 * of prose; then the same reading as HTML and Word. A page without a text layer (a scan) is read
 * by `recognise` when given, else named as not read. A page that cannot be read is named, and the
 * rest of the file is still read. Provenance is the page and the line on it.
 */
export async function readPdf(
  bytes: Uint8Array,
  file: string,
  options: ReadPdfOptions = {},
): Promise<EvaluationDocument> {
  const doc = await openPdf(bytes, file);
  const pages: PlacedPage[] = [];
  const issues: ReadIssue[] = [];
  const spans: PageSpan[] = [];
  let next = 1;
  try {
    for (let p = 1; p <= doc.numPages; p++) {
      let content: PageContent;
      let how: PdfProgress['how'] = 'text';
      try {
        const page = await doc.getPage(p);
        content = await pageContent(page);
        page.cleanup();
      } catch {
        issues.push({
          severity: 'error',
          message: `第 ${p} 页的内容已损坏，无法读取，已跳过`,
          source: { file, page: p },
        });
        options.onProgress?.({ page: p, pages: doc.numPages, how: 'skipped' });
        continue;
      }
      const chars = content.pieces.reduce((n, piece) => n + piece.text.replace(/\s/g, '').length, 0);
      if (chars < SCAN_CHARS && content.images > 0) {
        if (options.recognise) {
          try {
            content = await options.recognise(doc, p);
            how = 'ocr';
            for (const u of content.unread ?? []) {
              issues.push({
                severity: 'warning',
                message: `第 ${p} 页（扫描图片）第 ${u.table} 个表格第 ${u.row} 行第 ${u.col} 列有字迹，但没有识别出文字，未读取；请核对原件`,
                source: { file, page: p, row: u.row },
              });
            }
          } catch (error) {
            issues.push({
              severity: 'error',
              message: `第 ${p} 页是扫描图片，文字识别失败（${recogniseFailure(error)}），未读取`,
              source: { file, page: p },
            });
            how = 'skipped';
          }
        } else {
          issues.push({
            severity: 'warning',
            message: `第 ${p} 页是扫描图片，没有文字层，未读取；请导入带文字的 PDF，或另存为 Word/Excel 后再导入`,
            source: { file, page: p },
          });
          how = 'skipped';
        }
      }
      const { parts: placed, count } = pageParts(content, p, next);
      spans.push({ page: p, first: next, count });
      next += Math.max(count, 1);
      pages.push({ parts: placed });
      options.onProgress?.({ page: p, pages: doc.numPages, how });
    }
  } finally {
    await doc.destroy();
  }
  const result = readGridDocument(withoutRunningLines(pages), file, {
    issues,
    ...(options.narrative ? { narrative: options.narrative } : {}),
  });
  relocate(result, spans);
  return result;
}

/** Why OCR failed, when it says so in Chinese (a missing model, memory); else a plain reason. */
function recogniseFailure(error: unknown): string {
  const message = (error as Error)?.message ?? '';
  return /\p{Script=Han}/u.test(message) ? message : '识别程序出错';
}
