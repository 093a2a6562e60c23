import { BASIC_FIELDS, basicFieldOf, inlineBasicFields, parseStated, type BasicField } from '@jixiao/core';
import { squeeze } from '../lines.ts';
import { isFormInstruction } from './budget.ts';
import { sourceOf, warn, type TableContext } from './context.ts';
import type { RawCell, RawRow } from './types.ts';

/**
 * The field a labelled cell (项目名称, 自评得分, 年度总体目标 …) fills on the evaluation. The form's
 * head and signature fields (实施单位, 项目负责人, 填报日期, 年度目标完成情况 …) are core's
 * `BASIC_FIELDS`, recognised through `basicFieldOf`: one list of their labels for every reader.
 */
type KeyField =
  | 'organization'
  | 'supervisor'
  | 'project'
  | 'statedTotal'
  | 'statedGrade'
  | 'goal'
  | 'conclusion'
  | 'problems'
  | 'measures'
  | BasicField
  | 'ignored';

/** Labels of the table itself, not of a basic field; tried before `basicFieldOf`. */
const KEYS: Array<[KeyField, RegExp]> = [
  ['organization', /^(部门[(（]单位[)）]名称|预算部门名称|部门名称|单位名称)$/],
  ['supervisor', /^主管部门$/],
  ['project', /^项目名称$/],
  ['statedTotal', /^(自评得分|自评总分|总分|综合得分|项目总得分)$/],
  ['statedGrade', /^(自评结果|自评等级|评价等级)$/],
  ['goal', /^(年度总体目标|项目年度目标|年度绩效目标)$/],
  ['conclusion', /^评价结论$/],
  ['problems', /^存在(的)?问题$/],
  ['measures', /^(改进措施|改进建议|整改措施)$/],
  // Block captions: a label with no value of its own.
  ['ignored', /^(项目基本情况|项目年度目标完成情况|预期目标)$/],
];

/** Signature fields: signed beside the label or not at all, never in the row below. */
const SIGNED_BESIDE: ReadonlySet<KeyField> = new Set([
  'projectLead',
  'financeLead',
  'preparer',
  'contact',
  'phone',
  'filledDate',
]);

/** A value that cannot be what the field holds: a phone without digits, a date without a number. */
function implausible(field: KeyField, text: string): boolean {
  if (field === 'phone') return !/\d{3,}/.test(text);
  if (field === 'filledDate') return !/\d/.test(text);
  return false;
}

/** What a cell is: a label, a label with its value in the same cell ("项目负责人：顾震"), or neither. */
type CellKey = { field: KeyField; inline?: false } | { field: 'ignored'; inline: true };

function keyOf(text: string): KeyField | undefined {
  const k = squeeze(text)
    .replace(/^\d+[.、．]/, '')
    .replace(/[（(](盖章|签章)[)）]/, '')
    .replace(/[:：]$/, '');
  if (!k) return undefined;
  return KEYS.find(([, re]) => re.test(k))?.[0] ?? basicFieldOf(k);
}

/** "项目负责人：顾震", "单位名称:… 填报日期:2021.5.18": a cell that starts with a basic field's label and its value. */
function inlinePairsOf(text: string): Array<{ field: BasicField; value: string }> {
  const head = /^[^:：]{1,12}[:：]/.exec(squeeze(text));
  if (!head || !keyOf(head[0])) return [];
  return inlineBasicFields(text);
}

function cellKey(text: string): CellKey | undefined {
  const field = keyOf(text);
  if (field) return { field };
  return inlinePairsOf(text).length ? { field: 'ignored', inline: true } : undefined;
}

/** Cells to read from the next row, under the given columns. */
export interface PendingBelow {
  field: KeyField;
  columns: number[];
  key: RawCell;
}

/** "51090423T000008167896-2023案件代理" → code and name; a name without a code stays whole. */
export function splitProjectCode(text: string): { code?: string; name: string } {
  const m = /^([0-9A-Za-z]{12,}(?:-\d{4}(?=\D))?)[-－\s]*(.+)$/.exec(text.trim());
  return m ? { code: m[1]!, name: m[2]!.trim() } : { name: text.trim() };
}

const GRADE_IN_TEXT = /评为\s*[“"「『]?(优秀|良好|优|良|中等|中|合格|较差|差)[”"」』]?/;

