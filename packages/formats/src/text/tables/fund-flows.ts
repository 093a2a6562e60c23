import { D, parseStated, type BudgetLine } from '@jixiao/core';
import { squeeze } from '../lines.ts';
import { mapColumns } from './columns.ts';
import type { TableContext } from './context.ts';
import { sourceOf, warn } from './context.ts';
import type { RawCell, RawRow } from './types.ts';

const isNumber = (c: RawCell) => parseStated(c.text).value !== null;

interface Layout {
  leaves: string[];
  /** Where the row's cells go: for each cell index, a leaf index. */
  place: (cells: RawCell[]) => Map<number, number>;
}

/**
 * A two-line header ("实际到位资金" over "上年结转资金 | 财政拨款资金 | 合计") whose rows dropped
 * the group's empty leading sub-columns. The group is the top cell under which the 合计 sub-column
 * equals the sum of the other sub-cells in most rows; within it, cells line up from the right.
 */
function layoutOf(top: string[], sub: string[], data: RawRow[]): Layout {
  if (!sub.length) return { leaves: top, place: (cells) => new Map(cells.map((_, i) => [i, i])) };
  let best: { layout: Layout; score: number } | undefined;
  for (let g = 1; g < top.length; g++) {
    const leaves = [...top.slice(0, g), ...sub, ...top.slice(g + 1)];
    const after = top.length - 1 - g;
    const place = (cells: RawCell[]) => {
      const m = new Map<number, number>();
      for (let i = 0; i < g && i < cells.length; i++) m.set(i, i);
      const groupEnd = cells.length - after;
      for (let i = groupEnd; i < cells.length; i++) m.set(i, g + sub.length + (i - groupEnd));
      for (let i = groupEnd - 1, leaf = g + sub.length - 1; i >= g && leaf >= g; i--, leaf--) m.set(i, leaf);
      return m;
    };
    const totalLeaf = sub.findIndex((s) => squeeze(s) === '合计');
    let score = 0;
    for (const row of data) {
      const m = place(row.cells);
      const parts: string[] = [];
      let total: string | undefined;
      for (const [ci, leaf] of m) {
        const k = leaf - g;
        if (k < 0 || k >= sub.length) continue;
        const v = parseStated(row.cells[ci]!.text).value;
        if (v === null) continue;
        if (k === totalLeaf) total = v;
        else parts.push(v);
      }
      if (
        total !== undefined &&
        parts.length &&
        parts
          .reduce((a, p) => a.plus(p), new D(0))
          .minus(total)
          .abs()
          .lte(0.01)
      )
        score++;
    }
    if (!best || score > best.score) best = { layout: { leaves, place }, score };
  }
  // A header of one cell over its sub-columns has no group to choose: its leaves are the sub-row.
  return best?.layout ?? { leaves: sub, place: (cells) => new Map(cells.map((_, i) => [i, i])) };
}

/** 项目收支情况表 (pipe rows): each project a task line, the 合计 row their total. */
export function readFundFlows(ctx: TableContext): BudgetLine[] {
  const rows = ctx.table.rows;
  const header: RawRow[] = [];
  let headerEnd = 0;
  for (const row of rows) {
    if (row.cells.slice(1).some(isNumber) || header.length >= 2) break;
    headerEnd++;
    // A padding row (`| |`, `||||`) of a web copy is no header line: the labels are in the next one.
    if (row.cells.every((c) => c.text.trim() === '')) continue;
    header.push(row);
  }
  const top = header[0]?.cells.map((c) => c.text) ?? [];
  const sub = header[1]?.cells.map((c) => c.text) ?? [];
  const data = rows.slice(headerEnd).filter((r) => r.cells.some(isNumber));
  // Without two column names there is nothing to place the figures under: said, not guessed.
  if (top.filter((t) => t.trim() !== '').length < 2) {
    const at = header[0] ?? rows[0];
    if (at)
      warn(ctx, at, '项目收支表的表头不足两栏，无法确定各列含义，此表未读取', 'fund-flows-header-short');
    return [];
  }
  const layout = layoutOf(top, sub, data);
  ctx.evaluation.formSignature.push(...[...top, ...sub].map(squeeze).filter(Boolean));
  const fields = mapColumns('fund-flows', layout.leaves);
  const groupOf = (leaf: number) => {
    const name = layout.leaves[leaf]!;
    return sub.includes(name)
      ? `${top.find((t, i) => i > 0 && !layout.leaves.includes(t)) ?? ''}/${name}`
      : name;
  };
  const lines: BudgetLine[] = [];
  let tasks = 0;
  for (const row of data) {
    const place = layout.place(row.cells);
    const label = row.cells[0]?.text ?? '';
    const isTotal = /^(合计|总计)$/.test(squeeze(label));
    const line: BudgetLine = {
      id: isTotal ? 'funds-total' : `funds-task-${++tasks}`,
      label: isTotal ? squeeze(label) : label,
      role: isTotal ? 'total' : 'task',
      source: sourceOf(ctx, row, row.cells[0], layout.leaves[0]),
    };
    for (const [ci, leaf] of place) {
      const field = fields.get(leaf);
      if (
        field !== 'initialBudget' &&
        field !== 'adjustedBudget' &&
        field !== 'received' &&
        field !== 'executed'
      )
        continue;
      line[field] = parseStated(row.cells[ci]!.text, sourceOf(ctx, row, row.cells[ci], groupOf(leaf)));
    }
    lines.push(line);
  }
  const total = lines.find((l) => l.role === 'total');
  if (total) for (const l of lines) if (l.role === 'task') l.partOf = total.id;
  return lines;
}
