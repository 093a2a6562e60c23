import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Blocks may be limited to some kinds of evaluation (a 汇总表 has no indicators to recompute). */
interface BlockBase {
  kinds?: Array<'project' | 'department' | 'summary'>;
  /**
   * 'internal': only in the internal version (with the findings appendix) — the recomputation, the
   * framework's name. The published report carries the department's own figures and stated scores.
   */
  audience?: 'internal';
}

/** A paragraph whose text is a template over the evaluation's fields (`{organization}`, `{goal}`…). */
export interface ParagraphBlock extends BlockBase {
  type: 'paragraph';
  text: string;
  /** Fields that must have a value for the paragraph to appear… */
  requires?: string[];
  /** …and fields that must not (so two wordings can take turns). */
  unless?: string[];
  /** Wording used instead when a required field is missing; without it the paragraph is left out. */
  otherwise?: string;
}
export interface TableBlock extends BlockBase {
  type: 'table';
  table: string;
}
export interface ChartBlock extends BlockBase {
  type: 'chart';
  chart: string;
}
/** A list computed from the data (e.g. the deviations), with wording from `labels`. */
export interface ListBlock extends BlockBase {
  type: 'list';
  list: 'deviations';
  /** Said when the list is empty — only when every field of `otherwiseRequires` has a value… */
  otherwise?: string;
  otherwiseRequires?: string[];
  /** …else this: an empty list without the figures to show it is no proof that all was met. */
  otherwiseMissing?: string;
}
export type LayoutBlock = ParagraphBlock | TableBlock | ChartBlock | ListBlock;

export interface LayoutSection {
  id: string;
  heading: string;
  /** Blocks about the document as a whole, before the per-evaluation parts. */
  documentBlocks?: LayoutBlock[];
  /** Blocks repeated for each evaluation of the document. */
  blocks: LayoutBlock[];
}

export interface TableColumn {
  header: string;
  field: string;
  align?: 'left' | 'right' | 'center';
  /** 'internal': a column of the internal version only (重算得分). */
  audience?: 'internal';
  /** Left out when no row has a value in it (实际到位资金: only some forms print it). */
  optional?: boolean;
}
export interface TableLayout {
  caption: string;
  columns: TableColumn[];
  /** Columns whose repeated values are merged downwards, as the official 自评表 merges 一级/二级. */
  mergeRepeats?: string[];
  totalLabel?: string;
}

/**
 * Rows a report table prints at most; the rest are counted in a note. A report is read by people:
 * a hostile or mistaken file with a million rows must not become a million-row PDF.
 */
export const MAX_TABLE_ROWS = 2000;

/**
 * 报告版式 — the sections of a 自评报告, their wording and which field goes where. A province with
 * its own report outline adds a file in layouts/report/, not code.
 */
export interface ReportLayout {
  id: string;
  version: string;
  name: string;
  titles: Record<'department' | 'project' | 'summary' | 'fallback', string>;
  subtitle: string;
  evaluationHeading: string;
  blank: string;
  sections: LayoutSection[];
  findingsAppendix: { heading: string; note: string; table: string; empty: string };
  tables: Record<string, TableLayout>;
  /**
   * 结果应用 written from the 整改 items and the budget rule, when the report is given them (ReportOptions
   * .application): the sentences, appended to the section whose id is `section`.
   */
  application?: {
    section: string;
    lastYearSummary: string;
    overdueNote: string;
    lastYearItem: string;
    resultNote: string;
    thisYearSummary: string;
    thisYearItem: string;
    budgetUse: string;
  };
  labels: {
    kind: Record<string, string>;
    severity: Record<string, string>;
    outcome: Record<string, string>;
    budgetExecutionIndicator: string;
    incomplete: string;
    /** Beside a total in a table when part of it could not be judged. */
    incompleteShort: string;
    statedGrade: string;
    deviationUnmet: string;
    deviationUnmetNoReason: string;
    deviationBudget: string;
    deviationBudgetNoReason: string;
    deviationExplained: string;
    deviationSummary: string;
    /** Indicators whose 完成值 was left blank: said as such, never counted as met. */
    deviationBlankActual: string;
  };
  charts: Record<string, string>;
  /**
   * Fields quoted from the report's prose: a department's own 总支出 and 预算执行率, which the
   * 项目收支表 printed under it does not give (its 合计 covers the projects only).
   */
  statedFigures?: Record<string, StatedFigure>;
}

/** A figure the prose states, found by its subject; the first statement in the text wins. */
export interface StatedFigure {
  /** Subjects as the prose reader names them ("总支出", "支出合计"), tried in this order. */
  subjects: string[];
  kinds: Array<'project' | 'department' | 'summary'>;
  /** 'money' in 万元 (a figure in another unit is not quoted), or 'rate' in percent. */
  unit: 'money' | 'rate';
  /** The source this cites, shown after the figure (`{name}Source` field). */
  source: string;
}

export class ReportLayoutError extends Error {}

/** The data a table block can draw from; a layout chooses among these, and their columns. */
export const TABLE_SOURCES = ['budget', 'summary', 'monitoring', 'indicators', 'indicatorCounts', 'findings'];

export function layoutsDir(): string {
  return fileURLToPath(new URL('../../layouts/report/', import.meta.url));
}

const cache = new Map<string, ReportLayout>();

/** Reads a report layout file; a missing section list or table named by a block is a Chinese error naming the file. */
export function loadReportLayout(file = `${layoutsDir()}standard.json`): ReportLayout {
  const hit = cache.get(file);
  if (hit) return hit;
  let layout: ReportLayout;
  try {
    // The layout is our own data file; its shape is checked below rather than trusted.
    layout = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, '')) as ReportLayout;
  } catch (e) {
    throw new ReportLayoutError(`报告版式文件 ${file} 无法读取或不是有效的 JSON：${(e as Error).message}`);
  }
  if (!Array.isArray(layout.sections) || !layout.tables || !layout.labels || !layout.titles) {
    throw new ReportLayoutError(`报告版式文件 ${file} 缺少 sections、tables、labels 或 titles`);
  }
  for (const section of layout.sections) {
    for (const block of [...(section.documentBlocks ?? []), ...section.blocks]) {
      if (block.type === 'table' && !layout.tables[block.table]) {
        throw new ReportLayoutError(
          `报告版式文件 ${file}：「${section.heading}」引用了未定义的表格 ${block.table}`,
        );
      }
      if (block.type === 'table' && !TABLE_SOURCES.includes(block.table)) {
        throw new ReportLayoutError(
          `报告版式文件 ${file}：表格 ${block.table} 没有对应的数据，可用的表格为 ${TABLE_SOURCES.join('、')}`,
        );
      }
    }
  }
  cache.set(file, layout);
  return layout;
}

/** Fields a template may name; a value of undefined or '' counts as missing. */
export type FieldValues = Record<string, string | undefined>;

export function hasField(fields: FieldValues, name: string): boolean {
  const v = fields[name];
  return v !== undefined && v.trim() !== '';
}

/**
 * Replaces `{name}` with the field's value. An unknown field (undefined) becomes the layout's
 * blank mark; a field set to '' is an optional note with nothing to say and prints nothing.
 */
export function fill(template: string, fields: FieldValues, blank: string): string {
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (_, name: string) => fields[name] ?? blank);
}
