import type { DocumentAudit, EvaluationResult } from '@jixiao/core';
import {
  buildReportContent,
  type ReportBlock,
  type ReportCell,
  type ReportContent,
  type ReportOptions,
} from './content.ts';
import { escapeHtml as esc } from './text.ts';
import { cssFontFamily, OFFICIAL_PAGE, PRINT_FONT_STACKS } from './official-page.ts';

/** Fonts by role (official-page.ts): office names first, then Debian's TrueType CJK fonts, embedded as CID fonts. */
const BODY_FONT = cssFontFamily(PRINT_FONT_STACKS.body);
const TABLE_FONT = cssFontFamily(PRINT_FONT_STACKS.table);
const HEADING_FONT = cssFontFamily(PRINT_FONT_STACKS.heading1);
const HEADING2_FONT = cssFontFamily(PRINT_FONT_STACKS.heading2);
const TITLE_FONT = cssFontFamily(PRINT_FONT_STACKS.title);
const P = OFFICIAL_PAGE;
const M = P.marginMm;

const CSS = `
@page { size: A4; margin: ${M.top}mm ${M.right}mm ${M.bottom}mm ${M.left}mm; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: ${BODY_FONT}; font-size: ${P.bodyPt}pt; line-height: ${P.linePitchPt.toFixed(2)}pt; color: #000; margin: 0; }
h1 { font-family: ${TITLE_FONT}; font-size: ${P.titlePt}pt; font-weight: normal; text-align: center; margin: 0 0 4pt; line-height: 1.4; text-wrap: balance; }
.subtitle { text-align: center; font-size: ${P.bodyPt}pt; margin: 0 0 14pt; }
.internal { border: 1.5pt solid #c00; color: #c00; text-align: center; font-family: ${HEADING_FONT}; padding: 2pt; margin-bottom: 10pt; }
h2 { font-family: ${HEADING_FONT}; font-size: ${P.headingPt}pt; font-weight: normal; margin: 14pt 0 6pt; page-break-after: avoid; }
h3 { font-family: ${HEADING2_FONT}; font-size: ${P.headingPt}pt; font-weight: normal; margin: 10pt 0 4pt; page-break-after: avoid; }
p { margin: 0 0 4pt; text-indent: 2em; text-align: justify; }
p.note { text-indent: 0; font-size: ${P.notePt}pt; line-height: 1.4; color: #444; }
ol { margin: 0 0 6pt 2em; padding-left: 1.2em; }
li { margin-bottom: 2pt; }
table { border-collapse: collapse; width: 100%; margin: 0 0 10pt; font-family: ${TABLE_FONT}; font-size: ${P.tablePt}pt; line-height: 1.35; break-before: avoid; }
.caption { font-family: ${HEADING_FONT}; font-size: ${P.notePt}pt; text-align: center; text-indent: 0; margin: 6pt 0 3pt; break-after: avoid; page-break-after: avoid; }
th, td { border: 0.75pt solid #000; padding: 2pt 4pt; vertical-align: middle; word-break: normal; overflow-wrap: anywhere; }
th { background: #f2f2f2; font-family: ${HEADING_FONT}; font-weight: normal; text-align: center; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
td.right { text-align: right; white-space: nowrap; }
td.center { text-align: center; }
td.whole { white-space: nowrap; }
td.total { font-family: ${HEADING_FONT}; }
figure { margin: 6pt 0 12pt; text-align: center; page-break-inside: avoid; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 10pt; font-family: ${HEADING_FONT}; }
`;

/**
 * A figure ("≥95%", "102.27%") or a short label ("错误", "优") is never broken across lines: a reader
 * would take "≥9 / 5%" for two numbers.
 */
function unbroken(text: string): boolean {
  const t = text.trim();
  return t.length <= 4 || (t.length <= 14 && !/[\u3400-\u9fff]/.test(t));
}

function cell(c: ReportCell): string {
  if (c.covered) return '';
  const classes = [c.align !== 'left' ? c.align : '', c.bold ? 'total' : '', unbroken(c.text) ? 'whole' : '']
    .filter(Boolean)
    .join(' ');
  const attrs = `${classes ? ` class="${classes}"` : ''}${c.rowSpan ? ` rowspan="${c.rowSpan}"` : ''}`;
  return `<td${attrs}>${esc(c.text)}</td>`;
}

function block(b: ReportBlock, figure: { n: number }): string {
  switch (b.kind) {
    case 'heading':
      return b.level === 1 ? `<h2>${esc(b.text)}</h2>` : `<h3>${esc(b.text)}</h3>`;
    case 'paragraph':
      return `<p>${esc(b.text)}</p>`;
    case 'note':
      return `<p class="note">${esc(b.text)}</p>`;
    case 'list':
      return `<ol>${b.items.map((i) => `<li>${esc(i)}</li>`).join('')}</ol>`;
    case 'table': {
      const cols = b.widths.map((w) => `<col style="width:${(w * 100).toFixed(1)}%">`).join('');
      const head = b.header.map((h) => `<th>${esc(h)}</th>`).join('');
      const rows = b.rows.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join('\n');
      return `<p class="caption">${esc(b.caption)}</p><table><colgroup>${cols}</colgroup><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`;
    }
    case 'chart':
      figure.n += 1;
      // The SVG is echarts' own output, built from our numbers; its labels were escaped by echarts' SVG writer.
      return `<figure>${b.chart.svg}<figcaption>图${figure.n}\u3000${esc(b.chart.title)}</figcaption></figure>`;
  }
}

/** The report as one self-contained HTML page (no scripts, no external resources). */
export function renderReportHtml(content: ReportContent): string {
  const figure = { n: 0 };
  const body = content.blocks.map((b) => block(b, figure)).join('\n');
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(content.title)}</title><style>${CSS}</style></head>
<body>
${content.internal ? '<div class="internal">内部使用\u3000不得公开</div>' : ''}
<h1>${esc(content.title)}</h1>
${content.subtitle ? `<p class="subtitle">${esc(content.subtitle)}</p>` : ''}
${body}
</body></html>`;
}

/** Builds the HTML of the report straight from the data (what the PDF is printed from). */
export function writeReportHtml(doc: DocumentAudit | EvaluationResult[], opts: ReportOptions = {}): string {
  return renderReportHtml(buildReportContent(doc, opts));
}
