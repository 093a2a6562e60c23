import { normalizeLine } from './normalize.ts';
import type { NumberedLine } from './types.ts';

/** A paragraph of prose: lines a page break or a hard wrap split, joined back, with where each began. */
export interface Paragraph {
  text: string;
  /** Offset in `text` where each source line starts, with its 1-based number. */
  starts: Array<{ offset: number; line: number }>;
  /** Outline level of its list marker: 0 第一部分, 1 一、, 2 （一）, 3 1., 4 （1）, 5 — ; null without one. */
  level: number | null;
  /** A short line with no sentence punctuation: a title, a heading, a caption. */
  titleLike: boolean;
}

const MARKERS: Array<[RegExp, number]> = [
  [/^第[一二三四五六七八九十百]+部分/, 0],
  [/^[一二三四五六七八九十]+[、.．]/, 1],
  [/^[（(][一二三四五六七八九十]+[)）]/, 2],
  [/^\d{1,2}[.．、](?!\d)/, 3],
  [/^[（(]\d{1,2}[)）]/, 4],
  [/^[—–\-•·]+/, 5],
];

export function markerLevel(text: string): number | null {
  for (const [re, level] of MARKERS) if (re.test(text)) return level;
  return null;
}

export function isTitleLike(text: string): boolean {
  return text.length > 0 && text.length <= 40 && !/[，,。；;！？!?：:]/.test(text);
}

/** Table rows: tab-separated, pipe-separated, or one cell per line led by a tab. */
function isTableLine(raw: string): boolean {
  return raw.includes('\t') || raw.includes(' | ') || /^\s*\|/.test(raw);
}

/** A line that starts a new paragraph rather than continuing the one before. */
function startsParagraph(text: string): boolean {
  return markerLevel(text) !== null || isTitleLike(text) || /^[^，,。；;：:\d]{2,14}[：:]/.test(text);
}

/**
 * The prose lines of a file, joined into paragraphs. Table rows are skipped, and so are the
 * continuation lines of a table cell (a line straight after a tab-led cell, or one standing alone
 * between two table rows).
 */
export function proseParagraphs(lines: NumberedLine[]): Paragraph[] {
  const prose: Array<NumberedLine | null> = [];
  const blank = (i: number) => lines[i]!.text.trim() === '';
  let inCell = false;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.text;
    if (blank(i)) {
      inCell = false;
      prose.push(null);
      continue;
    }
    if (isTableLine(raw)) {
      inCell = raw.startsWith('\t');
      prose.push(null);
      continue;
    }
    if (inCell) {
      prose.push(null);
      continue;
    }
    let p = i - 1;
    while (p >= 0 && blank(p)) p--;
    let n = i + 1;
    while (n < lines.length && blank(n)) n++;
    if (p >= 0 && n < lines.length && isTableLine(lines[p]!.text) && isTableLine(lines[n]!.text)) {
      prose.push(null);
      continue;
    }
    const text = normalizeLine(raw);
    prose.push(text && /\p{Script=Han}/u.test(text) ? { line: lines[i]!.line, text } : null);
  }

  const out: Paragraph[] = [];
  let current: Paragraph | null = null;
  let gapHasTable = false;
  for (let i = 0; i < prose.length; i++) {
    const entry = prose[i];
    if (!entry) {
      if (!blank(i)) gapHasTable = true;
      continue;
    }
    const joins =
      current !== null &&
      !gapHasTable &&
      !current.titleLike &&
      !/[。！？!?；;]$/.test(current.text) &&
      !startsParagraph(entry.text);
    if (joins && current) {
      current.starts.push({ offset: current.text.length, line: entry.line });
      current.text += entry.text;
    } else {
      current = {
        text: entry.text,
        starts: [{ offset: 0, line: entry.line }],
        level: markerLevel(entry.text),
        titleLike: isTitleLike(entry.text),
      };
      out.push(current);
    }
    gapHasTable = false;
  }
  return out;
}

export function lineAt(p: Paragraph, offset: number): number {
  let line = p.starts[0]!.line;
  for (const s of p.starts) {
    if (s.offset <= offset) line = s.line;
    else break;
  }
  return line;
}
