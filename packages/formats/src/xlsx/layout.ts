import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EvaluationKind } from '@jixiao/core';

/**
 * An xlsx form (自评表 / 汇总表) as data: the fixed cells and the mapping of model fields to cells
 * and repeated rows. One file drives both the writer and the reader's recognition of the form, so
 * a province with its own 自评表 adds a JSON file to layouts/xlsx/, not code.
 */
export interface XlsxLayout {
  id: string;
  /** 中文名, shown in errors and the report. */
  name: string;
  kind: EvaluationKind;
  sheetName: string;
  /** Column widths in characters, A, B, …; the number of columns of the form. */
  columns: number[];
  landscape: boolean;
  /**
   * Header texts that identify the form wherever it sits in a sheet: all must appear. Written by
   * the writer and used as the evaluation's formSignature on reading.
   */
  signature: string[];
  /** Preferred when the evaluation has indicators with 计分标准 (a 指标体系 form). */
  forCriteria?: boolean;
  /**
   * Frameworks whose form this is: an evaluation scored under one of them is written in this layout
   * (财预〔2020〕10号's projects in its 附件2 项目支出绩效自评表).
   */
  frameworks?: string[];
  /** Where the form is published, for a person checking the layout against it. */
  source?: string;
  sections: Section[];
}

/** A model field held in one cell of a labelled row. */
export type HeaderField =
  | 'title'
  | 'year'
  | 'organization'
  | 'project'
  | 'statedTotal'
  | 'statedGrade'
  | 'goal'
  | 'conclusion'
  | 'problems'
  | 'measures'
  | 'goalAchieved'
  | 'implementation'
  | 'implementingUnit'
  | 'projectLead'
  | 'financeLead'
  | 'preparer'
  | 'contact'
  | 'phone'
  | 'filledDate';

export interface FieldCell {
  label: string;
  field: HeaderField;
  /** Columns the label cell spans (≥ 0: 0 = no label cell, e.g. the title). */
  labelSpan: number;
  valueSpan: number;
  /** Template for writing, with {value}: "（{value}年度）". */
  template?: string;
  /**
   * Reading only: when the cell right of the label holds one of these texts, the form prints the
   * value under the label instead (seed 003: 项目年度目标 | 年度目标完成情况, the texts on the row below).
   */
  valueBelowWhenBeside?: string[];
}

export interface FieldsSection {
  type: 'fields';
  cells: FieldCell[];
  /**
   * The labels on one row and each value under its label (the national form's 年度总体目标: 预期目标 |
   * 实际完成情况, the texts below). Cells then have labelSpan 0: the label spans the value's columns.
   */
  valuesBelow?: boolean;
  /** Text in the left column, merged down over the labels and values (年度总体目标). */
  side?: string;
  /** Written only when one of its fields has a value. */
  optional?: boolean;
  /** Row height in points for long text. */
  wrap?: boolean;
}

/** Which list of the evaluation a table writes, and which rows of it. */
export type TableSource =
  | 'budget'
  | 'tasks'
  /** The 偏差原因 written beside budget lines, for a form whose budget table has no column for it. */
  | 'budgetReasons'
  | 'indicators'
  | 'summaryRows'
  | 'indicatorCounts'
  | 'monitoring'
  | 'unmetExplanations'
  | 'categoryScores';

/**
 * How a cell is written. 'target' and 'actual' are for forms without 指标性质 and 度量单位 columns (the
 * national form's 年度指标值 "≥200平方米"): the sign of the 指标性质 and the unit go into the value, and
 * the reader takes them back from it.
 */
export type CellFormat =
  'amount' | 'rate' | 'score' | 'count' | 'text' | 'direction' | 'index' | 'month' | 'target' | 'actual';

export interface TableColumn {
  header: string;
  /** Field of the row object: label, initialBudget, target, … */
  field: string;
  format: CellFormat;
  span?: number;
  /** Blank continuation cells: written once per group and merged down; read by carrying forward. */
  group?: boolean;
  /**
   * The reader accepts the form without this column (seed 001 prints no 年初预算数 for its tasks).
   * An optional label column with no header is found left of the first header (预算情况's labels).
   */
  optional?: boolean;
}