function apply(ctx: TableContext, row: RawRow, field: KeyField, cell: RawCell, key: RawCell): void {
  const ev = ctx.evaluation;
  const text = cell.text;
  const src = sourceOf(ctx, row, cell, key.text);
  // The form's instruction left in an answer cell: the narrative fields keep it, so the audit names it
  // as 未填写 with its rule (不得保留填表说明); any other field is left unread, and the reader says so.
  const narrative =
    field === 'goal' || field === 'conclusion' || field === 'problems' || field === 'measures';
  if (isFormInstruction(text) && !narrative) {
    warn(
      ctx,
      row,
      `「${squeeze(key.text)}」栏里是表格的填写说明，不是填写内容，按未填写处理`,
      'form-instruction',
    );
    return;
  }
  switch (field) {
    case 'organization':
      ev.organization = text;
      break;
    case 'supervisor':
      ev.organization ??= text.replace(/部门$/, '');
      break;
    case 'project': {
      const { code, name } = splitProjectCode(text);
      ev.projectName = name;
      if (code) ev.projectCode = code;
      break;
    }
    case 'statedTotal':
      ev.statedTotal ??= parseStated(text, src);
      break;
    case 'statedGrade':
      ev.statedGrade ??= { raw: text, source: src };
      break;
    case 'goal':
      ev.goal ??= text;
      break;
    case 'conclusion': {
      ev.conclusion = text;
      const g = GRADE_IN_TEXT.exec(text);
      if (g && !ev.statedGrade) ev.statedGrade = { raw: g[1]!, source: src };
      break;
    }
    case 'problems':
      ev.problems = text;
      break;
    case 'measures':
      ev.measures = text;
      break;
    case 'implementingUnit':
      // The department itself is no second unit: the field is for a unit other than 主管部门.
      ev.organization ??= text;
      if (text !== ev.organization) ev.implementingUnit = text;
      break;
    case 'ignored':
      break;
    default:
      if (!implausible(field, text)) ev[field] ??= text;
  }
}

/** The label–value pairs written inside one cell ("项目负责人：顾震"). */
function applyInline(ctx: TableContext, row: RawRow, cell: RawCell): void {
  for (const { field, value } of inlinePairsOf(cell.text)) {
    apply(ctx, row, field, { ...cell, text: value }, cell);
  }
}

/**
 * Reads a row of labelled cells ("项目名称 | 51090423…案件代理", "自评得分 | 99"). The value is
 * the next filled cell; when that is itself a label, the value sits in the next row under it.
 * Returns null when the row is not a labelled row.
 */
export function readKeyRow(ctx: TableContext, row: RawRow): PendingBelow[] | null {
  const cells = row.cells;
  const first = cells.findIndex((c) => c.text !== '');
  if (first < 0 || !cellKey(cells[first]!.text)) return null;
  const below: PendingBelow[] = [];
  for (let i = first; i < cells.length; i++) {
    const key = cellKey(cells[i]!.text);
    if (!key) continue;
    if (key.inline) {
      applyInline(ctx, row, cells[i]!);
      continue;
    }
    const { field } = key;
    if (signsForm(field)) ctx.evaluation.formSignature.push(squeeze(cells[i]!.text));
    let j = i + 1;
    while (j < cells.length && cells[j]!.text === '') j++;
    const next = cells[j];
    if (next && !cellKey(next.text)) {
      apply(ctx, row, field, next, cells[i]!);
      i = j;
    } else if (field !== 'ignored' && !SIGNED_BESIDE.has(field)) {
      below.push({ field, columns: next ? [i, j] : [i], key: cells[i]! });
    }
  }
  return below;
}

/** Labels that tell forms apart; the head and signature fields are on every form alike. */
function signsForm(field: KeyField): boolean {
  return field !== 'ignored' && (field === 'implementingUnit' || !(field in BASIC_FIELDS));
}

/**
 * Fills the values announced by the row above from this row. Each label reads the cell under it;
 * one whose value row is shifted reads the next cell, unless another label stands over that one.
 */
export function readBelow(ctx: TableContext, row: RawRow, pending: PendingBelow[]): void {
  const own = new Set(pending.map((p) => p.columns[0]));
  const used = new Set<number>();
  for (const p of pending) {
    const columns = p.columns.filter((c, k) => k === 0 || !own.has(c));
    const column = columns.find((c) => !used.has(c) && row.cells[c] && row.cells[c].text !== '');
    if (column === undefined) continue;
    used.add(column);
    apply(ctx, row, p.field, row.cells[column]!, p.key);
  }
}
