import {
  evaluationMoney,
  formatRate,
  groupOf,
  isLargeDeviation,
  D,
  LARGE_DEVIATION_RATE,
  money2,
  summaryLines,
  SUMMARY_MONEY_NOTES,
  type EvaluationResult,
  type Money,
  type SummaryMember,
} from '@jixiao/core';
import { writeAggregateXlsx, type AggregateColumn, type AggregateRow } from './aggregate.ts';

/** One line of a 汇总表 over files: an evaluation, or one project of a filed 汇总表. */
interface FileLine extends SummaryMember {
  adjustedBudget: string | null;
  executed: string | null;
  /** 执行率 (%), recomputed when both figures are there, else as filed. */
  rate: string | null;
  /** 自评得分 as the department states it (a number, never "96.70分"). */
  statedScore: string | null;
  /** 是否有较大偏差 */
  deviation: string;
}

/** The 是否有较大偏差 cell of a scored evaluation: its reasons when it deviates, else 否. */
function deviationOf(r: EvaluationResult): string {
  const total = r.evaluation.budget.find((b) => b.role === 'total');
  const rate = r.score.budgetExecution?.rateUsed;
  const unmet = r.score.indicators.filter((i) => i.met === false).length;
  const low = rate !== null && rate !== undefined && isLargeDeviation(new D(rate));
  if (!low && !unmet) return '否';
  const parts = [
    ...(low ? [`执行率 ${formatRate(rate)}${total?.reason ? `：${total.reason}` : ''}`] : []),
    ...(unmet ? [`${unmet} 项指标未完成`] : []),
  ];
  return `是（${parts.join('；')}）`;
}

const NO_UNIT = '（未填填报单位）';

/** The lines of every file: an evaluation each, a filed 汇总表 as the projects it lists. */
function fileLines(results: EvaluationResult[]): Array<{ entry: FileLine; money: Money }> {
  const out: Array<{ entry: FileLine; money: Money }> = [];
  for (const r of results) {
    const e = r.evaluation;
    const department = e.organization?.trim() || NO_UNIT;
    const year = e.year ?? null;
    const m = evaluationMoney(e, r.score.statedTotal);
    if (e.kind === 'summary') {
      m.projects.forEach((p, k) => {
        const money = m.projectMoney[k]!;
        out.push({
          money,
          entry: {
            department,
            group: 'project',
            year,
            name: p.name,
            order: out.length,
            adjustedBudget: p.adjustedBudget,
            executed: p.executed,
            rate: p.rate,
            statedScore: p.statedScore,
            deviation: p.deviation,
          },
        });
      });
      continue;
    }
    out.push({
      money: m.money,
      entry: {
        department,
        group: groupOf(e.kind),
        year,
        name: e.projectName ?? e.title,
        order: out.length,
        adjustedBudget: money2(m.money.adjusted),
        executed: money2(m.money.executed),
        rate: m.rate,
        statedScore: e.statedTotal?.value != null ? new D(e.statedTotal.value).toFixed(2) : null,
        deviation: deviationOf(r),
      },
    });
  }
  return out;
}

const COLUMNS: AggregateColumn[] = [
  { header: '序号', kind: 'count', width: 6 },
  { header: '填报单位', kind: 'text', width: 24 },
  { header: '项目名称', kind: 'text', width: 40 },
  { header: '年度', kind: 'text', width: 7, align: 'center' },
  { header: '全年预算数（万元）', kind: 'amount', width: 13 },
  { header: '全年执行数（万元）', kind: 'amount', width: 13 },
  { header: '预算执行率', kind: 'rate', width: 11 },
  { header: '自评得分', kind: 'score', width: 9 },
  { header: '是否有较大偏差', kind: 'text', width: 30 },
];

/**
 * 项目支出绩效自评汇总表 over many evaluations (seed 000's columns, with 填报单位 per row since the files may
 * come from several units), as .xlsx: rows numbered 1..N, 部门整体 and 项目 totalled apart, 小计 per unit,
 * rates recomputed from the rows that have both figures, numbers as numbers.
 */
export async function writeSummaryXlsx(
  results: EvaluationResult[],
  opts: { title?: string } = {},
): Promise<Buffer> {
  const members = fileLines(results);
  const lines = summaryLines(members, { order: 'as-given' });
  const rows: AggregateRow[] = [];
  let index = 0;
  for (const l of lines) {
    if (l.type === 'evaluation') {
      rows.push({
        cells: [
          String(++index),
          l.department,
          l.name,
          l.year === null ? null : String(l.year),
          l.adjustedBudget,
          l.executed,
          l.rate,
          l.statedScore,
          l.deviation,
        ],
      });
      continue;
    }
    rows.push({
      style: l.type,
      cells: [
        null,
        l.type === 'subtotal' ? l.department : `共 ${l.count} 项`,
        l.label,
        null,
        l.adjustedBudget,
        l.executed,
        l.rate,
        null,
        l.rate !== null && l.rateCount < l.count
          ? `执行率只计 ${l.rateCount}/${l.count} 项同时填有两数的项目`
          : null,
      ],
    });
  }
  const years = [...new Set(members.map((m) => m.entry.year).filter((y): y is number => y !== null))].sort();
  const hasDepartment = members.some((m) => m.entry.group === 'department');
  return writeAggregateXlsx({
    title: opts.title ?? (hasDepartment ? '预算绩效自评汇总表' : '项目支出绩效自评汇总表'),
    subtitle: [years.length ? `${years.join('、')}年度` : '', '单位：万元'].filter(Boolean).join('\u3000'),
    columns: COLUMNS,
    rows,
    notes: [
      ...SUMMARY_MONEY_NOTES,
      `是否有较大偏差：预算执行率低于 ${LARGE_DEVIATION_RATE.toFixed()}% 或有指标未完成的，列明原因。`,
    ].map((n, k) => `${k + 1}. ${n}`),
    sheetName: '汇总表',
  });
}
