import ExcelJS from 'exceljs';
import {
  D,
  directionFromWords,
  newEvaluation,
  parseStated,
  type BudgetLine,
  type CategoryScore,
  type Evaluation,
  type EvaluationDocument,
  type Indicator,
  type IndicatorCount,
  type IndicatorDirection,
  type MonitoringPoint,
  type ReadIssue,
  type SourceRef,
  type Stated,
  type SummaryRow,
  type UnmetExplanation,
} from '@jixiao/core';
import { ReadError } from '../read-error.ts';
import { checkXlsxContainer } from './guard.ts';
import { isLabel, norm, sheetGrid, sortedRows, type Grid, type GridCell } from './grid.ts';
import { loadLayouts, type FieldsSection, type TableSection, type XlsxLayout } from './layout.ts';
import { parseWorkbook, readWorkbookGrids } from './workbook-grid.ts';
import { budgetLabel, budgetRows, budgetSection } from './rows.ts';
import { CUT_OFF_NOTE, FRAMEWORK_ID_NOTE, FRAMEWORK_NOTE, UNIT_IN_WORDS } from './write.ts';

/** Which layout a sheet is: every signature text present; the most specific layout wins. */
export function recogniseLayout(grid: Grid, layouts: XlsxLayout[]): XlsxLayout | undefined {
  const texts = [...grid.values()].flat().map((c) => c.text);
  const fits = layouts.filter((l) => l.signature.every((s) => texts.some((t) => isLabel(t, s))));
  return fits.sort((a, b) => b.signature.length - a.signature.length)[0];
}

interface Ctx {
  file: string;
  sheet: string;
  grid: Grid;
  rows: number[];
  layout: XlsxLayout;
  e: Evaluation;
  cursor: number;
  stopWords: Set<string>;
  found: string[];
  issues: ReadIssue[];
  tasks: BudgetLine[];
}

function src(ctx: Ctx, cell: GridCell | undefined, row: number, column?: string): SourceRef {
  return {
    file: ctx.file,
    sheet: ctx.sheet,
    ...(cell ? { cell: cell.address } : {}),
    table: ctx.e.title || ctx.layout.name,
    row,
    ...(column ? { column } : {}),
  };
}

function rowsFrom(ctx: Ctx, from: number): number[] {
  return ctx.rows.filter((r) => r >= from);
}

/** Numbering before a label: 1、 （2） (3) 2. */
const ENUMERATION = /^\s*([（(]\d+[)）]|\d+[、.．])\s*/;
const GRADE_IN_TEXT = /评为\s*[“"「『]?(优秀|良好|优|良|中等|中|合格|较差|差)[”"」』]?/;
const PROJECT_CODE = /^([0-9A-Z]{12,}(?:-\d{4})?)[-—\s]*(.*)$/;
/** 指标性质 when the form has no such column: the target's sign, else 定性 for a worded target. */
function inferDirection(target: Stated | undefined, unit: string | undefined): IndicatorDirection | null {
  if (!target || target.raw === '') return null;
  if (target.sign) return target.sign === '>' ? '≥' : target.sign === '<' ? '≤' : target.sign;
  if (target.value === null || unit === '定性指标') return 'qualitative';
  return null;
}

/** The form's title: the first line that names a table (…表, …表（2023年度）), else the first line. */
function pickTitle(ctx: Ctx): { cell: GridCell; row: number } | undefined {
  const head = rowsFrom(ctx, ctx.cursor)
    .slice(0, 3)
    .map((r) => ({ cell: ctx.grid.get(r)![0]!, row: r }));
  return head.find((h) => /表\s*([（(][^）)]*[）)])?$/.test(h.cell.text)) ?? head[0];
}

/** How far below the cursor an optional block's labels are looked for: it is the next thing on the form or absent. */
const OPTIONAL_WINDOW = 3;

