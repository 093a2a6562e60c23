import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IRunOptions,
} from 'docx';
import type { DocumentAudit, EvaluationResult } from '@jixiao/core';
import { buildReportContent, type ReportBlock, type ReportCell, type ReportOptions } from './content.ts';
import { chartsToPng } from './png.ts';
import { cleanText } from './text.ts';
import { formGrid, type FormGrid } from './form-grid.ts';
import { mmToTwips, OFFICIAL_FONTS, OFFICIAL_PAGE } from './official-page.ts';

/** Fonts as official reports declare them; Word falls back per script, LibreOffice to Noto CJK. */
const LATIN = 'Times New Roman';
const font = (eastAsia: string) => ({ ascii: LATIN, hAnsi: LATIN, eastAsia });
const FONT_BODY = font(OFFICIAL_FONTS.body);
const FONT_TABLE = font(OFFICIAL_FONTS.table);
const FONT_HEADING = font(OFFICIAL_FONTS.heading1);
const FONT_HEADING2 = font(OFFICIAL_FONTS.heading2);
const FONT_TITLE = font(OFFICIAL_FONTS.title);
/** Half-points, as Word counts font sizes. */
const half = (pt: number) => Math.round(pt * 2);

/** A4 in twips with the 公文 margins (official-page.ts). */
const M = OFFICIAL_PAGE.marginMm;
const PAGE = {
  width: mmToTwips(OFFICIAL_PAGE.widthMm),
  height: mmToTwips(OFFICIAL_PAGE.heightMm),
  top: mmToTwips(M.top),
  bottom: mmToTwips(M.bottom),
  left: mmToTwips(M.left),
  right: mmToTwips(M.right),
};
const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
/** Table cells and notes are single-spaced: the body's fixed pitch would double a 9-point row. */
const TABLE_SPACING = { line: 240, lineRule: LineRuleType.AUTO };
/** Fixed line pitch of the body, in twips (22 lines to the 版心). */
const LINE_PITCH = Math.round(OFFICIAL_PAGE.linePitchPt * 20);
function pageNumberFooter(alignment: (typeof AlignmentType)[keyof typeof AlignmentType]): Footer {
  const size = half(OFFICIAL_PAGE.pageNumberPt);
  const pageFont = font(OFFICIAL_FONTS.pageNumber);
  return new Footer({
    children: [
      new Paragraph({
        alignment,
        indent: alignment === AlignmentType.RIGHT ? { right: size * 10 } : { left: size * 10 },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], size, font: pageFont })],
      }),
    ],
  });
}

/**
 * The 附件 pages: A4 landscape (docx names the page by its portrait size and the orientation), with
 * 15 mm margins so that a 10-column 自评表 keeps readable columns.
 */
const FORM_PAGE = { width: PAGE.height, height: PAGE.width, margin: mmToTwips(15) };

/** Usable width in pixels at 96 dpi (1 px = 15 twips), for sizing chart images. */
const TEXT_WIDTH_PX = Math.floor(TEXT_WIDTH / 15);

const LINE = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const BORDERS = {
  top: LINE,
  bottom: LINE,
  left: LINE,
  right: LINE,
  insideHorizontal: LINE,
  insideVertical: LINE,
};

const HAIRLINE = { before: 0, after: 0, line: 20, lineRule: LineRuleType.EXACT };
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE };

const LANGUAGE = { value: 'zh-CN', eastAsia: 'zh-CN' };

function run(text: string, opts: Partial<IRunOptions> = {}): TextRun {
  return new TextRun({ text: cleanText(text), language: LANGUAGE, ...opts });
}

const ALIGN = { left: AlignmentType.LEFT, right: AlignmentType.RIGHT, center: AlignmentType.CENTER } as const;

function cell(c: ReportCell, width: number): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    margins: { left: 60, right: 60, top: 20, bottom: 20 },
    ...(c.rowSpan ? { rowSpan: c.rowSpan } : {}),
    children: [
      new Paragraph({
        alignment: ALIGN[c.align],
        spacing: TABLE_SPACING,
        children: [
          run(c.text, { font: FONT_TABLE, size: half(OFFICIAL_PAGE.tablePt), bold: c.bold === true }),
        ],
      }),
    ],
  });
}

