import { parseStated } from '@jixiao/core';
import type { NumberedLine } from '../narrative/types.ts';
import { squeeze } from '../lines.ts';
import { segmentStream } from './cell-stream.ts';
import type { RawCell, RawRow, RawTable } from './types.ts';
import { FOOTER_LABELS, LEVEL_LABELS, isLevel1Label, isLevel2Label } from './vocabulary.ts';

const SIGN = /[=＝﹦≥≤<>]/;

/** Cuts a run of text at the form's 一级/二级 labels and before a comparator that ends a name. */
function cutAtLabels(token: string): string[] {
  const out: string[] = [];
  let rest = token;
  let name = '';
  const flush = () => {
    if (name) out.push(name);
    name = '';
  };
  while (rest) {
    const label = LEVEL_LABELS.find((l) => rest.startsWith(l));
    if (label) {
      flush();
      out.push(label);
      rest = rest.slice(label.length);
      continue;
    }
    // "足额保障率=100%": the sign opens the 指标值 cell; the rest of the token is that value.
    if (name && SIGN.test(rest[0]!)) {
      flush();
      out.push(rest);
      break;
    }
    name += rest[0];
    rest = rest.slice(1);
  }
  flush();
  return out;
}

/**
 * A table whose cells were run together on one line (a copy that lost every separator but the
 * spaces between figures: "产出指标数量指标足额保障率=100% 22.5 科目调整次数≤10次 22.5 … 合计100"),
 * recognised by a line that opens with a 一级 label fused to a 二级 label of a described form. The
 * line is cut at the forms' labels, at a comparator after a name and at spaces; the columns are
 * those its cells show (一级, 二级, 三级, 指标值, 分值), the footer where a footer label starts.
 */
export function readFusedLine(
  lines: NumberedLine[],
  start: number,
): { table: RawTable; next: number } | undefined {
  const line = lines[start]!;
  const text = squeeze(line.text.split(/\s+/)[0] ?? '');
  const first = LEVEL_LABELS.find((l) => text.startsWith(l));
  if (
    !first ||
    !isLevel1Label(first) ||
    !LEVEL_LABELS.some((l) => text.startsWith(l, first.length) && isLevel2Label(l))
  )
    return undefined;
  const cells: RawCell[] = [];
  let footer: { label: RawCell; figure?: RawCell } | undefined;
  for (const token of line.text.trim().split(/\s+/)) {
    const foot = FOOTER_LABELS.find((f) => token.startsWith(f));
    if (foot) {
      const figure = /^\d+(\.\d+)?/.exec(token.slice(foot.length))?.[0];
      footer = { label: { text: foot, line: line.line } };
      if (figure) footer.figure = { text: figure, line: line.line };
      break;
    }
    for (const t of cutAtLabels(token)) cells.push({ text: t, line: line.line });
  }
  const header = ['一级指标', '二级指标', '三级指标', '指标值', '分值'];
  const types = ['level1', 'level2', 'name', 'value', 'weight'] as const;
  // Without a figure for each name there is no row to read: not a table.
  if (cells.filter((c) => parseStated(c.text).value !== null).length < 2) return undefined;
  const row = (r: RawCell[]): RawRow => ({ cells: r, line: line.line, afterBreak: false });
  const rows: RawRow[] = [
    row(header.map((h) => ({ text: h, line: line.line }))),
    ...segmentStream(cells, [...types]).map(row),
  ];
  if (footer) {
    const f = header.map(() => ({ text: '', line: line.line }));
    f[0] = footer.label;
    if (footer.figure) f[4] = footer.figure;
    rows.push(row(f));
  }
  return {
    table: {
      layout: 'cell-stream',
      rows,
      firstLine: line.line,
      lastLine: line.line,
      guess: `第 ${line.line} 行：表格各格连写在一行，已按表格栏目（一级指标、二级指标、三级指标、指标值、分值）拆开，请核对`,
    },
    next: start + 1,
  };
}