export interface TableSection {
  type: 'table';
  source: TableSource;
  /** Text in the left column, merged down over the header and the rows (预算执行情况（10分）). */
  side?: string;
  columns: TableColumn[];
  /** Written only when the source list has rows. */
  optional?: boolean;
  /** Label prefixes by budget role: how the reader tells a 资金来源 line from a 支出性质 line. */
  rolePrefixes?: Record<string, string>;
  /** Role of a row with no prefix that is not the first (the first is the total). */
  defaultRole?: string;
  /** A 合计 row under the table: label, and which columns get a SUM. */
  total?: { label: string; sum: string[]; includeBudgetWeight?: boolean };
}

export type Section = FieldsSection | TableSection | { type: 'note'; text: string };

const LAYOUT_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../layouts/xlsx');

/** Layout files shipped with jixiao (packages/formats/layouts/xlsx). */
export function builtinLayoutsDir(): string {
  return LAYOUT_DIR;
}

let cache: XlsxLayout[] | undefined;

/** Reads every layout file of a directory; a broken file is an error naming it. */
export function loadLayouts(dir: string = LAYOUT_DIR): XlsxLayout[] {
  if (dir === LAYOUT_DIR && cache) return cache;
  const layouts = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const path = join(dir, f);
      let json: unknown;
      try {
        json = JSON.parse(readFileSync(path, 'utf8'));
      } catch (error) {
        throw new Error(`版式文件 ${path} 不是有效的 JSON：${(error as Error).message}`);
      }
      return checkLayout(json, path);
    });
  if (dir === LAYOUT_DIR) cache = layouts;
  return layouts;
}

function checkLayout(json: unknown, path: string): XlsxLayout {
  const l = json as Partial<XlsxLayout>;
  const problems: string[] = [];
  if (typeof l.id !== 'string') problems.push('缺少 id');
  if (!['project', 'department', 'summary'].includes(String(l.kind)))
    problems.push('kind 应为 project/department/summary');
  if (!Array.isArray(l.columns) || !l.columns.length) problems.push('缺少 columns（列宽）');
  if (!Array.isArray(l.signature) || !l.signature.length) problems.push('缺少 signature（识别用表头）');
  if (!Array.isArray(l.sections)) problems.push('缺少 sections');
  const width = l.columns?.length ?? 0;
  for (const [k, s] of (l.sections ?? []).entries()) {
    const used =
      s.type === 'fields'
        ? (s.side ? 1 : 0) + s.cells.reduce((n, c) => n + c.labelSpan + c.valueSpan, 0)
        : s.type === 'table'
          ? (s.side ? 1 : 0) + s.columns.reduce((n, c) => n + (c.span ?? 1), 0)
          : width;
    if (used !== width) problems.push(`sections[${k}] 占 ${used} 列，表宽 ${width} 列`);
  }
  if (problems.length) throw new Error(`版式文件 ${path}：${problems.join('；')}`);
  return l as XlsxLayout;
}

/**
 * The layout a writer uses for an evaluation when none is named: the form of the framework it was
 * scored under when a layout names that framework, else the kind's form (a 指标体系 form for criteria).
 */
export function defaultLayout(
  kind: EvaluationKind,
  hasCriteria: boolean,
  layouts: XlsxLayout[] = loadLayouts(),
  frameworkId?: string,
): XlsxLayout {
  const ofKind = layouts.filter((l) => l.kind === kind);
  const general = ofKind.filter((l) => !l.frameworks?.length);
  const found =
    (frameworkId ? ofKind.find((l) => l.frameworks?.includes(frameworkId)) : undefined) ??
    general.find((l) => Boolean(l.forCriteria) === hasCriteria) ??
    general[0] ??
    ofKind[0];
  if (!found) throw new Error(`没有 ${kind} 类评价的 xlsx 版式`);
  return found;
}

export function layoutById(id: string, layouts: XlsxLayout[] = loadLayouts()): XlsxLayout {
  const found = layouts.find((l) => l.id === id);
  if (!found)
    throw new Error(`没有 id 为「${id}」的 xlsx 版式（可用：${layouts.map((l) => l.id).join('、')}）`);
  return found;
}
