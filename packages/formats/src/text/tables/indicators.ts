import { D, parseStated, type Indicator, type IndicatorDirection, type Stated } from '@jixiao/core';
import { squeeze } from '../lines.ts';
import { realign, rightAlign } from './align.ts';
import { placeShortRow, sourceOf, warn, type TableContext } from './context.ts';
import { columnOf, columnTypes, type Section } from './section.ts';
import { lostCells, type RawCell, type RawRow } from './types.ts';
import { level1OfLevel2 } from './forms.ts';
import { isFillerLabel } from './vocabulary.ts';

const POINTS = /[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]$/;
const TOTAL_LABEL = /^(合计|总计|合计得分|总分)$/;

/** "部门预算管理（80分）" → name and stated points. */
function splitPoints(text: string): { name: string; points?: string } {
  const m = POINTS.exec(text);
  return m ? { name: text.slice(0, m.index).trim(), points: m[1]! } : { name: text };
}

/** 指标性质 from its column, else from the sign in the target, else from a 定性 unit or a text target. */
export function directionOf(
  written: string,
  target: Stated | undefined,
  unit: string,
): IndicatorDirection | null {
  const w = squeeze(written);
  if (w) {
    if (/^定性/.test(w)) return 'qualitative';
    // '>' and '<' are read as ≥ / ≤: the model knows only the three quantitative senses.
    if (/^(≥|>=|＞＝|≧|>|＞|正向)/.test(w)) return '≥';
    if (/^(≤|<=|＜＝|≦|<|＜|反向)/.test(w)) return '≤';
    if (/^(=|＝|等于)/.test(w)) return '=';
  }
  if (/^定性/.test(squeeze(unit))) return 'qualitative';
  const sign = target?.sign;
  if (sign === '≥' || sign === '>') return '≥';
  if (sign === '≤' || sign === '<') return '≤';
  if (sign === '=') return '=';
  if (target && target.raw !== '' && target.value === null) return 'qualitative';
  return null;
}

export function readIndicatorRow(ctx: TableContext, section: Section, row: RawRow): void {
  const width = section.headers.length;
  const ev = ctx.evaluation;
  const firstText = row.cells.find((c) => c.text !== '')?.text ?? '';
  if (TOTAL_LABEL.test(squeeze(firstText))) {
    readTotalRow(ctx, section, row, width);
    return;
  }
  let cells = row.cells;
  let shifted = false;
  if (ctx.table.layout === 'tab-rows') {
    const aligned = realign(cells, section.previous, width);
    if (aligned.shift !== 0) {
      warn(ctx, row, `表格「${ctx.tableTitle}」的这一行错位了一列，已按上一行对齐`);
      cells = aligned.cells;
      shifted = true;
    }
  }
  const placed = shifted
    ? undefined
    : placeShortRow(ctx, row, cells, width, columnTypes(section), section.previous);
  if (placed) {
    cells = placed;
    shifted = true;
  }
  if (cells.length < width && !shifted) {
    warn(ctx, row, `表格「${ctx.tableTitle}」的行只有 ${cells.length} 列，少于表头的 ${width} 列`);
  }
  const cellOf = (field: string) => {
    const col = columnOf(section, field);
    return col === undefined ? undefined : cells[col];
  };
  const text = (field: string) => cellOf(field)?.text ?? '';
  const stated = (field: string): Stated | undefined => {
    const col = columnOf(section, field);
    // A cell the row does not have (a row cut short) stays undefined, unlike a blank cell.
    if (col === undefined || !cells[col]) return undefined;
    return parseStated(cells[col]!.text, sourceOf(ctx, row, cells[col], section.headers[col]));
  };

  const l1 = text('level1');
  if (l1) {
    const { name, points } = splitPoints(l1);
    section.level1 = name;
    section.level2 = undefined;
    const ownPoints = text('level1Points');
    if (!points && ownPoints && !ev.categoryScores.some((c) => c.level1 === name)) {
      const col = columnOf(section, 'level1Points')!;
      const src = sourceOf(ctx, row, cellOf('level1Points'), section.headers[col]);
      ev.categoryScores.push({ level1: name, weight: parseStated(ownPoints, src), source: src });
    }
    if (points && !ev.categoryScores.some((c) => c.level1 === name)) {
      const src = sourceOf(ctx, row, cellOf('level1'), section.headers[columnOf(section, 'level1')!]);
      ev.categoryScores.push({ level1: name, weight: parseStated(points, src), source: src });
    }
  }
  const l2 = text('level2');
  if (l2) {
    const { name } = splitPoints(l2);
    const joined = `${section.level2 ?? ''}${name}`;
    if (row.afterBreak && section.level2 && !l1 && ctx.documentText.includes(joined)) {
      // A merged 二级 cell cut in two by a page break: the joined name is what the report writes.
      warn(ctx, row, `二级指标「${section.level2}」在分页处断开，已与「${name}」合并为「${joined}」`);
      for (const ind of ev.indicators.slice(section.level2Start ?? 0)) {
        if (ind.level2 === section.level2) ind.level2 = joined;
      }
      section.level2 = joined;
    } else {
      section.level2 = name;
      section.level2Start = ev.indicators.length;
    }
  }
  // A 二级 label with no 一级 above it in the copy: the 一级 every described form puts it under.
  if (!section.level1 && section.level2 && columnOf(section, 'level1') !== undefined) {
    const level1 = level1OfLevel2(section.level2);
    if (level1) {
      section.level1 = level1;
      warn(
        ctx,
        row,
        `一级指标不在复制内容中（表格从中间开始，或合并单元格在复制时丢失），按表样「${section.level2}」属于「${level1}」补上，请核对`,
        'level1-from-form',
      );
    }
  }
  section.previous = cells;
  section.dataRows++;
  const name = text('name');
  if (!name) return;
  // The form's own placeholder rows (指标1, ……) left unfilled are not indicators.
  const filledCells = cells.filter((c) => c.text !== '').length;
  if (isFillerLabel(name) && filledCells <= 1 + (text('level1') ? 1 : 0) + (text('level2') ? 1 : 0)) return;

  const target = stated('target');
  const unit = text('unit');
  const indicator: Indicator = {
    id: `ind-${ev.indicators.length + 1}`,
    level1: section.level1 ?? '',
    level2: columnOf(section, 'level2') === undefined ? '' : (section.level2 ?? ''),
    name,
    direction: directionOf(text('direction'), target, unit),
    source: sourceOf(ctx, row, cellOf('name'), '三级指标'),
  };
  if (target) indicator.target = target;
  if (columnOf(section, 'unit') !== undefined) indicator.unit = unit;
  const actual = stated('actual');
  if (actual) indicator.actual = actual;
  const weight = stated('weight');
  if (weight) indicator.weight = weight;
  const score = stated('statedScore');
  if (score) indicator.statedScore = score;
  const reason = text('deviationReason');
  if (reason) indicator.deviationReason = reason;
  const criterion = text('criterionText');
  if (criterion) indicator.criterionText = criterion;
  const explanation = text('explanation');
  if (explanation) indicator.explanation = explanation;
  for (const field of ['weight', 'statedScore'] as const) {
    const v = indicator[field];
    if (v && v.raw !== '' && v.value === null && v.raw !== '/') {
      warn(ctx, row, `指标「${name}」的「${v.source?.column ?? field}」应为数字，写的是「${v.raw}」`);
    }
  }
  ev.indicators.push(indicator);
}