function table(b: Extract<ReportBlock, { kind: 'table' }>): Array<Paragraph | Table> {
  const widths = b.widths.map((w) => Math.max(400, Math.round(w * TEXT_WIDTH)));
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: b.header.map(
      (h, i) =>
        new TableCell({
          width: { size: widths[i] ?? 800, type: WidthType.DXA },
          verticalAlign: VerticalAlign.CENTER,
          shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'F2F2F2' },
          children: [
            new Paragraph({
              alignment: AlignmentType.CENTER,
              spacing: TABLE_SPACING,
              children: [run(h, { font: FONT_TABLE, size: half(OFFICIAL_PAGE.tablePt), bold: true })],
            }),
          ],
        }),
    ),
  });
  const rows = b.rows.map(
    (r) =>
      new TableRow({
        cantSplit: true,
        // Covered cells are left out: docx continues a rowSpan merge itself.
        children: r.flatMap((c, i) => (c.covered ? [] : [cell(c, widths[i] ?? 800)])),
      }),
  );
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      spacing: { before: 120, after: 60, line: LINE_PITCH, lineRule: LineRuleType.EXACT },
      children: [run(b.caption, { font: FONT_HEADING, size: half(OFFICIAL_PAGE.notePt) })],
    }),
    new Table({
      rows: [header, ...rows],
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      borders: BORDERS,
    }),
    new Paragraph({ spacing: { after: 60 }, children: [] }),
  ];
}

/** The lists of the evaluation each table of the report layout shows, as the forms name them. */
const FORM_SOURCES: Record<string, string[]> = {
  budget: ['budget', 'tasks'],
  indicators: ['indicators'],
  summary: ['summaryRows'],
  indicatorCounts: ['indicatorCounts'],
  monitoring: ['monitoring'],
};

/** Twips a character of the form's column widths takes at the table's 9-point size. */
function formWidths(grid: FormGrid, textWidth: number): number[] {
  const total = grid.widths.reduce((a, b) => a + b, 0);
  return grid.widths.map((w) => Math.floor((w / total) * textWidth));
}

/**
 * 附件: the evaluation's 自评表 as the xlsx writer makes it (one layout file drives both), a table with
 * the form's merged cells, under its title; the notes under it as lines of text.
 */
function formBlocks(grid: FormGrid, textWidth: number, first: boolean, name: string) {
  const widths = formWidths(grid, textWidth);
  const size = half(OFFICIAL_PAGE.tablePt);
  const out: Array<Paragraph | Table> = [];
  out.push(
    new Paragraph({
      pageBreakBefore: !first,
      spacing: TABLE_SPACING,
      children: [run(name, { font: FONT_HEADING, size: half(OFFICIAL_PAGE.headingPt) })],
    }),
  );
  const rows = grid.rows.map((cells, k) => {
    // A header row (every cell a label) is kept with the row under it: never alone at a page's foot.
    const header = cells.length > 1 && cells.every((c) => c.label);
    return new TableRow({
      cantSplit: true,
      // The indicator table's header repeats on each page: it starts a Word table of its own.
      ...(k === grid.repeat ? { tableHeader: true } : {}),
      children: cells.map((c) => {
        const w = widths.slice(c.col - 1, c.col - 1 + c.colSpan).reduce((a, b) => a + b, 0);
        return new TableCell({
          width: { size: w, type: WidthType.DXA },
          verticalAlign: VerticalAlign.CENTER,
          margins: { left: 40, right: 40, top: 10, bottom: 10 },
          ...(c.colSpan > 1 ? { columnSpan: c.colSpan } : {}),
          ...(c.rowSpan > 1 ? { rowSpan: c.rowSpan } : {}),
          ...(c.label ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'F2F2F2' } } : {}),
          children: c.text.split('\n').map(
            (line) =>
              new Paragraph({
                alignment:
                  c.label || /^[\d.,%≥≤＝=<>-]+$/.test(line) ? AlignmentType.CENTER : AlignmentType.LEFT,
                spacing: TABLE_SPACING,
                keepNext: header,
                children: [run(line, { font: FONT_TABLE, size, bold: c.label })],
              }),
          ),
        });
      }),
    });
  });
  // The title, its （年度） and the notes under the form are rows of the table without borders, as in
  // the sheet: the form reads back whole, title and notes with it.
  const line = (text: string, kind: 'title' | 'subtitle' | 'note') =>
    new TableRow({
      cantSplit: true,
      children: [
        new TableCell({
          width: { size: textWidth, type: WidthType.DXA },
          columnSpan: widths.length,
          borders: NO_BORDERS,
          margins: { left: 40, right: 40, top: kind === 'note' ? 40 : 0, bottom: kind === 'title' ? 80 : 40 },
          children: [
            new Paragraph({
              alignment: kind === 'note' ? AlignmentType.LEFT : AlignmentType.CENTER,
              spacing: TABLE_SPACING,
              children: [
                run(text, {
                  font: kind === 'title' ? FONT_TITLE : FONT_TABLE,
                  size: kind === 'title' ? half(16) : kind === 'note' ? half(OFFICIAL_PAGE.notePt) : size,
                }),
              ],
            }),
          ],
        }),
      ],
    });
  // A form without a repeated header (seed 004's short tables) is one Word table, its notes under it.
  const cut = grid.repeat && grid.repeat > 0 ? grid.repeat : 0;
  const heading = grid.heading.map((h, k) => line(h, k === 0 ? 'title' : 'subtitle'));
  const notes = grid.notes.map((n) => line(n, 'note'));
  const parts = cut
    ? [
        [...heading, ...rows.slice(0, cut)],
        [...rows.slice(cut), ...notes],
      ]
    : [[...heading, ...rows, ...notes]];
  parts.forEach((part, k) => {
    // Word joins two tables that touch: a hairline paragraph keeps the indicator table its own.
    if (k > 0) out.push(new Paragraph({ spacing: HAIRLINE, children: [] }));
    out.push(
      new Table({
        rows: part,
        width: { size: textWidth, type: WidthType.DXA },
        columnWidths: widths,
        borders: BORDERS,
      }),
    );
  });
  return out;
}

