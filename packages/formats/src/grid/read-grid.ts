import type { EvaluationDocument, ReadIssue } from '@jixiao/core';
import { assembleDocument, PARAGRAPH_BREAK, type NarrativeReader } from '../text/assemble.ts';
import type { NarrativeFacts, NumberedLine } from '../text/narrative/types.ts';
import { captionAbove, captionYear, looksLikeTitle, titleYear } from '../text/tables/titles.ts';
import type { RawRow, RawTable } from '../text/tables/types.ts';
import { scriptNormaliser, scriptNotice } from '../normalise/script.ts';

/** A line of prose in reading order: a paragraph, or a piece of one after a soft line break. */
export interface ProsePart {
  kind: 'prose';
  text: string;
  /** Where it is: a source line, a paragraph number, or a line of the whole document. */
  line: number;
  /** True for the first line of a block (a new paragraph). */
  opensBlock: boolean;
  /** The printed page it is on, where the format has pages (PDF). */
  page?: number;
}

/** A table whose columns the format gives (HTML, Word, a sheet, a ruled PDF table). */
export interface GridPart {
  kind: 'table';
  /** Rows with merged cells expanded: text in the first cell, the cells it covers blank. */
  rows: RawRow[];
  firstLine: number;
  lastLine: number;
  /** A caption the format marks as one (<caption>). */
  caption?: { text: string; line: number };
  /** How messages name the table when its lines do not locate it ("第 3 页第 1 个表格"). */
  place: string;
  /** False where the format says the table cannot continue the one before (a new sheet). */
  mayContinue?: boolean;
  /** The printed page it is on, where the format has pages (PDF). */
  page?: number;
}

export type DocumentPart = ProsePart | GridPart;

export interface ReadGridOptions {
  narrative?: NarrativeReader;
  /** Rewrites the prose's provenance (Word: the line numbers given are paragraph numbers). */
  relocateNarrative?: (facts: NarrativeFacts) => void;
  /** Titles given without a line of their own (Word): the caption's paragraph is kept instead. */
  byParagraph?: boolean;
  /** Reading problems the format met before assembling (cut-off tables, unreadable pages). */
  issues?: ReadIssue[];
}

const rowKey = (r: RawRow) => r.cells.map((c) => c.text.replace(/\s+/g, '')).join('|');

/** A row of labels: two or more cells with text, none of them a figure. */
function isLabelRow(r: RawRow): boolean {
  const filled = r.cells.filter((c) => c.text !== '');
  return filled.length >= 2 && !filled.some((c) => /^[-+]?[\d,.]+%?$/.test(c.text.replace(/\s+/g, '')));
}

/**
 * A row that prints a header row of a table again: the same labels in the same columns. A cell
 * merged down the side of the table ("绩效指标（90分）") may be left blank in the repeat, its text
 * printed once; at least three labels must be there.
 */
function repeatsHeader(row: RawRow, header: RawRow): boolean {
  if (!isLabelRow(header) || row.cells.length !== header.cells.length) return false;
  const text = (r: RawRow, k: number) => r.cells[k]!.text.replace(/\s+/g, '');
  let labels = 0;
  for (let k = 0; k < row.cells.length; k++) {
    if (text(row, k) === '') continue;
    if (text(row, k) !== text(header, k)) return false;
    labels++;
  }
  return labels >= 3 || (labels >= 2 && rowKey(row) === rowKey(header));
}

/**
 * A table continued on a new page often repeats a header row there (WPS and Word "repeat as
 * header row", Excel's Print_Titles): a row of labels the table above already has is the header
 * again, not data.
 */
function dropRepeatedHeader(continuation: RawTable, previous: RawTable): void {
  while (continuation.rows.length && previous.rows.some((h) => repeatsHeader(continuation.rows[0]!, h)))
    continuation.rows.shift();
}

/**
 * A short piece of text printed at the head of a page above a table continued from the page
 * before: the text of a merged cell cut by the page break (LibreOffice prints it again on the new
 * page, outside the ruled rows), not a paragraph and not a form's title.
 */
function isCellFragment(text: string): boolean {
  const t = text.replace(/\s+/g, '');
  return t.length <= 20 && !/[。；;：:]/.test(t) && !looksLikeTitle(t) && captionYear(t) === undefined;
}

/**
 * A table on a later page that starts with a header row of the table that ended the page before
 * (Excel's and WPS's "打印标题", Word's "标题行重复"): the same form, printed on. Only short cell
 * fragments may stand between them, all on the new page; a title, a paragraph, or text after the
 * table on its own page means a new table.
 */
