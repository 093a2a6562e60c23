import {
  D,
  newEvaluation,
  parseStated,
  type Evaluation,
  type EvaluationResult,
  type SummaryRow,
} from '@jixiao/core';
import { defaultLayout } from './layout.ts';
import { newWorkbook, writeEvaluationSheet } from './write.ts';

/** Execution under this rate is a 较大偏差 on a 汇总表, as every unmet target is (DESIGN.md 偏差分析). */
const DEVIATION_RATE = new D(90);

/** The 是否有较大偏差 cell of a project: its reasons when it deviates, else 否. */
function deviationOf(r: EvaluationResult): string {
  const total = r.evaluation.budget.find((b) => b.role === 'total');
  const rate = r.score.budgetExecution?.rateUsed;
  const unmet = r.score.indicators.filter((i) => i.met === false).length;
  const low = rate !== null && rate !== undefined && new D(rate).lt(DEVIATION_RATE);
  if (!low && !unmet) return '否';
  const parts = [
    ...(low ? [`执行率 ${new D(rate!).toFixed(2)}%${total?.reason ? `：${total.reason}` : ''}`] : []),
    ...(unmet ? [`${unmet} 项指标未完成`] : []),
  ];
  return `是（${parts.join('；')}）`;
}

/** One 汇总表 row from a scored project evaluation, or the rows of a 汇总表 evaluation as filed. */
function summaryRows(results: EvaluationResult[]): SummaryRow[] {
  const rows: SummaryRow[] = [];
  for (const r of results) {
    const e = r.evaluation;
    if (e.kind === 'summary') {
      rows.push(...e.summaryRows.map((s) => ({ ...s, index: rows.length + 1 })));
      continue;
    }
    const total = e.budget.find((b) => b.role === 'total');
    const score =
      e.statedTotal?.value != null
        ? e.statedTotal
        : r.score.computedTotal
          ? parseStated(r.score.computedTotal)
          : undefined;
    const row: SummaryRow = {
      index: rows.length + 1,
      name: e.projectName ?? e.organization ?? e.title,
      deviation: deviationOf(r),
    };
    if (total?.adjustedBudget) row.adjustedBudget = total.adjustedBudget;
    if (total?.executed) row.executed = total.executed;
    if (total?.executionRate) row.executionRate = total.executionRate;
    else if (r.score.budgetExecution?.rate)
      row.executionRate = parseStated(`${new D(r.score.budgetExecution.rate).toFixed(2)}%`);
    if (score) row.statedScore = score;
    rows.push(row);
  }
  return rows;
}

/** 项目支出绩效自评汇总表 over many evaluations (seed 000's layout), as .xlsx. */
export async function writeSummaryXlsx(
  results: EvaluationResult[],
  opts: { title?: string } = {},
): Promise<Buffer> {
  const first = results[0]?.evaluation;
  const summary: Evaluation = newEvaluation({
    id: 'summary',
    title: opts.title ?? '项目支出绩效自评汇总表',
    kind: 'summary',
    summaryRows: summaryRows(results),
    ...(first?.organization ? { organization: first.organization } : {}),
    ...(first?.year ? { year: first.year } : {}),
  });
  const wb = newWorkbook();
  writeEvaluationSheet(wb, summary, defaultLayout('summary', false));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
