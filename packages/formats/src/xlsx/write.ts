import ExcelJS from 'exceljs';
import type { Borders, Worksheet } from 'exceljs';
import {
  D,
  executionRatePercent,
  foldDigits,
  type Evaluation,
  type EvaluationResult,
  type ScoreResult,
  type Stated,
} from '@jixiao/core';
import { kindFormat, statedCell, textCell, type CellOut, type FigureKind } from './cells.ts';
import {
  defaultLayout,
  layoutById,
  loadLayouts,
  type CellFormat,
  type FieldCell,
  type FieldsSection,
  type TableSection,
  type XlsxLayout,
} from './layout.ts';
import { MARGINS, setUpPrinting, type WrittenTable } from './print.ts';
import { tableRows, type RowValues } from './rows.ts';

const THIN = { style: 'thin' as const, color: { argb: 'FF000000' } };
const BORDER: Partial<Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFF2F2F2' } };
const FONT = { name: '宋体', size: 10 };

/** Where the framework used for the scores is written on the form (the reader takes it back from here). */
export const FRAMEWORK_NOTE = '评分框架：';
/**
 * The framework's id, in a hidden row under the visible note: a person reads the framework's name,
 * and reading the file back scores it under the same framework.
 */
export const FRAMEWORK_ID_NOTE = '评分框架编号：';
/** A note under the form when the table it was read from was cut off (the reader takes `cutOff` back from it). */
export const CUT_OFF_NOTE = '注：原表不完整——';

export function col(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

interface Ctx {
  ws: Worksheet;
  layout: XlsxLayout;
  row: number;
  width: number;
  /** Cell holding the budget-execution 权重 (the 合计 row's weights include it). */
  budgetWeightCell?: string;
  /** Cell holding the budget-execution 得分. */
  budgetScoreCell?: string;
  /** Tables written so far, for the print set-up (repeated header, page breaks between groups). */
  tables: WrittenTable[];
}

function put(
  ctx: Ctx,
  r: number,
  c: number,
  span: number,
  out: CellOut,
  style: 'label' | 'value' | 'title' | 'subtitle' | 'note',
  horizontal?: 'left' | 'center',
) {
  const { ws } = ctx;
  if (span > 1) ws.mergeCells(r, c, r, c + span - 1);
  const cell = ws.getCell(r, c);
  cell.value = out.value;
  if (out.numFmt) cell.numFmt = out.numFmt;
  const align = horizontal ?? (style === 'value' && typeof out.value === 'string' ? 'left' : 'center');
  cell.alignment = { vertical: 'middle', horizontal: style === 'note' ? 'left' : align, wrapText: true };
  cell.font =
    style === 'title'
      ? { ...FONT, size: 16, bold: true }
      : style === 'label'
        ? { ...FONT, bold: true }
        : FONT;
  if (style === 'label') cell.fill = HEADER_FILL;
  if (style !== 'title' && style !== 'subtitle' && style !== 'note') {
    for (let k = c; k < c + span; k++) ws.getCell(r, k).border = BORDER;
  }
}

function fieldValue(e: Evaluation, f: FieldCell): CellOut {
  const text = (s: string | undefined) => textCell(s && f.template ? f.template.replace('{value}', s) : s);
  switch (f.field) {
    case 'title':
      return text(e.title);
    case 'year':
      return text(e.year === undefined ? undefined : String(e.year));
    case 'organization':
      return text(e.organization);
    case 'project':
      return text(e.projectCode ? `${e.projectCode}-${e.projectName ?? ''}` : e.projectName);
    case 'statedTotal':
      return statedCell(e.statedTotal, 'score');
    case 'statedGrade':
      return text(e.statedGrade ? foldDigits(e.statedGrade.raw) : undefined);
    case 'implementingUnit':
      // Absent when the department carried the project out itself (the model's convention).
      return text(e.implementingUnit ?? e.organization);
    default:
      return text(e[f.field]);
  }
}

/** Estimated height of a wrapped text row, in points: long 年度总体目标 must not be cut off. */
function wrappedHeight(text: string, chars: number): number {
  // A CJK character is about two column-width units wide at 10 pt; a wrapped line is about 13.5 pt high.
  const width = (line: string) => [...line].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? 2.1 : 1.1), 0);
  const lines = text
    .split('\n')
    .reduce((n, l) => n + Math.max(1, Math.ceil(width(l) / Math.max(1, chars - 1))), 0);
  return Math.min(400, Math.max(20, lines * 13.5 + 4));
}

