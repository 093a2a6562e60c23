import type { DocumentAudit, EvaluationResult } from '@jixiao/core';
import { withPage } from './browser.ts';
import { writeReportHtml } from './html.ts';
import type { ReportOptions } from './content.ts';

const FOOTER = `<div style="width:100%;text-align:center;font-size:9px;font-family:'Noto Sans CJK SC',sans-serif;">— <span class="pageNumber"></span> —</div>`;

/**
 * 自评报告 as PDF: the report's HTML printed by chromium. The page is offline (no network, no
 * JavaScript), so nothing a document contains can run or fetch anything.
 */
export async function writeReportPdf(
  doc: DocumentAudit | EvaluationResult[],
  opts: ReportOptions = {},
): Promise<Buffer> {
  const html = writeReportHtml(doc, opts);
  return withPage('print', async (page) => {
    await page.setContent(html, { waitUntil: 'load' });
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: FOOTER,
    });
    return Buffer.from(pdf);
  });
}
