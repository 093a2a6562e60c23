export * from './frameworks/load.ts';
export { readText, type ReadTextOptions } from './text/read-text.ts';
export {
  readDocumentFile,
  readDocumentBytes,
  provideReaders,
  ReadError,
  MAX_FILE_BYTES,
  type ReadDocumentOptions,
} from './read-file.ts';
export { readPdf, type ReadPdfOptions, type PdfProgress } from './pdf/read-pdf.ts';
export { ocrRecogniser } from './pdf/ocr.ts';
export { MAX_PDF_PAGES } from './pdf/open.ts';
export { findSoffice } from './convert/libreoffice.ts';
export * from './report/index.ts';
export { writeEvaluationXlsx } from './xlsx/write.ts';
export { writeSummaryXlsx } from './xlsx/summary.ts';
export { writeAggregateXlsx, type AggregateColumn, type AggregateRow } from './xlsx/aggregate.ts';
export { readXlsx } from './xlsx/read.ts';
export { loadLayouts, builtinLayoutsDir, type XlsxLayout } from './xlsx/layout.ts';
export { XLSX_LIMITS } from './xlsx/guard.ts';
export { writeWorkbookXlsx } from './xlsx/write.ts';
export { readHtml, type ReadHtmlOptions } from './html/read-html.ts';
export { readDocx, type ReadDocxOptions } from './docx/read-docx.ts';
export { DOCX_LIMITS } from './docx/zip-guard.ts';
export { decodeHtmlBytes } from './html/decode.ts';
