import type { DocumentPart } from '../grid/read-grid.ts';
import { looksLikeTitle } from '../text/tables/titles.ts';

/** A page's parts in reading order, each with how far down the page it starts (0 top, 1 bottom). */
export interface PlacedPage {
  parts: Array<{ at: number; part: DocumentPart }>;
}

/** Running heads and feet sit in the top and bottom tenth of a page. */
const MARGIN = 0.1;

/** A line's text with its figures taken out: "第 3 页" and "第 4 页" are the same running line. */
const keyOf = (text: string) => text.replace(/\s+/g, '').replace(/\d+/g, '#');

/**
 * Parts with the running heads and feet left out: a line in the top or bottom margin whose text,
 * figures aside, is printed on several pages (a unit's name, the report's title, "第 # 页"). They
 * are not prose, and between two parts of a table they would keep it from being joined again.
 */
export function withoutRunningLines(pages: PlacedPage[]): DocumentPart[] {
  const seen = new Map<string, Set<number>>();
  pages.forEach((page, k) => {
    for (const { at, part } of page.parts) {
      if (part.kind !== 'prose' || (at > MARGIN && at < 1 - MARGIN)) continue;
      // A form's own title heads every page a new form starts on: it names the table below.
      if (at <= MARGIN && looksLikeTitle(part.text)) continue;
      const key = `${at <= MARGIN ? 'head' : 'foot'}:${keyOf(part.text)}`;
      if (!seen.has(key)) seen.set(key, new Set());
      seen.get(key)!.add(k);
    }
  });
  const needed = Math.max(2, Math.ceil(pages.length * 0.3));
  const running = new Set([...seen].filter(([, on]) => on.size >= needed).map(([key]) => key));
  return pages.flatMap((page) =>
    page.parts
      .filter(({ at, part }) => {
        if (part.kind !== 'prose' || (at > MARGIN && at < 1 - MARGIN)) return true;
        return !running.has(`${at <= MARGIN ? 'head' : 'foot'}:${keyOf(part.text)}`);
      })
      .map(({ part }) => part),
  );
}