/** Labels on one row, each value in the cell under its label (the national form's 预期目标 | 实际完成情况). */
function readFieldsBelow(ctx: Ctx, section: FieldsSection): void {
  const window = rowsFrom(ctx, ctx.cursor).slice(0, OPTIONAL_WINDOW + 1);
  for (const r of window) {
    const cells = ctx.grid.get(r)!;
    const at = section.cells.map((f) => cells.find((c) => isLabel(c.text, f.label)));
    if (at.every((c) => !c)) continue;
    if (section.side) ctx.found.push(section.side);
    const below = ctx.grid.get(r + 1) ?? [];
    section.cells.forEach((f, k) => {
      const label = at[k];
      if (!label) return;
      ctx.found.push(f.label);
      const value = below.find((c) => c.col === label.col);
      if (value) setField(ctx, f.field, value, r + 1);
    });
    ctx.cursor = r + 2;
    return;
  }
}

function readFields(ctx: Ctx, section: FieldsSection): void {
  if (section.valuesBelow) return readFieldsBelow(ctx, section);
  const first = section.cells[0]!;
  if (first.field === 'title' && first.labelSpan === 0) {
    const t = pickTitle(ctx);
    if (!t) return;
    ctx.e.title = t.cell.text;
    ctx.e.source = src(ctx, t.cell, t.row);
    ctx.found.push(t.cell.text);
    ctx.cursor = t.row + 1;
    return;
  }
  if (first.labelSpan === 0) {
    const re = new RegExp(
      `^${norm(first.template ?? '{value}')
        .replace(/[()]/g, '\\$&')
        .replace('{value}', '(\\d{4})')}$`,
    );
    for (const r of rowsFrom(ctx, ctx.cursor).slice(0, 3)) {
      const m = re.exec(norm(ctx.grid.get(r)![0]!.text));
      if (m && first.field === 'year') {
        ctx.e.year = Number(m[1]);
        ctx.cursor = r + 1;
        return;
      }
    }
    return;
  }
  // Each label is looked for on its own: a form may print 自评结果 on the row above 年度总体目标.
  const labels = new Set(section.cells.map((c) => c.label));
  let anchor: number | undefined;
  let last = ctx.cursor - 1;
  const candidates = rowsFrom(ctx, ctx.cursor);
  const rows = section.optional ? candidates.slice(0, OPTIONAL_WINDOW + 1) : candidates;
  for (const f of section.cells) {
    for (const r of rows) {
      if (anchor !== undefined && r > anchor + 3) break;
      const cells = ctx.grid.get(r)!;
      const k = cells.findIndex((c) => isLabel(c.text, f.label));
      if (k < 0) continue;
      anchor ??= r;
      last = Math.max(last, r);
      ctx.found.push(f.label);
      let value = cells[k + 1];
      if (value && f.valueBelowWhenBeside?.some((t) => isLabel(value!.text, t))) {
        const below = rowsFrom(ctx, r + 1)[0];
        value = below === r + 1 ? ctx.grid.get(below)!.find((c) => c.col === cells[k]!.col) : undefined;
        last = Math.max(last, r + 1);
      }
      const isOtherLabel = value && [...labels].some((l) => l !== f.label && isLabel(value!.text, l));
      if (value && !isOtherLabel) setField(ctx, f.field, value, value.row);
      break;
    }
  }
  ctx.cursor = last + 1;
}

function setField(ctx: Ctx, field: string, cell: GridCell, r: number): void {
  const e = ctx.e;
  const text = cell.text;
  switch (field) {
    case 'organization':
      e.organization ??= text;
      break;
    case 'project': {
      const m = PROJECT_CODE.exec(text);
      if (m && m[2]) {
        e.projectCode = m[1]!;
        e.projectName = m[2];
      } else e.projectName = text;
      break;
    }
    case 'year': {
      const m = /(\d{4})/.exec(text);
      if (m) e.year = Number(m[1]);
      break;
    }
    case 'statedTotal':
      e.statedTotal = parseStated(text, src(ctx, cell, r, '自评得分'));
      break;
    case 'statedGrade':
      e.statedGrade = { raw: text, source: src(ctx, cell, r, '自评结果') };
      break;
    case 'implementingUnit':
      // The department itself is no second unit: the field is for a unit other than 主管部门.
      if (text !== e.organization) e.implementingUnit = text;
      break;
    case 'goal':
    case 'goalAchieved':
    case 'implementation':
    case 'conclusion':
    case 'problems':
    case 'measures':
    case 'projectLead':
    case 'financeLead':
    case 'preparer':
    case 'contact':
    case 'phone':
    case 'filledDate':
      e[field] = text;
      break;
    case 'title':
      e.title = text;
      break;
  }
}

