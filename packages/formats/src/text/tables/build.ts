import { newEvaluation, type Evaluation, type ReadIssue } from '@jixiao/core';
import { squeeze } from '../lines.ts';
import { linkTasks, readBudgetRow, readTaskRow } from './budget.ts';
import { mapColumns, sectionOf, type SectionKind } from './columns.ts';
import type { TableContext } from './context.ts';
import { readFundFlows } from './fund-flows.ts';
import { readIndicatorRow } from './indicators.ts';
import { readBelow, readKeyRow, type PendingBelow } from './keys.ts';
import type { Section } from './section.ts';
import { readSummaryRow } from './summary.ts';
import type { RawRow, RawTable } from './types.ts';

export interface TableReading {
  evaluation: Evaluation;
  /** A table of fund flows only (表2:项目收支情况表): lines for the document's department evaluation. */
  breakdownOnly: boolean;
  /** No header and no labelled cell recognised: nothing was read from it. */
  unrecognised?: boolean;
}

const LEVEL_ONLY = /^(一级指标|二级指标|三级指标)$/;

function openSection(kind: SectionKind, row: RawRow): Section {
  const headers = row.cells.map((c) => c.text);
  return { kind, headers, columns: mapColumns(kind, headers), headerRow: row, dataRows: 0 };
}

/**
 * A second header row under the first: "一级指标 | 二级指标 | 三级指标" under "绩效指标", which
 * spanned those three columns.
 */
function extendHeader(section: Section, row: RawRow): boolean {
  const sub = row.cells.map((c) => c.text);
  const filled = sub.filter(Boolean);
  if (section.dataRows > 0 || !filled.length || !filled.every((t) => LEVEL_ONLY.test(squeeze(t))))
    return false;
  const k = sub.findIndex((t) => !t);
  const lead = k < 0 ? sub.length : k;
  if (sub.length !== section.headers.length - 1 + lead) return false;
  const headers = [...sub.slice(0, lead), ...section.headers.slice(1)];
  section.headers = headers;
  section.columns = mapColumns(section.kind, headers);
  return true;
}

function kindOf(ev: Evaluation, sections: Set<SectionKind>): Evaluation['kind'] {
  if (sections.has('summary') || /汇总表/.test(ev.title)) return 'summary';
  if (ev.projectName || (/项目支出|项目绩效/.test(ev.title) && !/整体/.test(ev.title))) return 'project';
  return 'department';
}

/** Reads one located table into an evaluation. */
export function buildEvaluation(
  table: RawTable,
  opts: { id: string; file: string; documentText: string; issues: ReadIssue[] },
): TableReading {
  const title = table.title?.text ?? '未命名表格';
  const evaluation = newEvaluation({ id: opts.id, title, kind: 'department' });
  if (table.captionYear !== undefined) evaluation.year = table.captionYear;
  if (table.title) {
    evaluation.source = { file: opts.file };
    if (table.title.line) evaluation.source.line = table.title.line;
    if (table.title.paragraph) evaluation.source.paragraph = table.title.paragraph;
    evaluation.source.table = title;
    evaluation.formSignature.push(squeeze(title));
  }
  const ctx: TableContext = {
    file: opts.file,
    table,
    tableTitle: title,
    evaluation,
    issues: opts.issues,
    documentText: opts.documentText,
  };
  // Classified by what its header says, whatever the line shape: a 项目收支情况表 of fund flows
  // becomes lines of the department's budget; anything else is read section by section.
  const firstRow = table.rows.find((r) => r.cells.some((c) => c.text !== ''));
  if (firstRow && sectionOf(firstRow.cells.map((c) => c.text)) === 'fund-flows') {
    evaluation.budget.push(...readFundFlows(ctx));
    return { evaluation, breakdownOnly: true };
  }
  const seen = new Set<SectionKind>();
  let section: Section | undefined;
  let pending: PendingBelow[] = [];
  let keyRows = 0;
  for (const row of table.rows) {
    if (pending.length) {
      readBelow(ctx, row, pending);
      pending = [];
      continue;
    }
    const texts = row.cells.map((c) => c.text);
    if (texts.every((t) => t === '')) continue;
    const kind = sectionOf(texts);
    if (kind) {
      evaluation.formSignature.push(...texts.map(squeeze).filter(Boolean));
      if (section && section.kind === kind && kind === 'indicators' && extendHeader(section, row)) continue;
      section = openSection(kind, row);
      seen.add(kind);
      continue;
    }
    const keys = readKeyRow(ctx, row);
    if (keys) {
      keyRows++;
      pending = keys;
      continue;
    }
    if (!section) continue;
    if (section.kind === 'budget') readBudgetRow(ctx, section, row);
    else if (section.kind === 'tasks') readTaskRow(ctx, section, row);
    else if (section.kind === 'indicators') readIndicatorRow(ctx, section, row);
    else if (section.kind === 'summary') readSummaryRow(ctx, section, row);
  }
  linkTasks(evaluation.budget);
  evaluation.formSignature = [...new Set(evaluation.formSignature)];
  evaluation.kind = kindOf(evaluation, seen);
  if (seen.size === 0 && keyRows === 0) return { evaluation, breakdownOnly: false, unrecognised: true };
  return { evaluation, breakdownOnly: false };
}
