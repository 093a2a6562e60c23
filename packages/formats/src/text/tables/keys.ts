import { parseStated } from '@jixiao/core';
import { squeeze } from '../lines.ts';
import { sourceOf, type TableContext } from './context.ts';
import type { RawCell, RawRow } from './types.ts';

/** The field a labelled cell (项目名称, 自评得分, 年度总体目标 …) fills on the evaluation. */
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
  | 'ignored';

const KEYS: Array<[KeyField, RegExp]> = [
  ['organization', /^(部门[(（]单位[)）]名称|预算部门名称|部门名称|单位名称|实施单位)$/],
  ['supervisor', /^主管部门$/],
  ['project', /^项目名称$/],
  ['statedTotal', /^(自评得分|自评总分|总分|综合得分|项目总得分)$/],
  ['statedGrade', /^(自评结果|自评等级|评价等级)$/],
  ['goal', /^(年度总体目标|项目年度目标|年度绩效目标)$/],
  ['conclusion', /^评价结论$/],
  ['problems', /^存在(的)?问题$/],
  ['measures', /^(改进措施|改进建议|整改措施)$/],
  [
    'ignored',
    /^(项目基本情况|项目年度目标完成情况|年度目标完成情况|年度总体目标完成情况|项目实施内容及过程概述|预期目标|实际完成情况|(项目|财务)负责人[:：].*|填报人[:：].*|联系人[:：].*|联系电话[:：].*)$/,
  ],
];

function keyOf(text: string): KeyField | undefined {
  const k = squeeze(text)
    .replace(/^\d+[.、．]/, '')
    .replace(/[（(](盖章|签章)[)）]/, '')
    .replace(/[:：]$/, '');
  if (!k) return undefined;
  return KEYS.find(([, re]) => re.test(k))?.[0];
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
    case 'ignored':
      break;
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
  if (first < 0 || !keyOf(cells[first]!.text)) return null;
  const below: PendingBelow[] = [];
  for (let i = first; i < cells.length; i++) {
    const field = keyOf(cells[i]!.text);
    if (!field) continue;
    if (field !== 'ignored') ctx.evaluation.formSignature.push(squeeze(cells[i]!.text));
    let j = i + 1;
    while (j < cells.length && cells[j]!.text === '') j++;
    const next = cells[j];
    if (next && !keyOf(next.text)) {
      apply(ctx, row, field, next, cells[i]!);
      i = j;
    } else if (field !== 'ignored') {
      below.push({ field, columns: next ? [i, j] : [i], key: cells[i]! });
    }
  }
  return below;
}

/** Fills the values announced by the row above from this row. */
export function readBelow(ctx: TableContext, row: RawRow, pending: PendingBelow[]): void {
  for (const p of pending) {
    const cell = p.columns.map((c) => row.cells[c]).find((c) => c && c.text !== '');
    if (cell) apply(ctx, row, p.field, cell, p.key);
  }
}
