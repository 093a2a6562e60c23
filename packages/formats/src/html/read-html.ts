import type { EvaluationDocument, ReadIssue } from '@jixiao/core';
import type { HTMLElement } from 'node-html-parser';
import { ReadError, MAX_FILE_BYTES } from '../read-file.ts';
import { assembleDocument, PARAGRAPH_BREAK, type NarrativeReader } from '../text/assemble.ts';
import { cleanCell } from '../text/lines.ts';
import type { NarrativeFacts, NumberedLine } from '../text/narrative/types.ts';
import { captionAbove, captionYear, looksLikeTitle, titleYear } from '../text/tables/titles.ts';
import type { RawTable } from '../text/tables/types.ts';
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

/** A caption inside the table: <caption>, or leading one-cell rows naming the form and its year. */
function titleInside(
  el: HTMLElement,
  table: RawTable,
  line: (node: HTMLElement) => number,
): { text: string; line: number } | undefined {
  const caption = el.childNodes.find((c) => isElement(c) && tagOf(c) === 'caption');
  let title: { text: string; line: number } | undefined;
  if (caption && isElement(caption)) {
    const text = cleanCell(textOf(caption)).replace(/\s+/g, '');
    if (text) title = { text, line: line(caption) };
  }
  while (table.rows.length) {
    const filled = table.rows[0]!.cells.filter((c) => c.text !== '');
    if (filled.length !== 1) break;
    const text = filled[0]!.text;
    const year = captionYear(text);
    if (year !== undefined) table.captionYear ??= year;
    else if (!title && looksLikeTitle(text))
      title = { text: text.replace(/\s+/g, ''), line: filled[0]!.line };
    else break;
    table.rows.shift();
  }
  return title;
}

/** Every SourceRef of the prose: the numbers given as lines were paragraphs. */
function linesToParagraphs(value: unknown): void {
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (Array.isArray(v)) stack.push(...(v as unknown[]));
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.file === 'string' && typeof o.line === 'number') {
        o.paragraph = o.line;
        delete o.line;
        delete o.endLine;
      }
      stack.push(...Object.values(o));
    }
  }
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
  const lines: NumberedLine[] = [];
  const tables: RawTable[] = [];
  const issues: ReadIssue[] = [];
  const budget = { cells: MAX_CELLS };
  let paragraph = 0;
  let tableNo = 0;
  let proseChars = 0;
  /** Prose between the last table and this one: without any, an untitled table continues it. */
  let proseSinceTable = true;
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
      if (p.opensBlock && lines.length) lines.push({ line: lines.at(-1)!.line, text: PARAGRAPH_BREAK });
      // A <br> (Word's soft line break) continues its paragraph: same paragraph number.
      if (byParagraph && (p.opensBlock || paragraph === 0)) paragraph++;
      lines.push({ line: byParagraph ? paragraph : lineAt(p.offset), text: p.text });
      proseSinceTable = true;
      continue;
    }
    tableNo++;
    if (budget.cells <= 0) continue;
    const el = part.table;
    const { rows, truncated } = gridOf(el, sourceLine, budget);
    rows.forEach((r, k) => (r.index = k + 1));
    const firstLine = sourceLine(el);
    const table: RawTable = {
      layout: 'grid',
      rows,
      firstLine,
      lastLine: byParagraph ? 0 : lineAt(el.range[1]),
    };
    if (truncated) {
      issues.push({
        severity: 'error',
        message: `第 ${tableNo} 个表格起，单元格超过 ${MAX_CELLS} 个，不像一份自评报告，其余部分未读取`,
        source: { file, ...(firstLine ? { line: firstLine } : {}) },
      });
    }
    const inside = titleInside(el, table, sourceLine);
    const previous = tables.at(-1);
    if (!inside && !proseSinceTable && previous && rows.length) {
      // A form split into several tables (a site cutting it at page breaks): one table again.
      const offset = previous.rows.at(-1)?.index ?? previous.rows.length;
      for (const r of table.rows) r.index = offset + r.index!;
      previous.rows.push(...table.rows);
      if (!byParagraph) previous.lastLine = table.lastLine;
      continue;
    }
    proseSinceTable = false;
    const above = captionAbove(lines, lines.length);
    const title = inside ?? above.title;
    if (title) {
      table.title = { text: title.text, line: byParagraph ? 0 : title.line };
      if (byParagraph && !inside) table.title.paragraph = title.line;
    }
    const year = table.captionYear ?? above.year ?? (title ? titleYear(title.text) : undefined);
    if (year !== undefined) table.captionYear = year;
    table.place = `第 ${tableNo} 个表格${title ? `「${title.text}」` : ''}`;
    if (rows.length) tables.push(table);
  }
  const doc = assembleDocument({
    file,
    tables,
    lines,
    documentText: lines.map((l) => l.text).join('\n'),
    ...(options.narrative ? { narrative: options.narrative } : {}),
    ...(byParagraph ? { relocateNarrative: (facts: NarrativeFacts) => linesToParagraphs(facts) } : {}),
  });
  doc.issues.unshift(...issues);
  return doc;
}
