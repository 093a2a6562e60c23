import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
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

/** Fonts as official reports declare them; Word falls back per script, LibreOffice to Noto CJK. */
const LATIN = 'Times New Roman';
const FONT_BODY = { ascii: LATIN, hAnsi: LATIN, eastAsia: '仿宋' };
const FONT_TABLE = { ascii: LATIN, hAnsi: LATIN, eastAsia: '宋体' };
const FONT_HEADING = { ascii: LATIN, hAnsi: LATIN, eastAsia: '黑体' };

/** A4 in twips, margins 22 mm top, 20 mm elsewhere. */
const PAGE = { width: 11906, height: 16838, top: 1247, side: 1134, bottom: 1134 };
const TEXT_WIDTH = PAGE.width - 2 * PAGE.side;
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
        children: [run(c.text, { font: FONT_TABLE, size: 18, bold: c.bold === true })],
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
              children: [run(h, { font: FONT_TABLE, size: 18, bold: true })],
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
      spacing: { before: 120, after: 60 },
      children: [run(b.caption, { font: FONT_HEADING, size: 21 })],
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
      children: [run(content.title, { font: FONT_HEADING, size: 36 })],
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
  let figure = 0;
  for (const b of content.blocks) {
    switch (b.kind) {
      case 'heading':
        children.push(
          new Paragraph({
            heading: b.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
            keepNext: true,
            spacing: { before: b.level === 1 ? 240 : 160, after: 80 },
            children: [run(b.text, { font: FONT_HEADING, size: b.level === 1 ? 28 : 24, color: '000000' })],
          }),
        );
        break;
      case 'paragraph':
        children.push(body(b.text));
        break;
      case 'note':
        children.push(new Paragraph({ children: [run(b.text, { size: 20, color: '444444' })] }));
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
      case 'table':
        children.push(...table(b));
        break;
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
  const document = new Document({
    creator: 'jixiao',
    title: cleanText(content.title),
    styles: {
      default: {
        // zh-CN tells Word and LibreOffice which CJK glyph forms to pick (Noto CJK SC, not JP).
        document: { run: { font: FONT_BODY, size: 24, language: LANGUAGE } },
        title: { run: { font: FONT_HEADING, size: 36, color: '000000' } },
        heading1: { run: { font: FONT_HEADING, size: 28, color: '000000', bold: false } },
        heading2: { run: { font: FONT_HEADING, size: 24, color: '000000', bold: false } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.side, right: PAGE.side },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], size: 18 })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
