import { fundsRates, parseStated, type BudgetLine, type Evaluation, type Stated } from '@jixiao/core';
import type { TableSection, TableSource, XlsxLayout } from './layout.ts';

/** One row of a table as the writer sees it: field name → Stated, text or number. */
export type RowValues = Record<string, Stated | string | number | null | undefined>;

const DIRECTION_TEXT: Record<string, string> = { '≥': '≥', '≤': '≤', '=': '＝', qualitative: '定性' };

/** The total line that 年度主要任务 add up to, when the tasks have one of their own (seed 004's 合计). */
function taskTotal(e: Evaluation): BudgetLine | undefined {
  const parents = new Set(e.budget.filter((b) => b.role === 'task').map((b) => b.partOf));
  return e.budget.find((b) => b.role === 'total' && parents.has(b.id));
}

function hasTaskTable(layout: XlsxLayout): boolean {
  return layout.sections.some((s) => s.type === 'table' && s.source === 'tasks');
}

/** Budget lines in the order a table prints them: the total first, then its parts. */
export function budgetRows(e: Evaluation, layout: XlsxLayout, source: 'budget' | 'tasks'): BudgetLine[] {
  const split = hasTaskTable(layout);
  const tTotal = split ? taskTotal(e) : undefined;
  if (source === 'tasks') {
    if (!split) return [];
    return [...e.budget.filter((b) => b.role === 'task'), ...(tTotal ? [tTotal] : [])];
  }
  const lines = e.budget.filter((b) => !(split && (b.role === 'task' || b === tTotal)));
  const totals = lines.filter((b) => b.role === 'total');
  return [...totals, ...lines.filter((b) => b.role !== 'total')];
}

/**
 * The rates a form prints beside 实际到位资金, as core computes them (fundsRates), to two decimals; a form
 * never reads them back (they follow from the figures).
 */
function ratesOf(b: BudgetLine): { receivedRate?: Stated; spentRate?: Stated } {
  if (!b.received) return {};
  const { receivedRate, spentRate } = fundsRates(b);
  const percent = (r: typeof receivedRate) => (r === null ? undefined : parseStated(`${r.toFixed(2)}%`));
  return { receivedRate: percent(receivedRate), spentRate: percent(spentRate) };
}

/** The layout's budget table (项目资金), whose labels a 偏差原因 table repeats. */
export function budgetSection(layout: XlsxLayout): TableSection | undefined {
  return layout.sections.find((s): s is TableSection => s.type === 'table' && s.source === 'budget');
}

/** The label a budget line is printed with: its role's prefix unless it is the first row (the total). */
export function budgetLabel(b: BudgetLine, index: number, section: TableSection): string {
  if (section.source === 'tasks') return b.label;
  if (index === 0 && b.role === 'total') return b.label;
  const prefixes: Record<string, string> = { total: '总额：', ...section.rolePrefixes };
  const prefix = b.role === section.defaultRole ? '' : (prefixes[b.role] ?? '');
  return prefix + b.label;
}

export function tableRows(e: Evaluation, layout: XlsxLayout, section: TableSection): RowValues[] {
  const source: TableSource = section.source;
  switch (source) {
    case 'budget':
    case 'tasks':
      return budgetRows(e, layout, source).map((b, k) => ({
        ...b,
        label: budgetLabel(b, k, section),
        ...ratesOf(b),
      })) as unknown as RowValues[]; // BudgetLine's fields are Stated or text: a RowValues by shape
    case 'budgetReasons': {
      // Each line as the budget table labels it, so the reader finds the line again by its label.
      const table = budgetSection(layout);
      if (!table) return [];
      return budgetRows(e, layout, 'budget')
        .map((b, k) => ({ label: budgetLabel(b, k, table), reason: b.reason }))
        .filter((row) => row.reason);
    }
    case 'indicators':
      return e.indicators.map((i) => ({
        ...i,
        direction: i.direction ? DIRECTION_TEXT[i.direction] : '',
        // The sign a form without a 指标性质 column writes before the 指标值 (定性 has none).
        directionSign: i.direction && i.direction !== 'qualitative' ? DIRECTION_TEXT[i.direction] : '',
      })) as unknown as RowValues[];
    case 'summaryRows':
      return e.summaryRows as unknown as RowValues[];
    case 'indicatorCounts':
      return e.indicatorCounts as unknown as RowValues[];
    case 'monitoring':
      return e.monitoring.map((m) => ({ ...m, month: `${m.month}月` })) as unknown as RowValues[];
    case 'unmetExplanations':
      return e.unmetExplanations as unknown as RowValues[];
    case 'categoryScores':
      return e.categoryScores as unknown as RowValues[];
  }
}
