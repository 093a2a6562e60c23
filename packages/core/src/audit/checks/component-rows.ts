import type { Finding } from '../../model/finding.ts';
import type { Indicator } from '../../model/evaluation.ts';
import type { Stated } from '../../model/stated.ts';
import { D, type Dec } from '../../numbers/decimal.ts';
import type { AuditContext } from '../context.ts';
import { finding } from '../finding-kit.ts';

const PARENT = /^[一二三四五六七八九十]+[、.．]/;
const CHILD = /^\d+[、.．]/;

/** The row's points: its 得分, else its 分值. */
const points = (i: Indicator): Stated | undefined =>
  i.statedScore?.value != null ? i.statedScore : i.weight?.value != null ? i.weight : undefined;

/**
 * 子项重复计分 — a row numbered 一、二、… followed by sub-rows 1、2、… whose points add up exactly to its own
 * (corpus 038: 「一、示范区建立」15 = 5 + 5 + 5): the sub-rows are a breakdown of the parent, and a total that
 * counts both counts those points twice. Said once per table, naming each parent and its parts.
 */
export function checkComponentRows(ctx: AuditContext): Finding[] {
  const { evaluation } = ctx;
  const rows = evaluation.indicators;
  const groups: Array<{ parent: Indicator; parts: Indicator[]; sum: Dec }> = [];
  for (let p = 0; p < rows.length; p++) {
    const parent = rows[p]!;
    if (!PARENT.test(parent.name.trim())) continue;
    const parts: Indicator[] = [];
    for (let c = p + 1; c < rows.length && CHILD.test(rows[c]!.name.trim()); c++) parts.push(rows[c]!);
    const own = points(parent);
    if (parts.length < 2 || !own || parts.some((x) => !points(x))) continue;
    const sum = parts.reduce((acc, x) => acc.plus(points(x)!.value!), new D(0));
    if (sum.eq(own.value!)) groups.push({ parent, parts, sum });
  }
  if (!groups.length) return [];
  const said = groups
    .map(
      (g) =>
        `「${g.parent.name}」${points(g.parent)!.raw} 分 = ${g.parts.map((x) => points(x)!.raw).join(' + ')}`,
    )
    .join('；');
  const twice = groups.reduce((acc, g) => acc.plus(g.sum), new D(0));
  return [
    finding({
      code: 'weights-invalid',
      severity: 'warning',
      message: `子项与其上级行都计了分：${said}。子项是上级行的分解，合计时只能计一次，否则多计 ${twice.toFixed()} 分；请只在上级行或只在子项计分。`,
      evaluation,
      source: groups[0]!.parent.source,
      indicator: groups[0]!.parent.name,
      evidence: {
        stated: twice.toFixed(),
        inputs: Object.fromEntries(groups.map((g) => [g.parent.name, g.parts.map((x) => x.name).join('、')])),
      },
      rule: 'audit.component-scored-twice',
    }),
  ];
}