function writeFields(ctx: Ctx, e: Evaluation, section: FieldsSection): void {
  const { cells } = section;
  const wrap = Boolean(section.wrap);
  const values = cells.map((f) => fieldValue(e, f));
  if (section.optional && values.every((v) => v.value === null)) return;
  if (section.valuesBelow) return writeFieldsBelow(ctx, section, values);
  const r = ctx.row;
  let c = 1;
  let height = 20;
  for (const [k, f] of cells.entries()) {
    if (f.labelSpan > 0) {
      put(ctx, r, c, f.labelSpan, { value: f.label }, 'label');
      c += f.labelSpan;
    }
    const v = values[k]!;
    put(ctx, r, c, f.valueSpan, v, f.field === 'title' ? 'title' : f.labelSpan === 0 ? 'subtitle' : 'value');
    if (wrap && typeof v.value === 'string') {
      const chars = ctx.layout.columns.slice(c - 1, c - 1 + f.valueSpan).reduce((a, b) => a + b, 0);
      height = Math.max(height, wrappedHeight(v.value, chars));
    }
    c += f.valueSpan;
  }
  ctx.ws.getRow(r).height = cells[0]?.field === 'title' ? 30 : height;
  ctx.row++;
}

/** Labels on one row, each value under its label; the side text merged down over both rows. */
function writeFieldsBelow(ctx: Ctx, section: FieldsSection, values: CellOut[]): void {
  const r = ctx.row;
  let c = 1;
  if (section.side) {
    put(ctx, r, 1, 1, { value: section.side }, 'label');
    ctx.ws.mergeCells(r, 1, r + 1, 1);
    c = 2;
  }
  let height = 20;
  for (const [k, f] of section.cells.entries()) {
    put(ctx, r, c, f.valueSpan, { value: f.label }, 'label');
    const v = values[k]!;
    put(ctx, r + 1, c, f.valueSpan, v, 'value');
    if (section.wrap && typeof v.value === 'string') {
      const chars = ctx.layout.columns.slice(c - 1, c - 1 + f.valueSpan).reduce((a, b) => a + b, 0);
      height = Math.max(height, wrappedHeight(v.value, chars));
    }
    c += f.valueSpan;
  }
  ctx.ws.getRow(r).height = 20;
  ctx.ws.getRow(r + 1).height = height;
  ctx.row += 2;
}

function asStated(v: RowValues[string]): Stated | undefined {
  return v && typeof v === 'object' && 'raw' in v ? v : undefined;
}

/** The stated value when it equals the formula's result at its written precision, else undefined. */
function agrees(stated: Stated | undefined, computed: InstanceType<typeof D>): boolean {
  if (!stated || stated.value === null || stated.sign || stated.approximate) return false;
  return computed.toDecimalPlaces(stated.decimals, D.ROUND_HALF_UP).eq(stated.value);
}

function rateFormula(row: RowValues, r: number, cols: Map<string, number>): CellOut | undefined {
  const budget = asStated(row.adjustedBudget);
  const executed = asStated(row.executed);
  const rate = asStated(row.executionRate);
  const bc = cols.get('adjustedBudget');
  const ec = cols.get('executed');
  if (!budget?.value || !executed?.value || !rate?.percent || !bc || !ec) return undefined;
  const computed = executionRatePercent(new D(executed.value), new D(budget.value));
  if (computed === null) return undefined;
  // A rate that disagrees with its own figures stays as filed: the audit reports it, the form must not hide it.
  if (!agrees(rate, computed)) return undefined;
  const plain = statedCell(rate, 'rate');
  if (typeof plain.value !== 'number') return undefined;
  return { value: { formula: `${col(ec)}${r}/${col(bc)}${r}`, result: plain.value }, numFmt: plain.numFmt! };
}

/** How a 定性 指标值 carries its 度量单位 on a form without that column: "优良（单位：其他）". */
export const UNIT_IN_WORDS = ['（单位：', '）'] as const;

/**
 * A 指标值 or 完成值 on a form without 指标性质 and 度量单位 columns: the unit written after a bare
 * number ("200" 平方米 → "200平方米"), and for the 指标值 the sign of its 指标性质 before it ("≥200平方米"),
 * so that reading the form back finds both in the value.
 */
