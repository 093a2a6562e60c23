import { parseStated, type BudgetLine, type Stated } from '@jixiao/core';
import { squeeze } from '../lines.ts';
import { realign } from './align.ts';
import { placeShortRow, sourceOf, warn, type TableContext } from './context.ts';
import { columnOf, columnTypes, type Section } from './section.ts';
import { lostCells, type RawRow } from './types.ts';

const AMOUNT_FIELDS = [
  'initialBudget',
  'adjustedBudget',
  'executed',
  'executionRate',
  'weight',
  'statedScore',
] as const;
type AmountField = (typeof AMOUNT_FIELDS)[number];

const TOTAL = /(总额|合计|总计)/;
const SOURCE_GROUP = /(资金来源|收入性质|按收入)/;
const NATURE_GROUP = /(资金结构|支出性质|按支出|支出结构)/;
const NATURE_LABEL = /(基本支出|项目支出|人员经费|公用经费)/;
const SOURCE_LABEL = /(财政|专户|单位资金|其他资金|一般公共预算|政府性基金|非税收入|上年结转|自有资金)/;

/** Form instructions printed in a cell ("…需说明原因（100字以内）") are not the user's answer. */
export function isFormInstruction(text: string): boolean {
  return /[（(]\d+字以内[)）]/.test(text);
}

/** "1、资金来源：（1）财政性资金" → group source, label 财政性资金. */
export function cleanBudgetLabel(text: string): { label: string; group?: 'source' | 'nature' } {
  let t = squeeze(text).replace(/[:：]$/, '');
  let group: 'source' | 'nature' | undefined;
  t = t.replace(/^其中[:：]/, '');
  const prefix = /^(?:\d+[、.．])?([^：:]{2,10})[：:]/.exec(t);
  if (prefix && (SOURCE_GROUP.test(prefix[1]!) || NATURE_GROUP.test(prefix[1]!))) {
    group = SOURCE_GROUP.test(prefix[1]!) ? 'source' : 'nature';
    t = t.slice(prefix[0].length);
  }
  t = t
    .replace(/^[（(]\d+[)）]/, '')
    .replace(/^其中[:：]/, '')
    .replace(/[:：]$/, '');
  return group ? { label: t, group } : { label: t };
}

function roleOf(label: string, section: Section): BudgetLine['role'] {
  if (NATURE_LABEL.test(label)) return 'nature';
  if (section.group) return section.group;
  if (SOURCE_LABEL.test(label)) return 'source';
  return 'other';
}

function nextId(lines: BudgetLine[], role: string): string {
  return `${role}-${lines.filter((l) => l.role === role).length + 1}`;
}

function pushPart(ctx: TableContext, line: Omit<BudgetLine, 'id' | 'partOf'>): void {
  const budget = ctx.evaluation.budget;
  const total = budget.find((l) => l.role === 'total');
  const part: BudgetLine = { id: nextId(budget, line.role), ...line };
  if (total) part.partOf = total.id;
  budget.push(part);
}

