import { squeeze } from './lines.ts';

/**
 * What the table readers ask of the whole document, worked out once per document instead of once
 * per table or row (a 17 MB report has a thousand tables: splitting it for each was quadratic).
 */
interface DocumentFacts {
  text: string;
  lines: string[];
  /** 1-based number of the last line with any text (0 when none). */
  lastFilled: number;
  squeezed?: string;
}

let cached: DocumentFacts | undefined;

function facts(text: string): DocumentFacts {
  if (cached?.text === text) return cached;
  const lines = text.split(/\r?\n|\r/);
  let lastFilled = lines.length;
  while (lastFilled > 0 && lines[lastFilled - 1]!.trim() === '') lastFilled--;
  cached = { text, lines, lastFilled };
  return cached;
}

/** The document's lines (line n is at index n − 1). */
export function documentLines(text: string): string[] {
  return facts(text).lines;
}

/** Whether nothing but blank lines follows line `line` (1-based): the copy ends there. */
export function endsAfter(text: string, line: number): boolean {
  return facts(text).lastFilled <= line;
}

/** The document without any whitespace, for finding a form's title in it. */
export function squeezedDocument(text: string): string {
  const f = facts(text);
  f.squeezed ??= squeeze(text);
  return f.squeezed;
}
