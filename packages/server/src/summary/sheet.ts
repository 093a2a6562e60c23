// 汇总表 as the aggregate sheet the finance bureau files: its columns and rows in the order of the lines.
import { D, EVALUATION_KIND_NAMES, GROUP_NAMES, type SummaryTotal } from '@jixiao/core';
import type { AggregateColumn, AggregateRow } from '@jixiao/formats';
import { STATUS_NAMES } from '../http/access.ts';
import type { SummaryEntry, SummaryLine } from './service.ts';

export const COLUMNS: AggregateColumn[] = [
  { header: '部门', kind: 'text', width: 22 },
  { header: '项目/自评名称', kind: 'text', width: 46 },
  { header: '类型', kind: 'text', width: 13 },
  { header: '年度', kind: 'text', width: 7, align: 'center' },
  { header: '状态', kind: 'text', width: 8, align: 'center' },
  { header: '年初预算（万元）', kind: 'amount', width: 14 },
  { header: '调整后预算（万元）', kind: 'amount', width: 14 },
  { header: '执行数（万元）', kind: 'amount', width: 14 },
  { header: '执行率', kind: 'rate', width: 9 },
  { header: '自评得分', kind: 'score', width: 9 },
  { header: '复算得分', kind: 'score', width: 9 },
  { header: '等级', kind: 'text', width: 6, align: 'center' },
  { header: '复核得分', kind: 'score', width: 9 },
  { header: '错误', kind: 'count', width: 6 },
  { header: '警告', kind: 'count', width: 6 },
  { header: '说明', kind: 'text', width: 44 },
];

/** The 说明 of an evaluation line: why a figure is not what it seems. */
function noteOf(e: SummaryEntry): string {
  const notes: string[] = [];
  if (e.totalIncomplete)
    notes.push(e.computedScore === null ? '完成值空白，无法复算' : '完成值空白，复算得分为下限');
  if (e.rateStated) notes.push('执行率为填报数（缺执行数或调整后预算）');
  if (e.projects.length) notes.push(`含 ${e.projects.length} 个项目，金额为其合计（见「其中」各行）`);
  return notes.join('；');
}

function totalNote(t: SummaryTotal): string {
  return t.rate !== null && t.rateCount < t.count
    ? `执行率按 ${t.rateCount}/${t.count} 份同时填有调整后预算和执行数的自评计算`
    : '';
}

/** The 汇总表 as aggregate-sheet rows, in the order of its lines. */
export function aggregateRows(lines: SummaryLine[]): AggregateRow[] {
  const rows: AggregateRow[] = [];
  let lastDepartment = '';
  for (const l of lines) {
    if (l.type === 'evaluation') {
      rows.push({
        cells: [
          l.department,
          l.name,
          EVALUATION_KIND_NAMES[l.kind],
          l.year === null ? null : String(l.year),
          STATUS_NAMES[l.status],
          l.initialBudget,
          l.adjustedBudget,
          l.executed,
          l.rate,
          l.statedScore,
          // A lower bound is written as text (≥10.00), so a column sum or average in Excel never takes it for a score.
          l.totalIncomplete && l.computedScore !== null
            ? `≥${new D(l.computedScore).toFixed(2)}`
            : l.computedScore,
          l.grade,
          l.reviewScore,
          String(l.errors),
          String(l.warnings),
          noteOf(l),
        ],
      });
      lastDepartment = l.department;
      for (const p of l.projects) {
        rows.push({
          style: 'part',
          cells: [
            l.department,
            `其中：${p.name}`,
            '项目支出',
            l.year === null ? null : String(l.year),
            null,
            null,
            p.adjustedBudget,
            p.executed,
            p.rate,
            p.statedScore,
            null,
            null,
            null,
            null,
            null,
            [p.rateStated ? '执行率为填报数' : '', p.deviation ? `偏差：${p.deviation}` : '']
              .filter(Boolean)
              .join('；'),
          ],
        });
      }
      continue;
    }
    rows.push({
      style: l.type,
      cells: [
        l.type === 'subtotal' ? (l.department ?? lastDepartment) : l.label,
        l.type === 'subtotal' ? l.label : `共 ${l.count} 份`,
        l.group ? GROUP_NAMES[l.group] : null,
        null,
        null,
        l.initialBudget,
        l.adjustedBudget,
        l.executed,
        l.rate,
        null,
        null,
        null,
        null,
        String(l.errors),
        String(l.warnings),
        totalNote(l),
      ],
    });
  }
  return rows;
}