export function readBudgetRow(ctx: TableContext, section: Section, row: RawRow): void {
  const texts = row.cells.map((c) => squeeze(c.text));
  // 按收入性质分 / 按支出性质分: the rows below are label–value pairs, one per group.
  if (texts.some((t) => /^按(收入|支出)性质分/.test(t))) {
    section.pairRoles = texts
      .filter((t) => /^按(收入|支出)性质分/.test(t))
      .map((t) => (t.includes('收入') ? 'source' : 'nature'));
    section.pairFirstColumn = undefined;
    return;
  }
  if (section.pairRoles) {
    readPairs(ctx, section, row);
    return;
  }
  const width = section.headers.length;
  let cells = row.cells;
  if (ctx.table.layout === 'tab-rows') {
    const aligned = realign(cells, section.previous, width);
    if (aligned.shift !== 0) {
      warn(ctx, row, `表格「${ctx.tableTitle}」的这一行错位了一列，已按上一行对齐`);
      cells = aligned.cells;
    }
  }
  // A label beside a sentence ("年度目标1:(80分) | 增强政府工作效率…") is not a budget line.
  if (lostCells(ctx.table.layout)) {
    const filled = cells.filter((c) => c.text !== '');
    if (filled.length >= 2 && filled.every((c) => parseStated(c.text).value === null)) return;
  }
  const placed = placeShortRow(ctx, row, cells, width, columnTypes(section));
  if (placed) cells = placed;
  else if (cells.length < width) {
    warn(ctx, row, `表格「${ctx.tableTitle}」的行只有 ${cells.length} 列，少于表头的 ${width} 列`);
  }
  section.previous = cells;
  section.dataRows++;
  const numericCols = new Set(AMOUNT_FIELDS.map((f) => columnOf(section, f)).filter((c) => c !== undefined));
  const labelCol = cells.findIndex(
    (c, i) =>
      c.text !== '' &&
      !numericCols.has(i) &&
      columnOf(section, 'reason') !== i &&
      parseStated(c.text).value === null,
  );
  if (labelCol < 0) return;
  const { label, group } = cleanBudgetLabel(cells[labelCol]!.text);
  if (group) section.group = group;
  const values: Partial<Record<AmountField, Stated>> = {};
  for (const field of AMOUNT_FIELDS) {
    const col = columnOf(section, field);
    if (col === undefined) continue;
    const cell = cells[col];
    if (!cell) continue;
    const v = parseStated(cell.text, sourceOf(ctx, row, cell, section.headers[col]));
    values[field] = v;
    if (v.raw !== '' && v.value === null && v.raw !== '/') {
      warn(ctx, row, `「${label}」的「${squeeze(section.headers[col]!)}」应为数字，写的是「${v.raw}」`);
    }
  }
  const line: Omit<BudgetLine, 'id' | 'partOf'> = {
    label,
    role: 'other',
    ...values,
    source: sourceOf(ctx, row, cells[labelCol], section.headers[labelCol]),
  };
  const reasonCol = columnOf(section, 'reason');
  const reason = reasonCol === undefined ? '' : (cells[reasonCol]?.text ?? '');
  if (reason && isFormInstruction(reason)) {
    warn(ctx, row, `「原因」栏里是表格的填写说明，不是填写内容，按未填写处理`, 'form-instruction');
  } else if (reason) line.reason = reason;

  const budget = ctx.evaluation.budget;
  if (!budget.some((l) => l.role === 'total') && (TOTAL.test(label) || budget.length === 0)) {
    budget.push({ id: 'total', ...line, role: 'total' });
    return;
  }
  pushPart(ctx, { ...line, role: roleOf(label, section) });
}

/** "一般公共预算： | 641.20 | 其中:基本支出： | 417.88": each pair is a line of its group. */
function readPairs(ctx: TableContext, section: Section, row: RawRow): void {
  const cells = row.cells;
  for (let i = 0; i < cells.length - 1; i++) {
    const labelCell = cells[i]!;
    if (labelCell.text === '' || parseStated(labelCell.text).value !== null) continue;
    const valueCell = cells[i + 1]!;
    section.pairFirstColumn ??= i;
    const { label } = cleanBudgetLabel(labelCell.text);
    const byName = NATURE_LABEL.test(label) ? 'nature' : undefined;
    const role =
      byName ?? (i === section.pairFirstColumn ? section.pairRoles![0] : section.pairRoles![1]) ?? 'other';
    const header = role === 'source' ? '按收入性质分' : '按支出性质分';
    // These forms give one amount per line, beside a total whose 执行率 is on 全年预算数.
    pushPart(ctx, {
      label,
      role,
      adjustedBudget: parseStated(valueCell.text, sourceOf(ctx, row, valueCell, header)),
      source: sourceOf(ctx, row, labelCell, header),
    });
    i++;
  }
}

/** 年度主要任务 rows: each task is part of 项目支出 (linked once the budget section is read). */
export function readTaskRow(ctx: TableContext, section: Section, row: RawRow): void {
  const cells = row.cells;
  const at = (field: string) => {
    const col = columnOf(section, field);
    return col === undefined ? undefined : { cell: cells[col], header: section.headers[col]! };
  };
  const label = at('label')?.cell?.text ?? '';
  if (!label) return;
  section.dataRows++;
  const stated = (field: string): Stated | undefined => {
    const a = at(field);
    return a ? parseStated(a.cell?.text ?? '', sourceOf(ctx, row, a.cell, a.header)) : undefined;
  };
  const line: BudgetLine = {
    id: nextId(ctx.evaluation.budget, 'task'),
    label,
    role: 'task',
    source: sourceOf(ctx, row, at('label')?.cell, '任务名称'),
  };
  const adjusted = stated('adjustedBudget');
  if (adjusted) line.adjustedBudget = adjusted;
  const executed = stated('executed');
  if (executed) line.executed = executed;
  const rate = stated('executionRate');
  if (rate) line.executionRate = rate;
  ctx.evaluation.budget.push(line);
}

/** Tasks belong to 项目支出 when the form has that line, else to the total. */
export function linkTasks(lines: BudgetLine[]): void {
  const project = lines.find((l) => l.role === 'nature' && /项目支出/.test(l.label));
  const total = lines.find((l) => l.role === 'total');
  const parent = project ?? total;
  if (!parent) return;
  for (const l of lines) if (l.role === 'task' && !l.partOf) l.partOf = parent.id;
}
