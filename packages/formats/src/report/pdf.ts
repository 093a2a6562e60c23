import type { DocumentAudit, EvaluationResult } from '@jixiao/core';
import { withPrintPage } from './browser.ts';
import { writeReportHtml } from './html.ts';
import type { ReportOptions } from './content.ts';
import { cssFontFamily, OFFICIAL_PAGE, PRINT_FONT_STACKS } from './official-page.ts';

/**
 * 页码 as GB/T 9704 sets it: 4号半角宋体 "— 1 —" (chromium's footer cannot tell odd pages from even, so every
 * number sits right, one character in from the margin).
 */
const FOOTER = `<div style="width:100%;box-sizing:border-box;text-align:right;padding-right:calc(${OFFICIAL_PAGE.marginMm.right}mm + 1em);font-size:${OFFICIAL_PAGE.pageNumberPt}pt;font-family:${cssFontFamily(PRINT_FONT_STACKS.pageNumber).replaceAll('"', "'")};">— <span class="pageNumber"></span> —</div>`;

/**
 * 自评报告 as PDF: the report's HTML printed by chromium. The page is offline (no network, no
 * JavaScript), so nothing a document contains can run or fetch anything.
 */
export async function writeReportPdf(
  doc: DocumentAudit | EvaluationResult[],
  opts: ReportOptions = {},
): Promise<Buffer> {
  return printReportHtml(writeReportHtml(doc, opts));
}

/**
 * The report's HTML (writeReportHtml) printed as the PDF: the server writes the HTML in a worker thread
 * and prints it here, through the shared browser.
 */
export async function printReportHtml(html: string): Promise<Buffer> {
  return withPrintPage(async (page) => {
    await page.setContent(html, { waitUntil: 'load' });
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: FOOTER,
      // Tagged PDF (headings, paragraphs, tables as structure, for screen readers and reflow) with the
      // headings as bookmarks.
      tagged: true,
      outline: true,
    });
    return Buffer.from(pdf);
  });
}