/**
 * Finds the header row of a table at or below the cursor: every required column header, in any
 * order (a province's form may order them differently), each cell used once.
 */
function findHeader(
  ctx: Ctx,
  section: TableSection,
): { row: number; cols: Map<string, number>; sideCol: number } | undefined {
  const required = section.columns.filter((c) => !c.optional);
  for (const r of rowsFrom(ctx, ctx.cursor)) {
    const cells = ctx.grid.get(r)!;
    const cols = new Map<string, number>();
    const side = section.side ? cells.find((c) => isLabel(c.text, section.side!)) : undefined;
    const used = new Set<number>(side ? [side.col] : []);
    for (const column of section.columns) {
      const cell = cells.find((c) => !used.has(c.col) && isLabel(c.text, column.header));
      if (!cell) continue;
      cols.set(column.field, cell.col);
      used.add(cell.col);
    }
    if (required.every((c) => cols.has(c.field))) {
      return { row: r, cols, sideCol: side?.col ?? 0 };
    }
  }
  return undefined;
}

type RawRow = { row: number; get: (field: string) => GridCell | undefined };

function readTable(ctx: Ctx, section: TableSection): void {
  const header = findHeader(ctx, section);
  if (!header) {
    if (!section.optional) {
      ctx.issues.push({
        severity: 'warning',
        message: `工作表「${ctx.sheet}」中没有找到「${section.columns.map((c) => c.header).join('、')}」表头，该部分未读取`,
        source: { file: ctx.file, sheet: ctx.sheet },
      });
    }
    return;
  }
  ctx.found.push(...section.columns.map((c) => c.header), ...(section.side ? [section.side] : []));
  const mappedFirst = Math.min(...header.cols.values());
  const firstCol = header.sideCol ? header.sideCol + 1 : mappedFirst;
  const byCol = new Map([...header.cols].map(([f, c]) => [c, f]));
  // A label column printed without a header (预算情况's 部门预算总额, 1、资金来源…) sits left of the first header.
  const labelUnmapped = section.columns.some((c) => c.field === 'label') && !header.cols.has('label');
  const rows: RawRow[] = [];
  let last = header.row;
  for (const r of rowsFrom(ctx, header.row + 1)) {
    const all = ctx.grid.get(r) ?? [];
    const cells = all.filter((c) => c.col >= firstCol);
    if (r > last + 1 || !cells.length) break;
    const isTotal = section.total && all.some((c) => norm(c.text) === norm(section.total!.label));
    if (isTotal) {
      readTotal(ctx, section, all, header.cols, r);
      last = r;
      break;
    }
    if (all.some((c) => ctx.stopWords.has(norm(c.text)) || isNote(ctx.layout, c.text))) break;
    const fields = new Map<string, GridCell>();
    for (const c of cells) {
      const f =
        byCol.get(c.col) ??
        (labelUnmapped && c.col < mappedFirst && !fields.has('label') ? 'label' : undefined);
      if (f) fields.set(f, c);
    }
    rows.push({ row: r, get: (f) => fields.get(f) });
    last = r;
  }
  ctx.cursor = last + 1;
  const headerOf = new Map(section.columns.map((c) => [c.field, c.header]));
  const formatOf = new Map(section.columns.map((c) => [c.field, c.format]));
  const stated = (raw: RawRow, f: string): Stated | undefined => {
    if (!header.cols.has(f) && !(f === 'label' && labelUnmapped)) return undefined;
    const cell = raw.get(f);
    const where = src(ctx, cell, raw.row, headerOf.get(f));
    const rate = formatOf.get(f) === 'rate' ? fractionAsPercent(cell) : undefined;
    if (rate && cell) {
      ctx.issues.push({
        severity: 'warning',
        message: `工作表「${ctx.sheet}」单元格 ${cell.address} 的${headerOf.get(f) ?? '比率'} ${cell.text} 没有百分比格式，按 ${rate} 读取`,
        source: where,
      });
      return parseStated(rate, where);
    }
    return parseStated(cell?.text ?? '', where);
  };
  const text = (raw: RawRow, f: string): string | undefined => raw.get(f)?.text || undefined;
  buildRows(ctx, section, rows, stated, text);
}

