// Runs in a job process of the pool (pool.ts, child.ts): writing an export — the official 自评表 (xlsx), the
// 自评报告 (docx, its charts drawn as images) or the report's HTML for the PDF — off the thread that
// answers every other request. The result is scored on the server (it needs the database) and cloned here.
import type { EvaluationResult, NarrativeStatement } from '@jixiao/core';
import {
  writeEvaluationXlsx,
  writeReportDocx,
  writeReportHtml,
  type ReportApplication,
} from '@jixiao/formats';

export interface ExportTask {
  /** 'html': the report's HTML, printed as the PDF by the shared browser on the server's thread. */
  format: 'xlsx' | 'docx' | 'html';
  result: EvaluationResult;
  /** With the audit findings as the report's internal appendix (docx and PDF). */
  internal: boolean;
  /** The prose of the evaluation's file: a department report quotes its own 总支出 and 预算执行率 from it. */
  statements: NarrativeStatement[];
  /** 结果应用 from the 整改 items and the budget rule: internal records, given only to those who see them. */
  application?: ReportApplication;
}

/** The file's bytes (the HTML as UTF-8 for 'html'). */
export default async function writeExport(task: ExportTask): Promise<Uint8Array> {
  if (task.format === 'xlsx') return writeEvaluationXlsx(task.result);
  const opts = {
    includeFindings: task.internal,
    statements: task.statements,
    ...(task.application ? { application: task.application } : {}),
  };
  if (task.format === 'docx') return writeReportDocx([task.result], opts);
  return Buffer.from(writeReportHtml([task.result], opts));
}
