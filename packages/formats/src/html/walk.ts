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
 * Walks the page in reading order. A layout table is not data: its cells are read like blocks, and
 * the tables inside it are the data. Scripts, styles and the like are
 * skipped whole; attributes (onload=…) are never looked at. The walk keeps its own stack, so a
 * page nested thousands of levels deep cannot exhaust the call stack.
 */
export function walkPage(root: HTMLElement): PagePart[] {
  const parts: PagePart[] = [];
  let text = '';
  let offset = -1;
  let opensBlock = true;
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
      text += piece;
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
    for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]!);
  }
  endLine(true);
  return parts;
}