function valueWithUnit(row: RowValues, s: Stated, format: 'target' | 'actual'): CellOut {
  const unit = typeof row.unit === 'string' ? row.unit : '';
  const bare =
    s.value !== null && !s.unit && !s.percent && !/[^\d.,\s+-]/.test(s.raw.replace(/^[≥≤＝=<>＞＜]/, ''));
  let text = foldDigits(s.raw);
  const written = text;
  if (bare && unit && unit !== '定性指标') text += unit;
  // A 定性 指标值 ("优良") has no number to write the unit after: the form says it in words.
  else if (format === 'target' && s.value === null && unit && unit !== '定性指标' && !s.raw.includes(unit))
    text += `${UNIT_IN_WORDS[0]}${unit}${UNIT_IN_WORDS[1]}`;
  const sign = typeof row.directionSign === 'string' ? row.directionSign : '';
  if (format === 'target' && sign && !s.sign && s.value !== null) text = sign + text;
  return text === written ? statedCell(s) : textCell(text);
}

/** The figure kind of a column's format: money, rate and score columns print core's one format. */
function figureKind(format: CellFormat): FigureKind {
  return format === 'amount' || format === 'rate' || format === 'score' ? format : 'count';
}

function rowCell(row: RowValues, field: string, format: CellFormat): CellOut {
  const v = row[field];
  if (v === undefined || v === null) return { value: null };
  if (typeof v === 'number') return { value: v, numFmt: '0' };
  if (typeof v === 'string') return textCell(v);
  if (format === 'text') return textCell(foldDigits(v.raw));
  if ((format === 'target' || format === 'actual') && v.raw !== '') return valueWithUnit(row, v, format);
  return statedCell(v, figureKind(format));
}

function writeTable(ctx: Ctx, e: Evaluation, section: TableSection): void {
  const rows = tableRows(e, ctx.layout, section);
  if (section.optional && !rows.length) return;
  const { ws } = ctx;
  const top = ctx.row;
  let c0 = 1;
  if (section.side) c0 = 2;
  // header
  const cols = new Map<string, number>();
  let c = c0;
  for (const column of section.columns) {
    put(ctx, top, c, column.span ?? 1, { value: column.header }, 'label');
    cols.set(column.field, c);
    c += column.span ?? 1;
  }
  ws.getRow(top).height = 28;
  let r = top + 1;
  const groupStart = new Map<string, number>();
  const prev: Record<string, string> = {};
  for (const row of rows) {
    let groupChanged = false;
    let height = 20;
    for (const column of section.columns) {
      const at = cols.get(column.field)!;
      const span = column.span ?? 1;
      if (column.group) {
        const text = String((row[column.field] as string | undefined) ?? '');
        if (!groupChanged && r > top + 1 && text === prev[column.field]) {
          ws.getCell(r, at).border = BORDER;
          continue;
        }
        groupChanged = true;
        const start = groupStart.get(column.field);
        if (start !== undefined && r - 1 > start) ws.mergeCells(start, at, r - 1, at);
        groupStart.set(column.field, r);
        prev[column.field] = text;
        put(ctx, r, at, 1, textCell(text), 'value');
        height = Math.max(height, wrappedHeight(text, ctx.layout.columns[at - 1] ?? 10));
        continue;
      }
      let out = rowCell(row, column.field, column.format);
      if (column.field === 'executionRate') out = rateFormula(row, r, cols) ?? out;
      put(ctx, r, at, span, out, 'value', column.format === 'text' ? 'left' : 'center');
      if (typeof out.value === 'string') {
        const chars = ctx.layout.columns.slice(at - 1, at - 1 + span).reduce((a, b) => a + b, 0);
        height = Math.max(height, wrappedHeight(out.value, chars));
      }
    }
    if (section.source === 'budget' && r === top + 1 && cols.has('weight')) {
      ctx.budgetWeightCell = `${col(cols.get('weight')!)}${r}`;
      if (cols.has('statedScore')) ctx.budgetScoreCell = `${col(cols.get('statedScore')!)}${r}`;
    }
    ws.getRow(r).height = height;
    r++;
  }
  for (const [field, start] of groupStart) {
    const at = cols.get(field)!;
    if (r - 1 > start) ws.mergeCells(start, at, r - 1, at);
  }
  ctx.tables.push({
    source: section.source,
    header: top,
    first: top + 1,
    last: r - 1,
    groups: outerGroups(section, rows, top + 1),
  });
  if (section.side) put(ctx, top, 1, 1, { value: section.side }, 'label');
  if (section.side && r - 1 > top) ws.mergeCells(top, 1, r - 1, 1);
  if (section.total) r = writeTotal(ctx, e, section, cols, top + 1, r);
  ctx.row = r;
}

