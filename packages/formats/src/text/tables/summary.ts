import { parseStated, type SummaryRow } from '@jixiao/core';
import { sourceOf, warn, type TableContext } from './context.ts';
import { columnOf, type Section } from './section.ts';
import type { RawRow } from './types.ts';

/** One project of a 项目支出绩效自评汇总表. */
export function readSummaryRow(ctx: TableContext, section: Section, row: RawRow): void {
  const cells = row.cells;
  const at = (field: string) => {
    const col = columnOf(section, field);
    return col === undefined ? undefined : { cell: cells[col], header: section.headers[col]! };
  };
  const name = at('name')?.cell?.text ?? '';
  if (!name) return;
  if (cells.length < section.headers.length - 1) {
    warn(
      ctx,
      row,
      `表格「${ctx.tableTitle}」的行只有 ${cells.length} 列，少于表头的 ${section.headers.length} 列`,
    );
  }
  section.dataRows++;
  const out: SummaryRow = { name, source: sourceOf(ctx, row, at('name')?.cell, '项目名称') };
  const index = Number(at('index')?.cell?.text ?? '');
  if (Number.isInteger(index) && index > 0) out.index = index;
  for (const field of ['adjustedBudget', 'executed', 'executionRate', 'statedScore'] as const) {
    const a = at(field);
    if (!a) continue;
    const v = parseStated(a.cell?.text ?? '', sourceOf(ctx, row, a.cell, a.header));
    out[field] = v;
    if (v.raw !== '' && v.value === null)
      warn(ctx, row, `「${name}」的「${a.header}」应为数字，写的是「${v.raw}」`);
  }
  const deviation = at('deviation');
  if (deviation) out.deviation = deviation.cell?.text ?? '';
  ctx.evaluation.summaryRows.push(out);
}