function body(text: string): Paragraph {
  return new Paragraph({
    indent: { firstLine: 480 },
    spacing: { line: 400, after: 40 },
    alignment: AlignmentType.JUSTIFIED,
    children: [run(text)],
  });
}

/**
 * 自评报告 as Word: the same content as the PDF, real tables with borders and repeating header
 * rows, 仿宋 body / 黑体 headings / 宋体 tables, charts as SVG with a PNG fallback.
 */
export async function writeReportDocx(
  doc: DocumentAudit | EvaluationResult[],
  opts: ReportOptions = {},
): Promise<Buffer> {
  const content = buildReportContent(doc, opts);
  const charts = content.blocks.flatMap((b) => (b.kind === 'chart' ? [b.chart] : []));
  const pngs = await chartsToPng(charts);
  const children: Array<Paragraph | Table> = [];
  if (content.internal) {
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        border: { top: LINE, bottom: LINE, left: LINE, right: LINE },
        children: [run('内部使用\u3000不得公开', { font: FONT_HEADING, color: 'C00000', size: 24 })],
      }),
    );
  }
  children.push(
    new Paragraph({
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.CENTER,
      spacing: { after: 120 },
      children: [run(content.title, { font: FONT_TITLE, size: half(OFFICIAL_PAGE.titlePt) })],
    }),
  );
  if (content.subtitle) {
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { after: 240 },
        children: [run(content.subtitle)],
      }),
    );
  }
  // 附件: each evaluation's 自评表 on landscape pages, as the official submission attaches it. A table
  // of the report whose figures the attached form prints is not printed twice: the text refers to the
  // form (a reader of the file then finds each figure once, in the form's own layout).
  const results = Array.isArray(doc) ? doc : doc.results;
  const grids = results.map((r) => formGrid(r));
  const attachment = new Map(results.map((r, k) => [r.evaluation.id, k]));
  const attachedIn = (b: Extract<ReportBlock, { kind: 'table' }>): number | undefined => {
    const k = b.evaluation === undefined ? undefined : attachment.get(b.evaluation);
    const carried = FORM_SOURCES[b.table ?? ''] ?? [];
    return k !== undefined && carried.some((s) => grids[k]!.sources.includes(s)) ? k : undefined;
  };
  const attachmentName = (k: number) => `附件${results.length > 1 ? k + 1 : ''}`;
  let figure = 0;
  for (const b of content.blocks) {
    switch (b.kind) {
      case 'heading':
        children.push(
          new Paragraph({
            heading: b.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
            keepNext: true,
            spacing: { before: b.level === 1 ? 240 : 160, after: 80 },
            children: [
              run(b.text, {
                font: b.level === 1 ? FONT_HEADING : FONT_HEADING2,
                size: half(OFFICIAL_PAGE.headingPt),
                color: '000000',
              }),
            ],
          }),
        );
        break;
      case 'paragraph':
        children.push(body(b.text));
        break;
      case 'note':
        children.push(
          new Paragraph({
            spacing: TABLE_SPACING,
            children: [run(b.text, { size: half(OFFICIAL_PAGE.notePt), color: '444444' })],
          }),
        );
        break;
      case 'list':
        b.items.forEach((item, i) =>
          children.push(
            new Paragraph({
              indent: { left: 480, hanging: 360 },
              spacing: { line: 400, after: 40 },
              children: [run(`${i + 1}. ${item}`)],
            }),
          ),
        );
        break;
      case 'table': {
        const k = attachedIn(b);
        if (k === undefined) children.push(...table(b));
        else
          children.push(
            body(
              `${b.caption.replace(/（单位：[^）]*）$/, '')}详见${attachmentName(k)}《${grids[k]!.name}》。`,
            ),
          );
        break;
      }
      case 'chart': {
        figure += 1;
        const png = pngs.get(b.chart.id);
        const scale = Math.min(1, TEXT_WIDTH_PX / b.chart.width);
        const size = { width: Math.round(b.chart.width * scale), height: Math.round(b.chart.height * scale) };
        if (png) {
          children.push(
            new Paragraph({
              alignment: AlignmentType.CENTER,
              keepNext: true,
              // Single spacing: the body's exact 22-line pitch would clip the picture to one line's height.
              spacing: TABLE_SPACING,
              children: [
                new ImageRun({
                  type: 'svg',
                  data: Buffer.from(b.chart.svg, 'utf8'),
                  fallback: { type: 'png', data: png },
                  transformation: size,
                  altText: { name: b.chart.id, title: b.chart.title, description: b.chart.title },
                }),
              ],
            }),
          );
        }
        children.push(
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 200 },
            children: [run(`图${figure}\u3000${b.chart.title}`, { font: FONT_HEADING, size: 20 })],
          }),
        );
        break;
      }
    }
  }
  const forms = grids.flatMap((g, k) =>
    formBlocks(g, FORM_PAGE.width - 2 * FORM_PAGE.margin, k === 0, attachmentName(k)),
  );
  const document = new Document({
    evenAndOddHeaderAndFooters: true,
    creator: 'jixiao',
    title: cleanText(content.title),
    styles: {
      default: {
        // zh-CN tells Word and LibreOffice which CJK glyph forms to pick (Noto CJK SC, not JP).
        document: {
          run: { font: FONT_BODY, size: half(OFFICIAL_PAGE.bodyPt), language: LANGUAGE },
          paragraph: { spacing: { line: LINE_PITCH, lineRule: LineRuleType.EXACT } },
        },
        title: { run: { font: FONT_TITLE, size: half(OFFICIAL_PAGE.titlePt), color: '000000' } },
        heading1: {
          run: { font: FONT_HEADING, size: half(OFFICIAL_PAGE.headingPt), color: '000000', bold: false },
        },
        heading2: {
          run: { font: FONT_HEADING2, size: half(OFFICIAL_PAGE.headingPt), color: '000000', bold: false },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right },
          },
        },
        // 页码: 4号半角宋体 "— 1 —", 单页码居右空一字, 双页码居左空一字.
        footers: {
          default: pageNumberFooter(AlignmentType.RIGHT),
          even: pageNumberFooter(AlignmentType.LEFT),
        },
        children,
      },
      ...(forms.length
        ? [
            {
              properties: {
                page: {
                  size: {
                    width: FORM_PAGE.height,
                    height: FORM_PAGE.width,
                    orientation: PageOrientation.LANDSCAPE,
                  },
                  margin: {
                    top: FORM_PAGE.margin,
                    bottom: FORM_PAGE.margin,
                    left: FORM_PAGE.margin,
                    right: FORM_PAGE.margin,
                  },
                },
              },
              footers: {
                default: pageNumberFooter(AlignmentType.RIGHT),
                even: pageNumberFooter(AlignmentType.LEFT),
              },
              children: forms,
            },
          ]
        : []),
    ],
  });
  return Packer.toBuffer(document);
}