/**
 * A rate typed as a fraction without % format (0.7047 where the form means 70.47%): Excel keeps
 * 70.47% as 0.7047, and a lost format leaves the fraction. Above 1.5 it is taken as percent points.
 */
function fractionAsPercent(cell: GridCell | undefined): string | undefined {
  if (!cell || cell.number === undefined || cell.text.endsWith('%')) return undefined;
  if (cell.number === 0 || Math.abs(cell.number) > 1.5) return undefined;
  const places = Math.max(0, (cell.text.split('.')[1]?.length ?? 0) - 2);
  return `${new D(String(cell.number)).times(100).toFixed(places)}%`;
}

function readTotal(
  ctx: Ctx,
  section: TableSection,
  cells: GridCell[],
  cols: Map<string, number>,
  r: number,
): void {
  if (!section.total?.includeBudgetWeight) return;
  const at = (f: string) => cells.find((c) => c.col === cols.get(f));
  const w = at('weight');
  const s = at('statedScore');
  if (w) ctx.e.statedWeightTotal = parseStated(w.text, src(ctx, w, r, '权重'));
  if (s) ctx.e.statedTotal = parseStated(s.text, src(ctx, s, r, '得分'));
}

function put<T extends object>(target: T, key: string, value: unknown): void {
  if (value !== undefined) (target as Record<string, unknown>)[key] = value;
}

