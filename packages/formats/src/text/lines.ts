import type { NumberedLine } from './narrative/types.ts';

/** Splits a document into 1-based numbered lines; CRLF and a leading BOM are not part of any line. */
export function numberLines(text: string): NumberedLine[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n|\r/)
    .map((line, i) => ({ line: i + 1, text: line }));
}

/** A cell as the reader compares it: full-width and no-break spaces are blanks, then trimmed. */
export function cleanCell(text: string): string {
  return text.replace(/[\u3000\u00a0]/g, ' ').trim();
}

/** Header and key text without any whitespace, for matching ("年初预算数 (万元)" → "年初预算数(万元)"). */
export function squeeze(text: string): string {
  return text.replace(/[\s\u3000\u00a0]+/g, '');
}
