import { NodeType, type HTMLElement, type Node } from 'node-html-parser';
import { BLOCKS, collapse, hasNestedTable, isElement, SKIPPED, tagOf } from './dom.ts';
import { rowsOf } from './grid.ts';

/** A line of prose: a paragraph, a heading, or a piece of one between <br>s. */
export interface ProseLine {
  text: string;
  /** Offset in the source where it begins. */
  offset: number;
  /** True for the first line of a block (a new paragraph), false after a <br>. */
  opensBlock: boolean;
}

/** The page in reading order: prose lines, and data tables where they stand. */
export type PagePart = { kind: 'prose'; line: ProseLine } | { kind: 'table'; table: HTMLElement };

const DIGITS = '〇一二三四五六七八九';

/** 1 → 一, 12 → 十二, 40 → 四十: the numbers an outline counts with. */
function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n]!;
  if (n < 20) return `十${n % 10 ? DIGITS[n % 10] : ''}`;
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 ? DIGITS[n % 10] : ''}`;
  return String(n);
}

/**
 * The marker Word drew before an item of a numbered list, which mammoth drops. Word keeps the
 * format in its numbering definitions, not in the HTML; the levels of official documents (GB/T
 * 9704: 一、 → （一） → 1. → （1）) are the best guess, and what the prose reader's outline expects.
 */
function listMarker(li: HTMLElement): string {
  const list = li.parentNode;
  if (!list || tagOf(list) !== 'ol') return '';
  let depth = 0;
  for (let p: HTMLElement | null = list; p; p = p.parentNode) if (tagOf(p) === 'ol') depth++;
  const n = list.childNodes.filter((c) => isElement(c) && tagOf(c) === 'li').indexOf(li) + 1;
  if (depth === 1) return `${chineseNumber(n)}、`;
  if (depth === 2) return `（${chineseNumber(n)}）`;
  if (depth === 3) return `${n}.`;
  return `（${n}）`;
}

/**
 * A table that lays out the page rather than holding data: one that holds another table, or one
 * whose every row is a single cell (a whole article framed in a one-cell table, as many
 * government sites publish it).
 */
function isLayoutTable(table: HTMLElement): boolean {
  if (hasNestedTable(table)) return true;
  const cellsIn = (tr: HTMLElement) =>
    tr.childNodes.filter((c) => isElement(c) && (tagOf(c) === 'td' || tagOf(c) === 'th')).length;
  return rowsOf(table).every((tr) => cellsIn(tr) <= 1);
}

/**
 * Walks the page in reading order; with `listMarkers`, items of numbered lists get back the
 * outline markers a Word document showed (see listMarker). A layout table is not data: its cells are read like blocks, and
 * the tables inside it are the data. Scripts, styles and the like are
 * skipped whole; attributes (onload=…) are never looked at. The walk keeps its own stack, so a
 * page nested thousands of levels deep cannot exhaust the call stack.
 */
export function walkPage(root: HTMLElement, options: { listMarkers?: boolean } = {}): PagePart[] {
  const parts: PagePart[] = [];
  let text = '';
  let offset = -1;
  let opensBlock = true;
  /** A list item's marker, waiting for the item's first text. */
  let marker = '';
  const endLine = (block: boolean) => {
    const t = text.trim();
    if (t) parts.push({ kind: 'prose', line: { text: t, offset: Math.max(offset, 0), opensBlock } });
    if (t || block) opensBlock = block;
    text = '';
    offset = -1;
  };
  const stack: Array<Node | 'end-block'> = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node === 'end-block') {
      endLine(true);
      continue;
    }
    if (!isElement(node)) {
      if (node.nodeType !== NodeType.TEXT_NODE) continue;
      const piece = collapse(node.text);
      if (piece.trim() && offset < 0) offset = node.range[0];
      if (piece.trim() && marker && !text.trim()) {
        text = marker + piece.trimStart();
        marker = '';
      } else text += piece;
      continue;
    }
    const tag = tagOf(node);
    if (SKIPPED.has(tag)) continue;
    if (tag === 'br') {
      endLine(false);
      continue;
    }
    if (tag === 'table' && !isLayoutTable(node)) {
      endLine(true);
      parts.push({ kind: 'table', table: node });
      continue;
    }
    const block = BLOCKS.has(tag);
    if (block) {
      endLine(true);
      stack.push('end-block');
    }
    if (tag === 'li' && options.listMarkers) marker = listMarker(node);
    for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]!);
  }
  endLine(true);
  return parts;
}
