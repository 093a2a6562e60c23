import { D, parseStated } from '@jixiao/core';
import { squeeze } from '../lines.ts';
import type { RawCell } from './types.ts';
import { isLevel1Label, isLevel2Label, type ColumnType } from './vocabulary.ts';

/** A row placed under its header: the cell (or nothing) in each column, and how sure the placement is. */
export interface Placement {
  cells: Array<RawCell | undefined>;
  /** 1 when the row had every column; lower when cells were placed by their content. */
  confidence: number;
  /** Another placement scored close to this one. */
  ambiguous: boolean;
}

const SIGN_ONLY = /^(≥|≤|=|＝|﹦|>|<|＞|＜|≧|≦|定性|定量|正向|反向)$/;
const UNIT = /^[^\d\s]{1,4}$/;

function isNumber(text: string): boolean {
  const v = parseStated(text);
  return v.value !== null && !v.percent && !/[^\d.,\s+-]/.test(text.replace(/[分万元]$/, ''));
}

/** How well a cell's text fits a column of this type: positive fits, negative does not. */
export function fit(text: string, type: ColumnType | undefined): number {
  const t = squeeze(text);
  if (t === '') return 0;
  const stated = parseStated(t);
  const numeric = stated.value !== null;
  switch (type) {
    case undefined:
      return -1;
    case 'level1':
      return isLevel1Label(t) ? 3 : /[（(]\d+分[)）]$/.test(t) ? 2 : numeric ? -3 : -0.5;
    case 'level2':
      return isLevel2Label(t) ? 3 : /指标$/.test(t) ? 1.5 : numeric ? -3 : -0.5;
    case 'name':
    case 'label':
      return numeric || SIGN_ONLY.test(t) ? -2 : isLevel1Label(t) || isLevel2Label(t) ? -1 : 1;
    case 'direction':
      return SIGN_ONLY.test(t) ? 3 : -3;
    case 'unit':
      return UNIT.test(t) && !SIGN_ONLY.test(t) ? 1.5 : -2;
    case 'value':
      return SIGN_ONLY.test(t) ? -2 : numeric ? 1 : 0.3;
    case 'amount':
      return stated.percent ? -2 : numeric ? 1.5 : /^[-—/]$/.test(t) ? 0.5 : -2;
    case 'rate':
      return stated.percent ? 3 : numeric ? -0.5 : /^[-—/]$/.test(t) ? 0.5 : -2;
    case 'weight':
    case 'score':
      return isNumber(t) ? 1.5 : /^[-—/]$/.test(t) ? 0.5 : -2;
    case 'text':
      return numeric ? -1 : 0.5;
  }
}

const near = (a: string, b: string, tolerance: string) => new D(a).minus(b).abs().lte(tolerance);

/** Arithmetic the form guarantees: 执行率 = 执行数 ÷ 全年预算数, a score is at most its weight. */
function arithmetic(placed: Array<RawCell | undefined>, fields: Array<string | undefined>): number {
  const value = (field: string) => {
    const k = fields.indexOf(field);
    const cell = k < 0 ? undefined : placed[k];
    return cell ? parseStated(cell.text).value : null;
  };
  let score = 0;
  const rateCell = placed[fields.indexOf('executionRate')];
  const rateStated = rateCell ? parseStated(rateCell.text) : undefined;
  const rate =
    rateStated?.value == null
      ? null
      : rateStated.percent
        ? new D(rateStated.value).div(100).toString()
        : rateStated.value;
  const executed = value('executed');
  const budget = value('adjustedBudget');
  if (rate !== null && executed !== null && budget !== null && !new D(budget).isZero()) {
    const computed = new D(executed).div(budget);
    score += near(computed.toString(), rate, '0.0006') ? 4 : -1;
  }
  const weight = value('weight');
  const stated = value('statedScore');
  if (weight !== null && stated !== null) score += new D(stated).lte(weight) ? 0.5 : -3;
  return score;
}

function* choose(n: number, m: number, from = 0, acc: number[] = []): Generator<number[]> {
  if (acc.length === n) {
    yield acc;
    return;
  }
  for (let c = from; c <= m - (n - acc.length); c++) yield* choose(n, m, c + 1, [...acc, c]);
}

/**
 * Places a row that has fewer cells than its header: merged cells (a 一级 spanning rows) and empty
 * cells are missing from copies of web tables, so which column each cell belongs to is decided by
 * what the cells hold (a sign, a unit, a percent, a 二级 label …), by the form's arithmetic, and,
 * between equals, by dropping leading columns first (merged cells are the leading ones).
 */
export function placeByContent(
  cells: RawCell[],
  types: Array<ColumnType | undefined>,
  fields: Array<string | undefined>,
): Placement {
  const width = types.length;
  const present = cells.filter((c) => c.text !== '' || cells.length >= width);
  if (present.length >= width) return { cells: present.slice(0, width), confidence: 1, ambiguous: false };
  const scored: Array<{ placed: Array<RawCell | undefined>; score: number; key: string }> = [];
  let tries = 0;
  for (const cols of choose(present.length, width)) {
    if (++tries > 5000) break;
    const placed: Array<RawCell | undefined> = Array.from({ length: width }, () => undefined);
    let score = 0;
    cols.forEach((col, i) => {
      placed[col] = present[i];
      score += fit(present[i]!.text, types[col]);
    });
    // Skipped columns: leading ones are merged cells (free), trailing ones a little, inner ones more.
    for (let col = 0; col < width; col++) {
      if (placed[col]) continue;
      if (col < cols[0]!) continue;
      score -= col > cols[cols.length - 1]! ? 0.1 : 0.3;
    }
    score += arithmetic(placed, fields);
    scored.push({ placed, score, key: cols.join(',') });
  }
  scored.sort((a, b) => b.score - a.score);
  const best = scored[0];
  if (!best) return { cells: Array.from({ length: width }, () => undefined), confidence: 0, ambiguous: true };
  const second = scored[1];
  const margin = second ? best.score - second.score : 10;
  const differs =
    second !== undefined && second.placed.some((c, k) => (c?.text ?? '') !== (best.placed[k]?.text ?? ''));
  return {
    cells: best.placed,
    confidence: Math.max(0.3, Math.min(0.95, 0.5 + margin / 4)),
    ambiguous: differs && margin < 0.5,
  };
}
