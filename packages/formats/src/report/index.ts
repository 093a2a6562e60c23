export { writeReportDocx } from './docx.ts';
export { printReportHtml, writeReportPdf } from './pdf.ts';
export { writeReportHtml, renderReportHtml } from './html.ts';
export { renderCharts, type ReportChart } from './charts.ts';
export {
  buildReportContent,
  type ReportApplication,
  type ReportContent,
  type ReportOptions,
  type ReportRectification,
} from './content.ts';
export { loadReportLayout, ReportLayoutError, type ReportLayout } from './layout.ts';
export { openReportBrowser, closeReportBrowser, ReportError } from './browser.ts';
