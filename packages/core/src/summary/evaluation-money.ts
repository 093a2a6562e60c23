import type { Evaluation } from '../model/evaluation.ts';
import { totalBudgetLine } from '../model/total-line.ts';
import { D, type Dec } from '../numbers/decimal.ts';
import { amountOf, Money, money2, statedRateOf } from './money.ts';

/** 汇总表所列项目 — one project line of a filed 项目支出绩效自评汇总表 (seed 000). */
export interface SummaryProject {
  /** 项目名称 */
  name: string;
  /** 全年预算数, 万元 with 2 decimals */
  adjustedBudget: string | null;
  /** 全年执行数 */
  executed: string | null;
  /** 执行率 (%) recomputed from 执行数 ÷ 调整后预算; the stated one when either is missing. */
  rate: string | null;
  rateStated: boolean;
  /** 自评得分 as filed */
  statedScore: string | null;
  /** 是否有较大偏差 as filed */
  deviation: string;
}

/** What one evaluation adds to a 汇总表: its money, its rate and, for a filed 汇总表, its projects. */
export interface EvaluationMoney {
  money: Money;
  /** 执行率 (%): recomputed when both figures are there, else the stated rate (rateStated). */
  rate: string | null;
  rateStated: boolean;
  /** A filed 汇总表's projects; empty for any other evaluation. */
  projects: SummaryProject[];
  /** The money of each of `projects`, in the same order, for tables that list them as lines of their own. */
  projectMoney: Money[];
  /** Every stated score it carries (a filed 汇总表: one per project), for averages. */
  statedScores: Dec[];
}

/**
 * The money of one evaluation for a 汇总表. A filed 汇总表 has no total line of its own: its money is the sum
 * of the projects it lists, and added into its department it is one line. `statedTotal` is the score the
 * department states (the scoring's reading of it).
 */
export function evaluationMoney(e: Evaluation, statedTotal: string | null): EvaluationMoney {
  const statedScores: Dec[] = [];
  if (e.kind === 'summary') {
    const money = new Money();
    const projects: SummaryProject[] = [];
    const projectMoney: Money[] = [];
    for (const row of e.summaryRows) {
      const part = Money.of(null, amountOf(row.adjustedBudget), amountOf(row.executed));
      money.add(part);
      projectMoney.push(part);
      const recomputed = part.rate();
      const stated = row.statedScore?.value != null ? new D(row.statedScore.value) : null;
      if (stated) statedScores.push(stated);
      projects.push({
        name: row.name,
        adjustedBudget: money2(part.adjusted),
        executed: money2(part.executed),
        rate: recomputed ?? statedRateOf(row.executionRate),
        rateStated: recomputed === null && statedRateOf(row.executionRate) !== null,
        statedScore: stated?.toFixed(2) ?? null,
        deviation: row.deviation ?? '',
      });
    }
    money.basisCount = money.basisCount ? 1 : 0;
    return { money, rate: money.rate(), rateStated: false, projects, projectMoney, statedScores };
  }
  const line = totalBudgetLine(e);
  const money = Money.of(
    amountOf(line?.initialBudget),
    amountOf(line?.adjustedBudget),
    amountOf(line?.executed),
  );
  let rate = money.rate();
  let rateStated = false;
  if (rate === null && statedRateOf(line?.executionRate) !== null) {
    rate = statedRateOf(line?.executionRate);
    rateStated = true;
  }
  if (statedTotal !== null) statedScores.push(new D(statedTotal));
  return { money, rate, rateStated, projects: [], projectMoney: [], statedScores };
}