function buildRows(
  ctx: Ctx,
  section: TableSection,
  rows: RawRow[],
  stated: (raw: RawRow, f: string) => Stated | undefined,
  text: (raw: RawRow, f: string) => string | undefined,
): void {
  const e = ctx.e;
  const amounts = [
    'initialBudget',
    'adjustedBudget',
    'received',
    'executed',
    'executionRate',
    'weight',
    'statedScore',
  ];
  switch (section.source) {
    case 'budget':
    case 'tasks': {
      const prefixes = Object.entries({ total: '总额：', ...section.rolePrefixes });
      const counters = new Map<string, number>();
      let totalId: string | undefined;
      let sticky: BudgetLine['role'] | undefined;
      for (const [k, raw] of rows.entries()) {
        let label = text(raw, 'label') ?? '';
        const enumerated = ENUMERATION.test(label);
        label = label.replace(ENUMERATION, '');
        let role: BudgetLine['role'] =
          section.source === 'tasks'
            ? 'task'
            : k === 0
              ? 'total'
              : ((section.defaultRole ?? 'other') as BudgetLine['role']);
        let marked = false;
        for (const [r, p] of prefixes) {
          if (p && norm(label).startsWith(norm(p) + ':')) {
            role = r as BudgetLine['role'];
            label = label.slice(p.replace(/[:：]$/, '').length).replace(/^[:：]/, '');
            marked = true;
          }
        }
        label = label.replace(ENUMERATION, '');
        // "1、资金来源：（1）财政性资金" then "（2）其他资金": a numbered row stays in its group.
        if (marked) sticky = role;
        else if (enumerated && sticky) role = sticky;
        else sticky = undefined;
        if (section.source === 'tasks' && /^(合计|总计|小计)/.test(label)) role = 'total';
        const n = (counters.get(role) ?? 0) + 1;
        counters.set(role, n);
        const prefix = section.source === 'tasks' ? 'tasks-' : '';
        const id = role === 'total' ? `${prefix}total${n > 1 ? `-${n}` : ''}` : `${prefix}${role}-${n}`;
        const line: BudgetLine = { id, label, role, source: src(ctx, raw.get('label'), raw.row, '项目') };
        if (role === 'total') totalId ??= id;
        else if (section.source === 'budget') put(line, 'partOf', totalId);
        for (const f of amounts) put(line, f, stated(raw, f));
        put(line, 'reason', text(raw, 'reason'));
        if (section.source === 'tasks') ctx.tasks.push(line);
        else e.budget.push(line);
      }
      return;
    }
    case 'budgetReasons': {
      const table = budgetSection(ctx.layout);
      const lines = table ? budgetRows(e, ctx.layout, 'budget') : [];
      for (const raw of rows) {
        const label = text(raw, 'label') ?? '';
        const reason = text(raw, 'reason');
        if (!reason) continue;
        const line = lines.find((b, k) => norm(budgetLabel(b, k, table!)) === norm(label));
        if (line) line.reason = reason;
        else
          ctx.issues.push({
            severity: 'warning',
            message: `工作表「${ctx.sheet}」第 ${raw.row} 行的偏差原因写在「${label}」下，项目资金表中没有这一行，未读取`,
            source: src(ctx, raw.get('label'), raw.row, section.columns[0]?.header),
          });
      }
      return;
    }
    case 'indicators': {
      let level1 = '';
      let level2 = '';
      const hasDirection = section.columns.some((c) => c.field === 'direction');
      const hasUnit = section.columns.some((c) => c.field === 'unit');
      const actualOf = (raw: RawRow) => stated(raw, 'actual');
      for (const [k, raw] of rows.entries()) {
        const l1 = text(raw, 'level1');
        if (l1) {
          level1 = l1;
          level2 = '';
        }
        level2 = text(raw, 'level2') ?? level2;
        let target = stated(raw, 'target');
        let unit = text(raw, 'unit');
        // A 定性 指标值 with its unit in words ("优良（单位：其他）"), as the writer puts it on such a form.
        const inWords = hasUnit ? null : unitInWords(target?.raw ?? '');
        if (target && inWords) {
          target = parseStated(inWords.value, target.source);
          unit = inWords.unit;
        }
        const i: Indicator = {
          id: `ind-${k + 1}`,
          level1,
          level2,
          name: text(raw, 'name') ?? '',
          direction: hasDirection
            ? directionFromWords(text(raw, 'direction') ?? '')
            : inferDirection(target, unit),
          source: src(ctx, raw.get('name'), raw.row, '三级指标'),
        };
        put(i, 'target', target);
        // A form without a 度量单位 column writes the unit in the value ("≥200平方米", "100%" is no unit).
        put(i, 'unit', unit ?? (hasUnit ? undefined : (target?.unit ?? actualOf(raw)?.unit)));
        for (const f of ['actual', 'weight', 'statedScore']) put(i, f, stated(raw, f));
        put(i, 'deviationReason', text(raw, 'deviationReason'));
        put(i, 'criterionText', text(raw, 'criterionText'));
        put(i, 'explanation', text(raw, 'explanation'));
        e.indicators.push(i);
      }
      return;
    }
    case 'summaryRows':
      for (const raw of rows) {
        const index = Number(text(raw, 'index'));
        const row: SummaryRow = {
          name: text(raw, 'name') ?? '',
          source: src(ctx, raw.get('name'), raw.row, '项目名称'),
        };
        if (Number.isInteger(index) && index > 0) row.index = index;
        for (const f of ['adjustedBudget', 'executed', 'executionRate', 'statedScore'])
          put(row, f, stated(raw, f));
        put(row, 'deviation', text(raw, 'deviation'));
        e.summaryRows.push(row);
      }
      return;
    case 'indicatorCounts':
      for (const raw of rows) {
        const c: IndicatorCount = {
          type: text(raw, 'type') ?? '',
          source: src(ctx, raw.get('type'), raw.row),
        };
        put(c, 'planned', stated(raw, 'planned'));
        put(c, 'completed', stated(raw, 'completed'));
        e.indicatorCounts.push(c);
      }
      return;
    case 'monitoring':
      for (const raw of rows) {
        const month = Number(/(\d{1,2})/.exec(text(raw, 'month') ?? '')?.[1]);
        if (!month) continue;
        const m: MonitoringPoint = { month, source: src(ctx, raw.get('month'), raw.row) };
        const target = stated(raw, 'target');
        if (target?.raw) m.target = target;
        put(m, 'actual', stated(raw, 'actual'));
        put(m, 'reason', text(raw, 'reason'));
        e.monitoring.push(m);
      }
      return;
    case 'unmetExplanations':
      for (const raw of rows) {
        const u: UnmetExplanation = {
          indicator: text(raw, 'indicator') ?? '',
          source: src(ctx, raw.get('indicator'), raw.row),
        };
        put(u, 'type', text(raw, 'type'));
        const actual = stated(raw, 'actual');
        put(u, 'target', stated(raw, 'target'));
        if (actual?.raw) u.actual = actual;
        put(u, 'reason', text(raw, 'reason'));
        e.unmetExplanations.push(u);
      }
      return;
    case 'categoryScores':
      for (const raw of rows) {
        const c: CategoryScore = {
          level1: text(raw, 'level1') ?? '',
          source: src(ctx, raw.get('level1'), raw.row),
        };
        const w = stated(raw, 'weight');
        const s = stated(raw, 'statedScore');
        if (w?.raw) c.weight = w;
        if (s?.raw) c.statedScore = s;
        e.categoryScores.push(c);
      }
      return;
  }
}

