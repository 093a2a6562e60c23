const TAG = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>/g;

/** Elements whose content is not markup: skipped to their end tag. */
const RAW = new Set(['script', 'style', 'textarea', 'title', 'noscript', 'template', 'xmp']);

/** Start tags that end an open <p> (HTML's list, those a report page uses). */
const CLOSES_P = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'center',
  'div',
  'dl',
  'fieldset',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'ul',
]);

/** What is open in one table (or outside all tables): the cell, the row, a paragraph. */
interface Open {
  cell: 'td' | 'th' | null;
  row: boolean;
  p: boolean;
}

function closeAll(open: Open, what: { p?: boolean; cell?: boolean; row?: boolean }): string {
  let out = '';
  if (what.p && open.p) out += '</p>';
  open.p = what.p ? false : open.p;
  if (what.cell && open.cell) out += `</${open.cell}>`;
  if (what.cell) open.cell = null;
  if (what.row && open.row) out += '</tr>';
  if (what.row) open.row = false;
  return out;
}

/**
 * Writes out the end tags HTML lets a page leave implied — </td>, </th>, </tr>, and </p> before a
 * block or a table — which node-html-parser does not infer: "<tr><td>1<td>人民调解" lost its rows,
 * and a <table> after an unclosed <p> vanished into it. Well-formed pages come back unchanged; no
 * newline is added, so source lines stay where they were.
 */
export function closeImpliedTags(source: string): string {
  // Word's "Save as Web Page" wraps list numbers in <![if !supportLists]> … <![endif]>: keep the
  // number, drop the markers (a parser reads them as text).
  const html = source.replace(/<!\[(?:if [^\]<>]*|endif)\]>/gi, '');
  const out: string[] = [];
  const stack: Open[] = [{ cell: null, row: false, p: false }];
  let last = 0;
  let lower: string | undefined;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    if (!m[2]) continue;
    const closing = m[1] === '/';
    const name = m[2].toLowerCase();
    const open = stack.at(-1)!;
    let insert = '';
    if (!closing) {
      if (name === 'td' || name === 'th') {
        insert = closeAll(open, { p: true, cell: true });
        open.cell = name;
      } else if (name === 'tr') {
        insert = closeAll(open, { p: true, cell: true, row: true });
        open.row = true;
      } else if (name === 'thead' || name === 'tbody' || name === 'tfoot') {
        insert = closeAll(open, { p: true, cell: true, row: true });
      } else if (CLOSES_P.has(name)) {
        insert = closeAll(open, { p: true });
      }
      if (name === 'p') open.p = true;
      if (name === 'table') stack.push({ cell: null, row: false, p: false });
    } else if (name === 'td' || name === 'th') {
      insert = closeAll(open, { p: true });
      open.cell = null;
    } else if (name === 'tr' || name === 'thead' || name === 'tbody' || name === 'tfoot') {
      insert = closeAll(open, { p: true, cell: true });
      open.row = false;
    } else if (name === 'table') {
      insert = closeAll(open, { p: true, cell: true, row: true });
      if (stack.length > 1) stack.pop();
    } else if (name === 'p') {
      open.p = false;
    } else if (CLOSES_P.has(name)) {
      insert = closeAll(open, { p: true });
    }
    if (insert) {
      out.push(html.slice(last, m.index), insert);
      last = m.index;
    }
    if (!closing && RAW.has(name)) {
      lower ??= html.toLowerCase();
      const end = lower.indexOf(`</${name}`, TAG.lastIndex);
      TAG.lastIndex = end < 0 ? html.length : end;
    }
  }
  if (!out.length) return html;
  out.push(html.slice(last));
  return out.join('');
}