function continuesOnNewPage(
  part: GridPart,
  table: RawTable,
  previous: { table: RawTable; page: number | undefined },
  since: ProsePart[],
): boolean {
  if (part.page === undefined || previous.page === undefined || part.page <= previous.page) return false;
  if (!since.every((p) => p.page === part.page && isCellFragment(p.text))) return false;
  const first = table.rows[0];
  if (!first || first.cells.filter((c) => c.text !== '').length < 3) return false;
  return previous.table.rows.some((h) => repeatsHeader(first, h));
}

/** Leading one-cell rows naming the form and its year: the table's own title rows. */
function titleInside(table: RawTable): { text: string; line: number } | undefined {
  let title: { text: string; line: number } | undefined;
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

/**
 * Turns a document read as prose and grids — HTML, Word, a workbook, a PDF — into the model,
 * the same way for every format: a table is titled by its caption, its leading title rows or the
 * line above it; a table with no title and no prose since the one before continues that one (a
 * form cut at a page break); then the text reader's interpretation (assembleDocument).
 */
export function readGridDocument(
  parts: DocumentPart[],
  file: string,
  options: ReadGridOptions = {},
): EvaluationDocument {
  const byParagraph = options.byParagraph === true;
  normaliseScript(parts, file, options);
  const lines: NumberedLine[] = [];
  const tables: RawTable[] = [];
  /** Prose between the last table and this one: without any, an untitled table continues it. */
  let proseSinceTable = true;
  /** The prose since the last table, and how many lines there were when it ended. */
  let since: ProsePart[] = [];
  let linesAtTable = 0;
  /** The page the last table ended on. */
  let tablePage: number | undefined;
  for (const part of parts) {
    if (part.kind === 'prose') {
      if (part.opensBlock && lines.length) lines.push({ line: lines.at(-1)!.line, text: PARAGRAPH_BREAK });
      lines.push({ line: part.line, text: part.text });
      proseSinceTable = true;
      since.push(part);
      continue;
    }
    const { rows } = part;
    rows.forEach((r, k) => (r.index ??= k + 1));
    const table: RawTable = { layout: 'grid', rows, firstLine: part.firstLine, lastLine: part.lastLine };
    const rowsTitle = titleInside(table);
    const inside = part.caption ?? rowsTitle;
    const previous = tables.at(-1);
    const printedOn =
      !inside &&
      proseSinceTable &&
      part.mayContinue !== false &&
      previous !== undefined &&
      continuesOnNewPage(part, table, { table: previous, page: tablePage }, since);
    // The fragments of cut cells above it are the table's, not prose.
    if (printedOn) lines.length = linesAtTable;
    since = [];
    if (!inside && (!proseSinceTable || printedOn) && part.mayContinue !== false && previous && rows.length) {
      tablePage = part.page;
      linesAtTable = lines.length;
      proseSinceTable = false;
      dropRepeatedHeader(table, previous);
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
    table.place = `${part.place}${title ? `「${title.text}」` : ''}`;
    if (rows.length) tables.push(table);
    tablePage = part.page;
    linesAtTable = lines.length;
  }
  const doc = assembleDocument({
    file,
    tables,
    lines,
    documentText: lines.map((l) => l.text).join('\n'),
    ...(options.narrative ? { narrative: options.narrative } : {}),
    ...(options.relocateNarrative ? { relocateNarrative: options.relocateNarrative } : {}),
  });
  if (options.issues?.length) doc.issues.unshift(...options.issues);
  return doc;
}

/**
 * Traditional characters and inserted pinyin (mirror sites) normalised in every cell and line
 * before recognition, decided once for the whole document; the change is said in a warning.
 */
function normaliseScript(parts: DocumentPart[], file: string, options: ReadGridOptions): void {
  const samples = function* () {
    for (const p of parts) {
      if (p.kind === 'prose') yield p.text;
      else for (const r of p.rows) for (const c of r.cells) yield c.text;
    }
  };
  const script = scriptNormaliser(samples());
  const notice = scriptNotice(script);
  if (!notice) return;
  for (const p of parts) {
    if (p.kind === 'prose') p.text = script.apply(p.text);
    else {
      for (const r of p.rows) for (const c of r.cells) c.text = script.apply(c.text);
      if (p.caption) p.caption.text = script.apply(p.caption.text);
    }
  }
  (options.issues ??= []).push({ severity: 'warning', message: `${file}：${notice}`, source: { file } });
}

/** Every SourceRef in a value (a document, narrative facts): `visit` may rewrite each in place. */
export function eachSourceRef(value: unknown, visit: (ref: Record<string, unknown>) => void): void {
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (Array.isArray(v)) stack.push(...(v as unknown[]));
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.file === 'string') visit(o);
      stack.push(...Object.values(o));
    }
  }
}