/** "合计 | 100 | 100": the stated sum of weights and the stated total score. */
function readTotalRow(ctx: TableContext, section: Section, row: RawRow, width: number): void {
  // A copy that kept its empty cells lost only the trailing ones: its columns stand as written.
  const kept = lostCells(ctx.table.layout) && row.cells.slice(1).some((c) => c.text === '');
  const ev = ctx.evaluation;
  if (!kept && lostCells(ctx.table.layout)) {
    readShortTotal(ctx, section, row);
    return;
  }
  const cells = kept ? row.cells : rightAlign(row.cells, width);
  const at = (field: string) => {
    const col = columnOf(section, field);
    if (col === undefined || !cells[col] || cells[col]!.text === '') return undefined;
    return parseStated(cells[col]!.text, sourceOf(ctx, row, cells[col], section.headers[col]));
  };
  const weight = at('weight');
  if (weight) ev.statedWeightTotal = weight;
  const score = at('statedScore');
  if (score && !ev.statedTotal) ev.statedTotal = score;
}

/**
 * "总分 | 90 | 87" or "合计 | 100" with its empty cells lost: two figures are the weight total and
 * the total score; one is whichever the rows above add up to (else 合计 is weights, 总分 the score).
 */
function readShortTotal(ctx: TableContext, section: Section, row: RawRow): void {
  const ev = ctx.evaluation;
  const figures = row.cells.filter((c) => c.text !== '' && parseStated(c.text).value !== null);
  const stated = (cell: RawCell, field: string) => {
    const col = columnOf(section, field);
    return parseStated(cell.text, sourceOf(ctx, row, cell, col === undefined ? field : section.headers[col]));
  };
  const sum = (pick: (i: Indicator) => Stated | undefined) =>
    ev.indicators.reduce((a, i) => a.plus(pick(i)?.value ?? 0), new D(0));
  if (figures.length >= 2) {
    if (columnOf(section, 'weight') !== undefined) ev.statedWeightTotal = stated(figures[0]!, 'weight');
    ev.statedTotal ??= stated(figures[figures.length - 1]!, 'statedScore');
    return;
  }
  const only = figures[0];
  if (!only) return;
  const value = new D(parseStated(only.text).value!);
  const weights = sum((i) => i.weight);
  const scores = sum((i) => i.statedScore);
  const isWeight =
    value.eq(weights) && !value.eq(scores)
      ? true
      : value.eq(scores) && !value.eq(weights)
        ? false
        : /^合计/.test(squeeze(row.cells[0]?.text ?? ''));
  if (isWeight && columnOf(section, 'weight') !== undefined) ev.statedWeightTotal = stated(only, 'weight');
  else ev.statedTotal ??= stated(only, 'statedScore');
}