/** Row ranges of the outermost merged column (一级指标): consecutive rows with the same text. */
function outerGroups(section: TableSection, rows: RowValues[], first: number): Array<[number, number]> {
  const outer = section.columns.find((c) => c.group);
  if (!outer) return [];
  const groups: Array<[number, number]> = [];
  rows.forEach((row, k) => {
    const text = String((row[outer.field] as string | undefined) ?? '');
    const last = groups[groups.length - 1];
    if (last && k > 0 && text === String((rows[k - 1]![outer.field] as string | undefined) ?? ''))
      last[1] = first + k;
    else groups.push([first + k, first + k]);
  });
  return groups;
}

function writeTotal(
  ctx: Ctx,
  e: Evaluation,
  section: TableSection,
  cols: Map<string, number>,
  first: number,
  r: number,
): number {
  const total = section.total!;
  const sumCols = total.sum.map((f) => cols.get(f)!).filter(Boolean);
  const firstSum = Math.min(...sumCols);
  put(ctx, r, 1, firstSum - 1, { value: total.label }, 'label');
  for (let c = firstSum; c <= ctx.width; c++) ctx.ws.getCell(r, c).border = BORDER;
  const rows = tableRows(e, ctx.layout, section);
  for (const field of total.sum) {
    const at = cols.get(field)!;
    const kind = figureKind(section.columns.find((c) => c.field === field)?.format ?? 'count');
    const parts = rows.map((row) => asStated(row[field])).filter((s) => s?.value != null) as Stated[];
    let computed = parts.reduce((acc, s) => acc.plus(s.value!), new D(0));
    let formula = rows.length ? `SUM(${col(at)}${first}:${col(at)}${r - 1})` : '0';
    const budgetWeight = e.budget.find((b) => b.role === 'total')?.weight;
    if (total.includeBudgetWeight && ctx.budgetWeightCell && field === 'weight' && budgetWeight?.value) {
      computed = computed.plus(budgetWeight.value);
      formula += `+N(${ctx.budgetWeightCell})`;
    }
    const budgetScore = e.budget.find((b) => b.role === 'total')?.statedScore;
    if (total.includeBudgetWeight && ctx.budgetScoreCell && field === 'statedScore' && budgetScore?.value) {
      computed = computed.plus(budgetScore.value);
      formula += `+N(${ctx.budgetScoreCell})`;
    }
    const stated = total.includeBudgetWeight
      ? field === 'weight'
        ? e.statedWeightTotal
        : e.statedTotal
      : undefined;
    let out: CellOut;
    if (e.cutOff && !stated) {
      // The table was cut off before its 合计: a sum of the rows that survived is not the form's total.
      ctx.ws.getCell(r, at).border = BORDER;
      continue;
    }
    if (total.includeBudgetWeight && stated && !agrees(stated, computed)) {
      out = statedCell(stated, kind); // the filed total disagrees with its parts: keep it, the audit says so
    } else {
      const places = Math.max(0, ...parts.map((s) => s.decimals), stated?.decimals ?? 0);
      out = { value: { formula, result: computed.toNumber() }, numFmt: kindFormat(kind, places) };
    }
    put(ctx, r, at, 1, out, 'value');
  }
  const [rc, bc, ec] = ['executionRate', 'adjustedBudget', 'executed'].map((f) => cols.get(f));
  if (rc && bc && ec && total.sum.includes('adjustedBudget') && total.sum.includes('executed')) {
    // The 合计 row's 执行率 is the ratio of the sums, not a sum of rates.
    const sumOf = (f: string) => rows.reduce((acc, row) => acc.plus(asStated(row[f])?.value ?? 0), new D(0));
    const budget = sumOf('adjustedBudget');
    if (!budget.isZero()) {
      const result = sumOf('executed').div(budget).toDecimalPlaces(6).toNumber();
      put(
        ctx,
        r,
        rc,
        1,
        { value: { formula: `${col(ec)}${r}/${col(bc)}${r}`, result }, numFmt: '0.00%' },
        'value',
      );
    }
  }
  ctx.ws.getRow(r).height = 20;
  return r + 1;
}

function setupSheet(wb: ExcelJS.Workbook, layout: XlsxLayout, name: string): Worksheet {
  const ws = wb.addWorksheet(name.slice(0, 31), {
    pageSetup: {
      paperSize: 9,
      orientation: layout.landscape ? 'landscape' : 'portrait',
      horizontalCentered: true,
      margins: MARGINS,
    },
    properties: { defaultRowHeight: 20 },
  });
  ws.columns = layout.columns.map((width) => ({ width }));
  return ws;
}