/** "优良（单位：其他）" → the 指标值 and its 度量单位; null when the text carries no unit in words. */
function unitInWords(text: string): { value: string; unit: string } | null {
  const [open, close] = UNIT_IN_WORDS;
  if (!text.endsWith(close)) return null;
  const at = text.lastIndexOf(open);
  if (at <= 0) return null;
  const unit = text.slice(at + open.length, -close.length).trim();
  return unit ? { value: text.slice(0, at).trim(), unit } : null;
}

/** A note under a form (注：…, 评分框架：…) ends the table above it. */
function isNote(layout: XlsxLayout, text: string): boolean {
  if ([FRAMEWORK_NOTE, FRAMEWORK_ID_NOTE, CUT_OFF_NOTE].some((n) => text.startsWith(n))) return true;
  return layout.sections.some((s) => s.type === 'note' && text === s.text);
}

function stopWordsOf(layout: XlsxLayout): Set<string> {
  const words = new Set<string>();
  for (const s of layout.sections) {
    if (s.type === 'fields') {
      for (const c of s.cells) if (c.label) words.add(norm(c.label));
      if (s.side) words.add(norm(s.side));
    }
    if (s.type === 'table') {
      if (s.side) words.add(norm(s.side));
      if (s.total) words.add(norm(s.total.label));
      words.add(norm(s.columns[0]!.header));
    }
  }
  return words;
}

/**
 * Reads one grid recognised as a layout into an evaluation: a sheet of a workbook, or a table of a
 * Word file (the 自评表 jixiao attaches to a report is the same form, read by the same layout).
 */
