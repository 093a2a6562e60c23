import type { Framework } from '../frameworks/schema.ts';
import type { BudgetLine, Evaluation } from '../model/evaluation.ts';
import type { BudgetExecutionScore, Explanation } from '../model/result.ts';
import { D, round, type Dec } from '../numbers/decimal.ts';
import { citationText, ruleOf } from './cite.ts';
import { numberValue, runRule, undeterminedText } from './formula/apply.ts';
import { executionRatePercent as executionRate } from '../numbers/execution.ts';
import { totalBudgetLine } from '../model/total-line.ts';
import { n } from './rules/show.ts';

/** The line the budget-execution score is taken from (the model's one definition of it). */
export const totalLine = (e: Evaluation): BudgetLine | undefined => totalBudgetLine(e);

/** 执行率 of the total line: 执行数 ÷ 全年预算数 rounded to 2 decimals, else the stated rate; null when neither. */
export function rateOf(line: BudgetLine | undefined): Dec | null {
  if (!line) return null;
  const executed = line.executed?.value;
  const adjusted = line.adjustedBudget?.value;
  const recomputed =
    executed != null && adjusted != null ? executionRate(new D(executed), new D(adjusted)) : null;
  if (recomputed !== null) return round(recomputed, 2);
  return line.executionRate?.value != null ? new D(line.executionRate.value) : null;
}

/** 预算执行 points under the framework's budget-execution rule; undefined when it has none or there is no budget. */
export function scoreBudget(
  e: Evaluation,
  f: Framework,
): { score: BudgetExecutionScore; weight: Dec | null } | undefined {
  const rule = ruleOf(f, 'budget-execution');
  const line = totalLine(e);
  if (!rule || !line) return undefined;
  const decimals = rule.decimals ?? f.decimals;
  const weight = new D(line.weight?.value ?? rule.weight);
  const executed = line.executed?.value;
  const adjusted = line.adjustedBudget?.value;
  const recomputed =
    executed != null && adjusted != null ? executionRate(new D(executed), new D(adjusted)) : null;
  const statedRate = line.executionRate?.value != null ? new D(line.executionRate.value) : null;
  // Tables show and score the rate at 2 decimals (70.48%), so the score follows the rate a reviewer sees.
  const rateUsed = recomputed !== null ? round(recomputed, 2) : statedRate;
  const inputs: Record<string, string> = {
    全年预算数: line.adjustedBudget?.raw || '（缺）',
    执行数: line.executed?.raw || '（缺）',
    执行率: line.executionRate?.raw || '（缺）',
    分值: n(weight),
  };
  if (line.initialBudget?.raw) inputs['年初预算数（不用于计算执行率）'] = line.initialBudget.raw;
  const citation = citationText(f, rule.cite);
  const base = {
    rate: recomputed ? round(recomputed, 2).toFixed(2) : null,
    rateUsed: rateUsed ? rateUsed.toFixed() : null,
    weight: n(weight),
    stated: line.statedScore?.value ?? null,
  };
  /** 无法判定: no score, and the explanation of what was missing. */
  const undetermined = (summary: string, steps?: Explanation['steps']) => ({
    weight,
    score: {
      ...base,
      computed: null,
      outcome: 'not-judgeable' as const,
      explanation: { rule: rule.id, summary, inputs, ...(steps ? { steps } : {}), citation },
    },
  });
  if (rateUsed === null) {
    return undetermined('既无执行数与全年预算数，也无填报的执行率，无法计算预算执行得分');
  }
  const run = runRule(
    f,
    rule,
    {
      执行率: numberValue(rateUsed, true),
      分值: numberValue(weight, false),
      执行数: executed != null ? numberValue(new D(executed), false) : undefined,
      全年预算数: adjusted != null ? numberValue(new D(adjusted), false) : undefined,
    },
    [],
    decimals,
  );
  if (!run.ok) return undetermined(undeterminedText('预算执行得分', run.missing, run.reasons), run.steps);
  const score = round(run.score, decimals);
  const how =
    recomputed !== null
      ? `执行率 = 执行数 ${line.executed!.raw} ÷ 全年预算数 ${line.adjustedBudget!.raw} = ${round(recomputed, 2).toFixed(2)}%`
      : `未填执行数${adjusted == null ? '和全年预算数' : ''}，采用填报的执行率 ${line.executionRate!.raw}`;
  return {
    weight,
    score: {
      ...base,
      computed: score.toFixed(decimals),
      outcome: 'scored',
      explanation: {
        rule: rule.id,
        summary: `${how}；按公式 ${rule.formula} 计分${rateUsed.gt(100) ? '（执行率超过 100%）' : ''}`,
        formula: run.formula,
        inputs,
        steps: run.steps,
        citation,
      },
    },
  };
}
