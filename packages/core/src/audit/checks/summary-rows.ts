import type { SummaryRow } from '../../model/evaluation.ts';
import type { Finding } from '../../model/finding.ts';
import { D, sum } from '../../numbers/decimal.ts';
import type { AuditContext } from '../context.ts';
import { finding, show } from '../finding-kit.ts';
import { checkExecutionRate } from './budget-ratios.ts';
import { isLargeDeviation, LARGE_DEVIATION_RATE } from '../../numbers/execution.ts';

/** Execution this low with a score this high is what a reviewer asks about first. */
const LOW_EXECUTION = new D(50);
const HIGH_SCORE = new D(80);

/** 汇总表: each row's rate against its amounts, the reasons a low rate needs, and low execution with high scores. */
export function checkSummaryRows(ctx: AuditContext): Finding[] {
  const { evaluation } = ctx;
  const out: Finding[] = [];
  const unexplained: string[] = [];
  const idle: SummaryRow[] = [];
  for (const row of evaluation.summaryRows) {
    out.push(...checkExecutionRate({ ...row, label: row.name }, ctx, 'audit.summary-execution-rate'));
    const rate = row.executionRate?.value != null ? new D(row.executionRate.value) : null;
    if (rate && isLargeDeviation(rate) && !(row.deviation ?? '').trim()) unexplained.push(row.name);
    const score = row.statedScore?.value != null ? new D(row.statedScore.value) : null;
    if (rate && score && rate.lt(LOW_EXECUTION) && score.gte(HIGH_SCORE)) idle.push(row);
  }
  if (idle.length) {
    const list = idle
      .map((r) => `「${r.name}」执行率 ${r.executionRate!.raw}、自评 ${r.statedScore!.raw} 分`)
      .join('；');
    out.push(
      finding({
        code: 'budget-execution-anomaly',
        severity: 'warning',
        message: `${idle.length} 个项目资金基本未使用，自评得分却在 ${HIGH_SCORE.toFixed()} 分以上：${list}。绩效目标几乎全部完成而钱没有花出去，请核实得分依据或说明原因。`,
        evaluation,
        source: idle[0]!.source,
        evidence: {
          rows: idle.map((r) => ({
            name: r.name,
            adjustedBudget: r.adjustedBudget?.raw ?? '',
            executed: r.executed?.raw ?? '',
            executionRate: r.executionRate!.raw,
            score: r.statedScore!.raw,
            line: r.source?.line,
          })),
          threshold: `执行率 < ${LOW_EXECUTION.toFixed()}%，得分 ≥ ${HIGH_SCORE.toFixed()}`,
        },
        rule: 'audit.low-execution-high-score',
      }),
    );
  }
  if (unexplained.length) {
    out.push(
      finding({
        code: 'missing-deviation-reason',
        severity: 'warning',
        message: `汇总表中 ${unexplained.length} 个项目预算执行率低于 ${LARGE_DEVIATION_RATE.toFixed()}%，但「是否有较大偏差」栏为空：${unexplained.join('、')}。请在表中说明偏差原因（正文中的说明不随汇总表公开）。`,
        evaluation,
        source: evaluation.summaryRows.find((r) => r.name === unexplained[0])?.source ?? evaluation.source,
        evidence: {
          inputs: Object.fromEntries(
            evaluation.summaryRows
              .filter((r) => unexplained.includes(r.name))
              .map((r) => [r.name, r.executionRate?.raw ?? '']),
          ),
          threshold: `${LARGE_DEVIATION_RATE.toFixed()}%`,
        },
        rule: 'audit.summary-deviation-reason',
      }),
    );
  }
  return out;
}

/** Σ of the summary's columns, for holding against the prose ("项目支出预算金额为 170.8 万元"). */
export function summaryColumnTotals(ctx: AuditContext): {
  adjustedBudget: string | null;
  executed: string | null;
} {
  const rows = ctx.evaluation.summaryRows;
  const total = (pick: (r: (typeof rows)[number]) => string | null | undefined) => {
    const values = rows.map(pick);
    return values.every((v) => v != null) && values.length ? show(sum(values.map((v) => new D(v!)))) : null;
  };
  return { adjustedBudget: total((r) => r.adjustedBudget?.value), executed: total((r) => r.executed?.value) };
}