/** Writes one evaluation into a new sheet of `wb` in `layout`; returns the sheet. */
export function writeEvaluationSheet(
  wb: ExcelJS.Workbook,
  e: Evaluation,
  layout: XlsxLayout,
  score?: ScoreResult,
  sheetName = layout.sheetName,
): Worksheet {
  const ws = setupSheet(wb, layout, sheetName);
  const ctx: Ctx = { ws, layout, row: 1, width: layout.columns.length, tables: [] };
  let headerRow = 0;
  for (const section of layout.sections) {
    if (section.type === 'fields') writeFields(ctx, e, section);
    else if (section.type === 'table') {
      if (!headerRow && !section.side) headerRow = ctx.row;
      writeTable(ctx, e, section);
    } else {
      put(ctx, ctx.row, 1, ctx.width, { value: section.text }, 'note');
      ctx.ws.getRow(ctx.row).height = wrappedHeight(
        section.text,
        layout.columns.reduce((a, b) => a + b, 0),
      );
      ctx.row++;
    }
  }
  if (e.cutOff) {
    const text = `${CUT_OFF_NOTE}${e.cutOff}`;
    put(ctx, ctx.row, 1, ctx.width, { value: text }, 'note');
    ctx.ws.getRow(ctx.row).height = wrappedHeight(
      text,
      layout.columns.reduce((a, b) => a + b, 0),
    );
    ctx.row++;
  }
  if (score) {
    const note = `${FRAMEWORK_NOTE}${score.frameworkName}（版本 ${score.frameworkVersion}）`;
    put(ctx, ctx.row, 1, ctx.width, { value: note }, 'note');
    ctx.row++;
    ctx.ws.getCell(ctx.row, 1).value = `${FRAMEWORK_ID_NOTE}${score.frameworkId}`;
    ctx.ws.getRow(ctx.row).hidden = true;
    ctx.row++;
  }
  ctx.row--;
  ws.pageSetup.printArea = `A1:${col(ctx.width)}${ctx.row}`;
  setUpPrinting(ws, layout.columns, layout.landscape, ctx.tables, ctx.row);
  // Freeze the title and the header block so the form's heading stays in view while scrolling.
  ws.views = [{ state: 'frozen', ySplit: headerRow && headerRow <= 4 ? headerRow : 1, xSplit: 0 }];
  ws.headerFooter = { oddFooter: '第 &P 页，共 &N 页' };
  return ws;
}

/**
 * The form an evaluation is written in: the named layout, else the form of the framework it was
 * scored under, else its kind's form.
 */
export function layoutFor(
  result: EvaluationResult,
  opts: { layout?: string; layouts?: XlsxLayout[] } = {},
): XlsxLayout {
  const e = result.evaluation;
  const layouts = opts.layouts ?? loadLayouts();
  if (opts.layout) return layoutById(opts.layout, layouts);
  return defaultLayout(
    e.kind,
    e.indicators.some((i) => i.criterionText !== undefined),
    layouts,
    result.score.frameworkId,
  );
}

/** One 自评表 (project or department, or a 汇总表 evaluation) as .xlsx. */
export async function writeEvaluationXlsx(
  result: EvaluationResult,
  /** layout: a layout id; layouts: where to look for it (a province's own forms), default the built-in ones. */
  opts: { layout?: string; layouts?: XlsxLayout[] } = {},
): Promise<Buffer> {
  const e = result.evaluation;
  const layout = layoutFor(result, opts);
  const wb = newWorkbook();
  writeEvaluationSheet(wb, e, layout, result.score);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Several evaluations in one workbook, one sheet each (a document's 自评表 together: a department
 * and its projects), each in its default layout. Sheet names are made unique with a number.
 */
export async function writeWorkbookXlsx(results: EvaluationResult[]): Promise<Buffer> {
  const wb = newWorkbook();
  const used = new Set<string>();
  for (const result of results) {
    const e = result.evaluation;
    const layout = layoutFor(result);
    const base = (e.projectName ? `${e.projectName}` : layout.sheetName)
      .replace(/[\\/?*[\]:]/g, '')
      .slice(0, 26);
    let name = base;
    for (let k = 2; used.has(name); k++) name = `${base}(${k})`;
    used.add(name);
    writeEvaluationSheet(wb, e, layout, result.score, name);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function newWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'jixiao';
  wb.created = new Date(0);
  wb.calcProperties.fullCalcOnLoad = false;
  return wb;
}
