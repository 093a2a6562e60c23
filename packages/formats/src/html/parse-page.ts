import { Node, parse, type HTMLElement } from 'node-html-parser';

/**
 * Parses a page with node-html-parser, in linear time.
 *
 * node-html-parser 7.1 appends each new node through remove(), which filters the parent's whole
 * child list even though a node being parsed is in no list yet: a table of 30 000 rows took
 * 38 s, a 20 MB page hours. While parsing, nodes are only ever appended fresh, or moved out of an
 * unclosed element that is then dropped, so detaching needs no filtering; remove() is replaced
 * for the length of this synchronous call and put back after it.
 */
export function parsePage(html: string): HTMLElement {
  const proto = Node.prototype as { remove: () => Node };
  const original = proto.remove;
  proto.remove = function detach(this: Node) {
    (this as { parentNode: HTMLElement | null }).parentNode = null;
    return this;
  };
  try {
    return parse(html, {
      comment: false,
      lowerCaseTagName: true,
      // Script and style contents are dropped at parse time: never parsed as markup, never read.
      blockTextElements: { script: false, style: false, noscript: false, template: false, pre: true },
    });
  } finally {
    proto.remove = original;
  }
}
