import { mkdir, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { DocumentAudit } from '@jixiao/core';
import {
  closeReportBrowser,
  openReportBrowser,
  ReportError,
  writeReportDocx,
  writeReportPdf,
  writeWorkbookXlsx,
} from '@jixiao/formats';

export const REPORT_FORMATS = ['xlsx', 'docx', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Parses "--format xlsx,pdf" into known formats; unknown names are an error for the user. */
export function parseFormats(value: string): ReportFormat[] {
  const names = value
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const bad = names.filter((n) => !(REPORT_FORMATS as readonly string[]).includes(n));
  if (bad.length || !names.length) {
    throw new Error(`不支持的格式「${bad.join('、') || value}」，可选：${REPORT_FORMATS.join('、')}`);
  }
  return names as ReportFormat[];
}

/** What a report run wrote, and each format it could not write with the reason in Chinese. */
export interface ReportsWritten {
  written: string[];
  failed: Array<{ format: ReportFormat; message: string }>;
}

/**
 * Writes one audited document as the official 自评表 (xlsx, one sheet per evaluation), 自评报告 (docx) or
 * the same report as PDF, into `outDir`. Each format stands on its own: a PDF that cannot be printed (no
 * Chromium) leaves the xlsx and docx written.
 */
export async function writeReports(
  audit: DocumentAudit,
  formats: ReportFormat[],
  outDir: string,
  opts: { includeFindings: boolean },
): Promise<ReportsWritten> {
  await mkdir(outDir, { recursive: true });
  const base = basename(audit.file, extname(audit.file));
  const out: ReportsWritten = { written: [], failed: [] };
  const browser = formats.includes('pdf');
  try {
    for (const format of formats) {
      try {
        // One chromium for all the PDFs of this run, opened when the first is due: launching costs more than printing.
        if (format === 'pdf') await openReportBrowser();
        const data =
          format === 'xlsx'
            ? await writeWorkbookXlsx(audit.results)
            : format === 'docx'
              ? await writeReportDocx(audit, opts)
              : await writeReportPdf(audit, opts);
        const path = join(outDir, `${base}.${format}`);
        await writeFile(path, data);
        out.written.push(path);
      } catch (error) {
        if (!(error instanceof ReportError)) throw error;
        out.failed.push({ format, message: error.message });
      }
    }
  } finally {
    if (browser) await closeReportBrowser();
  }
  return out;
}