export function readLayoutGrid(
  ws: { name: string },
  grid: Grid,
  layout: XlsxLayout,
  file: string,
  n: number,
  issues: ReadIssue[],
): Evaluation {
  const e = newEvaluation({ id: `eval-${n}`, title: '', kind: layout.kind });
  const ctx: Ctx = {
    file,
    sheet: ws.name,
    grid,
    rows: sortedRows(grid),
    layout,
    e,
    cursor: sortedRows(grid)[0] ?? 1,
    stopWords: stopWordsOf(layout),
    found: [],
    issues,
    tasks: [],
  };
  for (const section of layout.sections) {
    if (section.type === 'fields') readFields(ctx, section);
    else if (section.type === 'table') readTable(ctx, section);
  }
  // 年度主要任务 add up to their own 合计 when the table has one, else to the 项目支出 line.
  const tasksTotal = ctx.tasks.find((t) => t.role === 'total');
  const projectSpending = e.budget.find((b) => b.role === 'nature' && norm(b.label) === '项目支出');
  for (const t of ctx.tasks) {
    if (t.role === 'task') put(t, 'partOf', tasksTotal?.id ?? projectSpending?.id);
  }
  e.budget.unshift(...ctx.tasks);
  e.year ??= Number(/(\d{4})\s*年/.exec(e.title)?.[1]) || undefined;
  if (e.year === undefined) delete e.year;
  if (!e.statedGrade && e.conclusion) {
    const m = GRADE_IN_TEXT.exec(e.conclusion);
    if (m)
      e.statedGrade = { raw: m[1]!, source: { file, sheet: ws.name, table: e.title, column: '评价结论' } };
  }
  for (const cells of grid.values()) {
    for (const c of cells) {
      if (c.text.startsWith(CUT_OFF_NOTE)) {
        e.cutOff = c.text.slice(CUT_OFF_NOTE.length).trim();
        continue;
      }
      if (c.text.startsWith(FRAMEWORK_ID_NOTE)) {
        e.frameworkId = c.text.slice(FRAMEWORK_ID_NOTE.length).trim();
        continue;
      }
      // Files written before the id moved to its own hidden row: 评分框架：名称（id 版本 v）.
      const m = c.text.startsWith(FRAMEWORK_NOTE) ? /（([\w.-]+) 版本/.exec(c.text) : null;
      if (m && !e.frameworkId) e.frameworkId = m[1]!;
    }
  }
  e.formSignature = [...new Set([e.title, ...ctx.found].filter(Boolean))];
  return e;
}

/**
 * Reads an .xlsx of 自评表 / 汇总表 into the core model: one evaluation per sheet recognised by a
 * layout's header texts, wherever the form sits in the sheet. The container is checked first
 * (zip bomb, row count, wrong type) so that a hostile file never reaches the parser.
 */
export async function readXlsx(
  data: Buffer,
  file: string,
  layouts: XlsxLayout[] = loadLayouts(),
): Promise<EvaluationDocument> {
  await checkXlsxContainer(data, file);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer); // exceljs accepts a Buffer; its types name ArrayBuffer
  } catch {
    throw new ReadError(file, `${file} 无法作为 xlsx 打开（文件可能已损坏，或不是 Excel 工作簿）`);
  }
  const issues: ReadIssue[] = [];
  const evaluations: Evaluation[] = [];
  /** Sheets that are none of jixiao's own forms. */
  const others: string[] = [];
  for (const ws of wb.worksheets) {
    const uncached: string[] = [];
    const grid = sheetGrid(ws, uncached);
    if (uncached.length) {
      const shown =
        uncached.slice(0, 5).join('、') + (uncached.length > 5 ? ` 等 ${uncached.length} 个单元格` : '');
      issues.push({
        severity: 'warning',
        message: `工作表「${ws.name}」的 ${shown} 是公式，但文件里没有保存计算结果，已按空白读取（公式不会被执行）。请在 Excel 或 WPS 中打开、保存后再导入。`,
        source: { file, sheet: ws.name, cell: uncached[0]! },
      });
    }
    if (!grid.size) continue;
    const layout = recogniseLayout(grid, layouts);
    if (!layout) {
      others.push(ws.name);
      continue;
    }
    evaluations.push(readLayoutGrid(ws, grid, layout, file, evaluations.length + 1, issues));
  }
  const doc: EvaluationDocument = { file, evaluations, statements: [], issues };
  if (others.length) {
    // Any other table is read the way every format is: the sheet as a grid, by its headers.
    const read = readWorkbookGrids(parseWorkbook(data, file), file, others);
    for (const e of read.evaluations) {
      e.id = `eval-${evaluations.length + 1}`;
      evaluations.push(e);
    }
    doc.statements.push(...read.statements);
    if (read.claims) doc.claims = [...(doc.claims ?? []), ...read.claims];
    issues.push(...read.issues.filter((i) => evaluations.length === 0 || !/没有找到自评表/.test(i.message)));
  }
  return doc;
}
