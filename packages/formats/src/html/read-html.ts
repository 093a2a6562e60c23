import type { EvaluationDocument, ReadIssue } from '@jixiao/core';
import type { HTMLElement } from 'node-html-parser';
import { ReadError, MAX_FILE_BYTES } from '../read-error.ts';
import { eachSourceRef, readGridDocument, type DocumentPart } from '../grid/read-grid.ts';
import type { NarrativeReader } from '../text/assemble.ts';
import { cleanCell } from '../text/lines.ts';
import type { NarrativeFacts } from '../text/narrative/types.ts';
import { isElement, tagOf, textOf } from './dom.ts';
import { closeImpliedTags } from './end-tags.ts';
import { gridOf } from './grid.ts';
import { parsePage } from './parse-page.ts';
import { lineLocator } from './source-lines.ts';
import { walkPage } from './walk.ts';

/** Cells made from all tables of one page together: a form has hundreds; a million is an attack. */
const MAX_CELLS = 1_000_000;

/**
 * Tags a page may have. A published report has a few thousand; the parser's tree costs about
 * 3 KB per tag, so this bounds memory (≈ 1 GB) and time (≈ 1 s) before anything is parsed.
 */
export const MAX_TAGS = 250_000;

/** Prose characters read: a report's text is some 50 000; beyond this it is not a report. */
export const MAX_PROSE_CHARS = 1_000_000;

function countTags(html: string): number {
  let n = 0;
  const re = /<[a-zA-Z]/g;
  while (re.exec(html)) if (++n > MAX_TAGS) break;
  return n;
}

export interface ReadHtmlOptions {
  narrative?: NarrativeReader;
  /**
   * 'line' (a web page): provenance is the source line. 'paragraph' (a Word document converted to
   * HTML): prose is numbered by paragraph, table cells by table, row and column only.
   */
  locate?: 'line' | 'paragraph';
}

/** The table's <caption>, when it has one. */
function captionOf(
  el: HTMLElement,
  line: (node: HTMLElement) => number,
): { text: string; line: number } | undefined {
  const caption = el.childNodes.find((c) => isElement(c) && tagOf(c) === 'caption');
  if (!caption || !isElement(caption)) return undefined;
  const text = cleanCell(textOf(caption)).replace(/\s+/g, '');
  return text ? { text, line: line(caption) } : undefined;
}

/** Every SourceRef of the prose: the numbers given as lines were paragraphs. */
function linesToParagraphs(value: unknown): void {
  eachSourceRef(value, (o) => {
    if (typeof o.line !== 'number') return;
    o.paragraph = o.line;
    delete o.line;
    delete o.endLine;
  });
}

/**
 * Reads a published report page: its <table>s go through the same interpretation as the text
 * reader's tables, its paragraphs through the same prose reader. Nothing on the page is run: a
 * <script> or an onload= is text that is skipped. Entities are decoded; a GB2312/GBK page must be
 * decoded by the caller.
 */
export function readHtml(html: string, file: string, options: ReadHtmlOptions = {}): EvaluationDocument {
  if (html.length > MAX_FILE_BYTES) {
    throw new ReadError(file, `${file} 有 ${html.length} 个字符，超过上限，不像一份自评报告网页`);
  }
  if (countTags(html) > MAX_TAGS) {
    throw new ReadError(
      file,
      `${file} 含有超过 ${MAX_TAGS} 个 HTML 标签（一份自评报告网页通常只有几千个），不像一份自评报告，未读取`,
    );
  }
  const byParagraph = options.locate === 'paragraph';
  // Inserted end tags add no newline: lines in the normalised page are the source's lines.
  const page = closeImpliedTags(html);
  const root = parsePage(page);
  const lineAt = lineLocator(page);
  const sourceLine = (node: HTMLElement) => (byParagraph ? 0 : lineAt(node.range[0]));
  const parts: DocumentPart[] = [];
  const issues: ReadIssue[] = [];
  const budget = { cells: MAX_CELLS };
  let paragraph = 0;
  let tableNo = 0;
  let proseChars = 0;
  for (const part of walkPage(root, { listMarkers: byParagraph })) {
    if (part.kind === 'prose') {
      const p = part.line;
      proseChars += p.text.length;
      if (proseChars > MAX_PROSE_CHARS) {
        if (proseChars - p.text.length <= MAX_PROSE_CHARS) {
          issues.push({
            severity: 'error',
            message: `正文超过 ${MAX_PROSE_CHARS} 个字符，不像一份自评报告，其余正文未读取`,
            source: { file, ...(byParagraph ? { paragraph: paragraph + 1 } : { line: lineAt(p.offset) }) },
          });
        }
        continue;
      }
      // A <br> (Word's soft line break) continues its paragraph: same paragraph number.
      if (byParagraph && (p.opensBlock || paragraph === 0)) paragraph++;
      parts.push({
        kind: 'prose',
        text: p.text,
        line: byParagraph ? paragraph : lineAt(p.offset),
        opensBlock: p.opensBlock,
      });
      continue;
    }
    tableNo++;
    if (budget.cells <= 0) continue;
    const el = part.table;
    const { rows, truncated } = gridOf(el, sourceLine, budget);
    const firstLine = sourceLine(el);
    if (truncated) {
      issues.push({
        severity: 'error',
        message: `第 ${tableNo} 个表格起，单元格超过 ${MAX_CELLS} 个，不像一份自评报告，其余部分未读取`,
        source: { file, ...(firstLine ? { line: firstLine } : {}) },
      });
    }
    const caption = captionOf(el, sourceLine);
    parts.push({
      kind: 'table',
      rows,
      firstLine,
      lastLine: byParagraph ? 0 : lineAt(el.range[1]),
      place: `第 ${tableNo} 个表格`,
      ...(caption ? { caption } : {}),
    });
  }
  const doc = readGridDocument(parts, file, {
    byParagraph,
    issues,
    ...(options.narrative ? { narrative: options.narrative } : {}),
    ...(byParagraph ? { relocateNarrative: (facts: NarrativeFacts) => linesToParagraphs(facts) } : {}),
  });
  return doc;
}
