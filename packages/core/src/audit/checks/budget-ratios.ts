import type { BudgetLine } from '../../model/evaluation.ts';
import type { Finding } from '../../model/finding.ts';
import type { Stated } from '../../model/stated.ts';
import { D, type Dec } from '../../numbers/decimal.ts';
import { compareWithRounding, ratioAllowance } from '../../numbers/tolerance.ts';
import type { AuditContext } from '../context.ts';
import { finding, mismatch, roundingEvidence, roundingNote, severityOf, show } from '../finding-kit.ts';

/** The rate as a document writes it: percent units when written with %, else a fraction or a percent number. */
export function ratePercent(rate: Stated): Dec | null {
  if (rate.value === null) return null;
  return new D(rate.value);
}

/**
 * 执行率 = 执行数 ÷ 全年预算数 (调整后), as the seeds' own forms define it (seed 003: "预算执行率=预算执行数/
 * 调整后预算数"). A rate that matches 执行数 ÷ 年初预算数 instead is called out as the wrong denominator.
 */
export function checkExecutionRate(
  line: Pick<
    BudgetLine,
    'label' | 'initialBudget' | 'adjustedBudget' | 'executed' | 'executionRate' | 'source'
  >,
  ctx: AuditContext,
  rule: string,
): Finding[] {
  const rate = line.executionRate;
  const executed = line.executed;
  const budget =
    line.adjustedBudget && line.adjustedBudget.value !== null ? line.adjustedBudget : line.initialBudget;
  if (!rate || !executed || !budget || executed.value === null || budget.value === null) return [];
  const stated = ratePercent(rate);
  if (stated === null) return [];
  const denominator = new D(budget.value);
  if (denominator.isZero()) {
    if (!new D(executed.value).isZero() || !stated.isZero()) {
      return [
        finding({
          code: 'ratio-mismatch',
          severity: 'warning',
          message: `「${line.label}」全年预算数为 0，执行率 ${rate.raw} 无从计算。`,
          evaluation: ctx.evaluation,
          source: rate.source ?? line.source,
          budgetLine: line.label,
          evidence: { stated: rate.raw, inputs: { 执行数: executed.raw, 全年预算数: budget.raw } },
          rule,
        }),
      ];
    }
    return [];
  }
  const computed = new D(executed.value).div(denominator).times(100);
  // A rate derived from two rounded amounts carries their rounding too (relative to the denominator).
  const allowance = ratioAllowance(new D(executed.value), executed.decimals, denominator, budget.decimals);
  const cmp = mismatch(stated, rate.decimals, computed, [], allowance);
  if (!cmp) return roundingNoteOf(line, ctx, stated, rate, computed, executed, budget);
  const budgetName = budget === line.adjustedBudget ? '全年预算数' : '年初预算数';
  let wrongDenominator = '';
  if (
    budget === line.adjustedBudget &&
    line.initialBudget?.value &&
    !new D(line.initialBudget.value).isZero()
  ) {
    const byInitial = new D(executed.value).div(line.initialBudget.value).times(100);
    const initialAllowance = ratioAllowance(
      new D(executed.value),
      executed.decimals,
      new D(line.initialBudget.value),
      line.initialBudget.decimals,
    );
    const v = compareWithRounding(stated, rate.decimals, byInitial, [], initialAllowance).verdict;
    if (v === 'equal' || v === 'within-rounding')
      wrongDenominator = '；填报值是按年初预算数算的，应以全年预算数（调整后）为分母';
  }
  return [
    finding({
      code: 'ratio-mismatch',
      severity: wrongDenominator ? 'error' : severityOf(cmp, rate.decimals),
      message: `「${line.label}」执行率填报 ${rate.raw}，按执行数 ${executed.raw} ÷ ${budgetName} ${budget.raw} 计算应为 ${show(computed)}%${roundingNote(cmp)}${wrongDenominator}。`,
      evaluation: ctx.evaluation,
      source: rate.source ?? line.source,
      budgetLine: line.label,
      evidence: {
        stated: rate.raw,
        computed: `${show(computed)}%`,
        formula: `${executed.raw} ÷ ${budget.raw} × 100% = ${show(computed, 4)}%`,
        inputs: { 执行数: executed.raw, [budgetName]: budget.raw },
        rounding: roundingEvidence(cmp),
      },
      rule,
    }),
  ];
}

/**
 * A rate within what the rounded amounts allow, yet printed otherwise than its quotient rounds (seed 000:
 * 24.81 ÷ 35.20 = 70.48% printed 70.47%; corpus 026: 31.69 ÷ 32.4 = 97.81% printed 97.80%, cut rather than
 * rounded): not an error, the unrounded amounts may give it, but a reviewer notes it.
 */
function roundingNoteOf(
  line: Pick<BudgetLine, 'label' | 'source'>,
  ctx: AuditContext,
  stated: Dec,
  rate: Stated,
  computed: Dec,
  executed: Stated,
  budget: Stated,
): Finding[] {
  const rounded = computed.toDecimalPlaces(rate.decimals, D.ROUND_HALF_UP);
  if (rounded.eq(stated)) return [];
  const cut = computed.toDecimalPlaces(rate.decimals, D.ROUND_DOWN).eq(stated);
  const shown = `${rounded.toFixed(rate.decimals)}%`;
  return [
    finding({
      code: 'ratio-mismatch',
      severity: 'info',
      message: `「${line.label}」执行率填报 ${rate.raw}，按执行数 ${executed.raw} ÷ ${budget.raw} 计算四舍五入为 ${shown}${cut ? '（填报值像是截尾）' : ''}；差异在金额四舍五入的范围内，不作为错误。`,
      evaluation: ctx.evaluation,
      source: rate.source ?? line.source,
      budgetLine: line.label,
      evidence: {
        stated: rate.raw,
        computed: shown,
        formula: `${executed.raw} ÷ ${budget.raw} × 100% = ${show(computed, 4)}%`,
        rounding: cut ? 'truncation' : 'within-rounding',
      },
      rule: 'audit.execution-rate-rounding',
    }),
  ];
}

export function checkBudgetRatios(ctx: AuditContext): Finding[] {
  const noted = new Set<string>();
  return ctx.evaluation.budget.flatMap((line) => {
    const found = checkExecutionRate(line, ctx, 'audit.execution-rate');
    // A source line printing the total's very figures says the same rounding again: noted once.
    const same = [
      line.executed?.raw,
      line.adjustedBudget?.raw ?? line.initialBudget?.raw,
      line.executionRate?.raw,
    ].join('|');
    return found.filter((f) => {
      if (f.rule !== 'audit.execution-rate-rounding') return true;
      if (noted.has(same)) return false;
      noted.add(same);
      return true;
    });
  });
}
