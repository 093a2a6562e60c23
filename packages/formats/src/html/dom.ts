import { NodeType, type HTMLElement, type Node } from 'node-html-parser';

/** Elements whose content is never text of the report: code, styles, embedded objects, forms. */
export const SKIPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'head',
  'title',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
  'select',
  'button',
  'input',
  'textarea',
  'canvas',
  'audio',
  'video',
]);

/** Elements that end a line of text: what a browser lays out as a block. */
export const BLOCKS = new Set([
  'p',
  'div',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'section',
  'article',
  'header',
  'footer',
  'main',
  'nav',
  'aside',
  'blockquote',
  'pre',
  'center',
  'figure',
  'figcaption',
  'form',
  'fieldset',
  'address',
  'hr',
  'table',
  'caption',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'td',
  'th',
  'body',
  'html',
]);

export function isElement(node: Node): node is HTMLElement {
  return node.nodeType === NodeType.ELEMENT_NODE;
}

export function tagOf(node: HTMLElement): string {
  return (node.rawTagName ?? '').toLowerCase();
}

/** HTML collapses runs of ASCII white space; no-break and ideographic spaces are kept for cleanCell. */
export function collapse(text: string): string {
  return text.replace(/[ \t\n\r\f]+/g, ' ');
}

/**
 * The text of an element as a reader sees it: white space collapsed, a <br> joining the wrapped
 * text (directly between Chinese characters, with a space otherwise), a line break between blocks
 * (a cell holding several paragraphs), nothing from scripts or styles. Walks
 * with an explicit stack so that a page nested thousands of levels deep cannot exhaust the stack.
 */
export function textOf(root: HTMLElement): string {
  let out = '';
  const stack: Array<Node | 'break'> = [...root.childNodes].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    if (node === 'break') {
      if (out && !out.endsWith('\n')) out += '\n';
      continue;
    }
    if (!isElement(node)) {
      if (node.nodeType === NodeType.TEXT_NODE) out += collapse(node.text);
      continue;
    }
    const tag = tagOf(node);
    if (SKIPPED.has(tag)) continue;
    if (tag === 'br') {
      out += SOFT;
      continue;
    }
    const block = BLOCKS.has(tag);
    if (block) stack.push('break');
    for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]!);
    if (block) stack.push('break');
  }
  return out
    .split('\n')
    .map((l) =>
      l
        .split(SOFT)
        .map((piece) => piece.trim())
        .filter(Boolean)
        .reduce(joinSoft, ''),
    )
    .filter(Boolean)
    .join('\n');
}

/** Marks a <br> inside a cell: a wrap of the cell's text, not a new paragraph. */
const SOFT = '\u0001';

/** Chinese is written without spaces, so a wrap between two Chinese characters joins them directly. */
function joinSoft(text: string, piece: string): string {
  if (!text) return piece;
  const wide = (c: string | undefined) => c !== undefined && c.charCodeAt(0) > 0x7f;
  return wide(text.at(-1)) && wide(piece[0]) ? text + piece : `${text} ${piece}`;
}

/** Does the element contain a table anywhere below it? */
export function hasNestedTable(el: HTMLElement): boolean {
  return el.querySelector('table') !== null;
}
