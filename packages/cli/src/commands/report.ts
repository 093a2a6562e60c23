import { mkdir, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { DocumentAudit } from '@jixiao/core';
import {
  closeReportBrowser,
  openReportBrowser,
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

/**
 * Writes one audited document as the official 自评表 (xlsx, one sheet per evaluation), 自评报告 (docx) or
 * the same report as PDF, into `outDir`. Returns the paths written.
 */
export async function writeReports(
  audit: DocumentAudit,
  formats: ReportFormat[],
  outDir: string,
  opts: { includeFindings: boolean },
): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const base = basename(audit.file, extname(audit.file));
  const written: string[] = [];
  const browser = formats.includes('pdf') || formats.includes('docx');
  // One chromium for all the formats of this run: launching costs more than printing.
  if (browser) await openReportBrowser();
  try {
    for (const format of formats) {
      const data =
        format === 'xlsx'
          ? await writeWorkbookXlsx(audit.results)
          : format === 'docx'
            ? await writeReportDocx(audit, opts)
            : await writeReportPdf(audit, opts);
      const path = join(outDir, `${base}.${format}`);
      await writeFile(path, data);
      written.push(path);
    }
  } finally {
    if (browser) await closeReportBrowser();
  }
  return written;
}
