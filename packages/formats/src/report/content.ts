import {
  type DocumentAudit,
  type EvaluationResult,
  type Finding,
  type NarrativeStatement,
} from '@jixiao/core';
import {
  fill,
  hasField,
  loadReportLayout,
  type FieldValues,
  type LayoutBlock,
  MAX_TABLE_ROWS,
  type ReportLayout,
  type TableLayout,
} from './layout.ts';
import { evaluationFields, evaluationLabel } from './fields.ts';
import { renderCharts, type ReportChart } from './charts.ts';
import { chineseNumber } from './format.ts';
import { cleanText } from './text.ts';
import {
  budgetRows,
  deviationItems,
  findingRows,
  indicatorCountRows,
  indicatorRows,
  monitoringRows,
  summaryTableRows,
  type Row,
} from './rows.ts';

export interface ReportCell {
  text: string;
  align: 'left' | 'right' | 'center';
  /** Rows this cell spans downwards (merged 一级/二级). */
  rowSpan?: number;
  /** Covered by a merged cell above: HTML leaves it out, Word continues the merge. */
  covered?: boolean;
  bold?: boolean;
}

export type ReportBlock =
  | { kind: 'heading'; level: 1 | 2; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | {
      kind: 'table';
      caption: string;
      header: string[];
      widths: number[];
      rows: ReportCell[][];
      /** Which table of the report layout it is (budget, indicators, …), and whose figures it shows. */
      table?: string;
      evaluation?: string;
    }
  | { kind: 'chart'; chart: ReportChart }
  | { kind: 'note'; text: string };

/** The report as content, before it becomes HTML or Word: both writers render exactly this. */
export interface ReportContent {
  title: string;
  subtitle: string;
  blocks: ReportBlock[];
  /** True when the internal findings appendix is included (marks the document 内部使用). */
  internal: boolean;
}

/** A 整改 item as the report's 结果应用 tells it. */
export interface ReportRectification {
  problem: string;
  measure: string;
  owner: string;
  /** 整改期限 YYYY-MM-DD, null when none was set */
  due: string | null;
  statusName: string;
  done: boolean;
  overdue: boolean;
  /** 整改结果, '' before it is done */
  result: string;
}

/**
 * 结果应用 data the report is written from: last year's 整改 items of the same project and how far they got,
 * this year's items, and what the bureau's rule for budget use by grade suggests.
 */
export interface ReportApplication {
  lastYear?: { year: number; items: ReportRectification[] };
  thisYear: ReportRectification[];
  budgetUse?: { rule: string; words: string };
}

export interface ReportOptions {
  /** 结果应用 from the 整改 items and the budget rule (internal records: only for those who may see them). */
  application?: ReportApplication;
  /** Append 审核发现（内部使用）. Default false: the report as it would be published. */
  includeFindings?: boolean;
  /** A layout other than layouts/report/standard.json. */
  layout?: ReportLayout;
  /** The prose's figures when only results are given (a stored evaluation's document). */
  statements?: NarrativeStatement[];
}

export function resultsOf(doc: DocumentAudit | EvaluationResult[]): EvaluationResult[] {
  return Array.isArray(doc) ? doc : doc.results;
}

/** The evaluation that names the report: the department's, else the first. */
function mainResult(results: EvaluationResult[]): EvaluationResult | undefined {
  return results.find((r) => r.evaluation.kind === 'department') ?? results[0];
}

/** Printed width of text in em: a CJK character is one, a digit or Latin letter about half. */
function ems(text: string): number {
  let w = 0;
  // ≥ ≤ and full-width punctuation print as wide as a CJK character in the CJK fonts.
  for (const ch of text) w += ch.charCodeAt(0) >= 0x2000 ? 1 : 0.55;
  return w;
}

/**
 * Column widths as shares of the page: each column asks for its longest cell (long prose capped,
 * it wraps) and at least a few characters of its header, which may wrap onto two lines.
 */
function widthsOf(header: string[], rows: Row[], fields: string[]): number[] {
  const sample = rows.slice(0, 300);
  const raw = fields.map((f, i) => {
    const longest = Math.max(0, ...sample.map((r) => ems(r[f] ?? '')));
    const head = Math.min(ems(header[i] ?? ''), 4);
    return Math.max(head, Math.min(longest, 16), 2) + 1.5;
  });
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((w) => w / total);
}

function tableBlock(
  full: TableLayout,
  all: Row[],
  internal: boolean,
  of?: { table: string; evaluation?: string },
): ReportBlock[] {
  if (!all.length) return [];
  const table = {
    ...full,
    columns: full.columns.filter(
      (c) =>
        (internal || c.audience !== 'internal') &&
        (!c.optional || all.some((row) => row[c.field] !== undefined && row[c.field] !== '')),
    ),
  };
  // Keep a 合计 row that ends the table, whatever is cut before it.
  const last = all.at(-1);
  const rows =
    all.length <= MAX_TABLE_ROWS
      ? all
      : [...all.slice(0, MAX_TABLE_ROWS - 1), ...(last?.__total ? [last] : [])];
  const omitted = all.length - rows.length;
  const fields = table.columns.map((c) => c.field);
  const header = table.columns.map((c) => c.header);
  const cells: ReportCell[][] = rows.map((row) =>
    table.columns.map((c) => ({
      text: row[c.field] === undefined || row[c.field] === '' ? '' : (row[c.field] as string),
      align: c.align ?? 'left',
      ...(row.__total ? { bold: true } : {}),
    })),
  );
  for (const field of table.mergeRepeats ?? []) {
    const col = fields.indexOf(field);
    if (col < 0) continue;
    let start = 0;
    for (let i = 1; i <= cells.length; i++) {
      const same =
        i < cells.length &&
        !rows[i]?.__total &&
        cells[i]?.[col]?.text === cells[start]?.[col]?.text &&
        cells[i]?.[col]?.text !== '' &&
        // a merge never crosses the merge of the column to its left
        (col === 0 ||
          !(table.mergeRepeats ?? []).includes(fields[col - 1] ?? '') ||
          cells[i]?.[col - 1]?.covered);
      if (!same) {
        const span = i - start;
        const first = cells[start]?.[col];
        if (span > 1 && first) first.rowSpan = span;
        start = i;
      } else {
        const cell = cells[i]?.[col];
        if (cell) cell.covered = true;
      }
    }
  }
  const block: ReportBlock = {
    kind: 'table',
    caption: table.caption,
    header,
    widths: widthsOf(header, rows, fields),
    rows: cells,
    ...(of ? { table: of.table } : {}),
    ...(of?.evaluation ? { evaluation: of.evaluation } : {}),
  };
  return omitted > 0
    ? [block, { kind: 'note', text: `（本表另有 ${omitted} 行未列出，详见自评表。）` }]
    : [block];
}

/** The rows a table of the layout draws from: each table id names one kind of data. */
function tableRows(
  id: string,
  result: EvaluationResult | null,
  results: EvaluationResult[],
  layout: ReportLayout,
  table: TableLayout,
): Row[] {
  if (id === 'findings') return findingRows(results, layout);
  if (!result) return [];
  switch (id) {
    case 'budget':
      return budgetRows(result);
    case 'indicators':
      return indicatorRows(result, layout, table);
    case 'summary':
      return summaryTableRows(result);
    case 'monitoring':
      return monitoringRows(result);
    case 'indicatorCounts':
      return indicatorCountRows(result);
    default:
      return [];
  }
}

function paragraphText(
  block: Extract<LayoutBlock, { type: 'paragraph' }>,
  fields: FieldValues,
  layout: ReportLayout,
): string | null {
  const ok = (block.requires ?? []).every((f) => hasField(fields, f));
  const excluded = (block.unless ?? []).some((f) => hasField(fields, f));
  if (excluded) return null;
  if (ok) return fill(block.text, fields, layout.blank);
  return block.otherwise === undefined ? null : fill(block.otherwise, fields, layout.blank);
}

function renderBlock(
  block: LayoutBlock,
  result: EvaluationResult | null,
  results: EvaluationResult[],
  charts: ReportChart[],
  layout: ReportLayout,
  internal: boolean,
  statements: NarrativeStatement[],
): ReportBlock[] {
  if (result && block.kinds && !block.kinds.includes(result.evaluation.kind)) return [];
  if (block.audience === 'internal' && !internal) return [];
  const fields = result ? evaluationFields(result, layout, mainResult(results), statements) : {};
  switch (block.type) {
    case 'paragraph': {
      const text = paragraphText(block, fields, layout);
      return text === null ? [] : text.split('\n').map((t) => ({ kind: 'paragraph' as const, text: t }));
    }
    case 'list': {
      const items = result ? deviationItems(result, layout) : [];
      if (items.length) return [{ kind: 'list', items }];
      const shown = (block.otherwiseRequires ?? []).every((f) => hasField(fields, f))
        ? block.otherwise
        : block.otherwiseMissing;
      return shown ? [{ kind: 'paragraph', text: fill(shown, fields, layout.blank) }] : [];
    }
    case 'table': {
      const table = layout.tables[block.table];
      if (!table) return [];
      const rows = tableRows(block.table, result, results, layout, table);
      return tableBlock(table, rows, internal, {
        table: block.table,
        ...(result ? { evaluation: result.evaluation.id } : {}),
      });
    }
    case 'chart': {
      const id = result ? `${block.chart}:${result.evaluation.id}` : block.chart;
      const chart = charts.find((c) => c.id === id);
      return chart ? [{ kind: 'chart', chart }] : [];
    }
  }
}

/** Builds the report's content from the data and the layout. */
export function buildReportContent(
  doc: DocumentAudit | EvaluationResult[],
  opts: ReportOptions = {},
): ReportContent {
  const layout = opts.layout ?? loadReportLayout();
  const results = resultsOf(doc);
  const statements = Array.isArray(doc) ? (opts.statements ?? []) : (doc.statements ?? []);
  const main = mainResult(results);
  const mainFields = main ? evaluationFields(main, layout) : {};
  const titleTemplate = main ? layout.titles[main.evaluation.kind] : layout.titles.fallback;
  const needed = main?.evaluation.kind === 'project' ? ['year', 'projectName'] : ['year', 'organization'];
  const title = cleanText(
    needed.every((f) => hasField(mainFields, f))
      ? fill(titleTemplate, mainFields, '')
      : fill(layout.titles.fallback, mainFields, ''),
  );
  const subtitle = hasField(mainFields, 'organization') ? fill(layout.subtitle, mainFields, '') : '';
  const internal = opts.includeFindings === true;
  const charts = renderCharts(results, layout, internal);
  const blocks: ReportBlock[] = [];
  const several = results.length > 1;
  for (const section of layout.sections) {
    blocks.push({ kind: 'heading', level: 1, text: section.heading });
    for (const b of section.documentBlocks ?? [])
      blocks.push(...renderBlock(b, null, results, charts, layout, internal, statements));
    if (opts.application && layout.application?.section === section.id)
      blocks.push(...applicationBlocks(opts.application, layout));
    results.forEach((r, i) => {
      const part = section.blocks.flatMap((b) =>
        renderBlock(b, r, results, charts, layout, internal, statements),
      );
      if (!part.length) return;
      if (several) {
        const heading = fill(
          layout.evaluationHeading,
          { n: chineseNumber(i + 1), label: evaluationLabel(r) },
          '',
        );
        blocks.push({ kind: 'heading', level: 2, text: heading });
      }
      blocks.push(...part);
    });
  }
  if (opts.includeFindings) {
    const appendix = layout.findingsAppendix;
    const findings = allFindings(doc);
    blocks.push({ kind: 'heading', level: 1, text: appendix.heading });
    blocks.push({ kind: 'note', text: fill(appendix.note, { findingCount: String(findings.length) }, '') });
    const table = layout.tables[appendix.table];
    const t = table ? tableBlock(table, findingRows(results, layout, findings), true) : [];
    blocks.push(...(t.length ? t : [{ kind: 'paragraph' as const, text: appendix.empty }]));
  }
  return { title, subtitle, blocks, internal: opts.includeFindings === true };
}

/**
 * 结果应用 sentences: each count is counted from the items given, each item says its measure and status as
 * recorded; nothing is said of what is not given.
 */
function applicationBlocks(a: ReportApplication, layout: ReportLayout): ReportBlock[] {
  const words = layout.application!;
  const blank = '未填写';
  const out: ReportBlock[] = [];
  const last = a.lastYear;
  if (last && last.items.length) {
    const done = last.items.filter((i) => i.done).length;
    const overdue = last.items.filter((i) => i.overdue).length;
    out.push({
      kind: 'paragraph',
      text: fill(
        words.lastYearSummary,
        {
          lastYear: String(last.year),
          count: String(last.items.length),
          done: String(done),
          open: String(last.items.length - done),
          overdueNote: overdue ? fill(words.overdueNote, { overdue: String(overdue) }, '') : '',
        },
        blank,
      ),
    });
    out.push({
      kind: 'list',
      items: last.items.map((i) =>
        fill(
          words.lastYearItem,
          {
            problem: i.problem,
            measure: i.measure || blank,
            statusName: i.statusName,
            resultNote: i.done && i.result ? fill(words.resultNote, { result: i.result }, '') : '',
          },
          blank,
        ),
      ),
    });
  }
  if (a.thisYear.length) {
    out.push({
      kind: 'paragraph',
      text: fill(words.thisYearSummary, { count: String(a.thisYear.length) }, blank),
    });
    out.push({
      kind: 'list',
      items: a.thisYear.map((i) =>
        fill(
          words.thisYearItem,
          { problem: i.problem, measure: i.measure || blank, owner: i.owner || blank, due: i.due ?? '未定' },
          blank,
        ),
      ),
    });
  }
  if (a.budgetUse) out.push({ kind: 'paragraph', text: fill(words.budgetUse, a.budgetUse, blank) });
  return out;
}

/** Findings of every evaluation, then the document's own ones not already attached to an evaluation. */
export function allFindings(doc: DocumentAudit | EvaluationResult[]): Finding[] {
  const results = resultsOf(doc);
  const seen = new Set<Finding>(results.flatMap((r) => r.findings));
  const extra = Array.isArray(doc) ? [] : doc.documentFindings.filter((f) => !seen.has(f));
  return [...seen, ...extra];
}
