import type { RuleOf } from '../../frameworks/schema.ts';
import { D, round } from '../../numbers/decimal.ts';
import type { CriterionOutcome } from '../types.ts';
import type { CriterionContext } from './criterion-context.ts';
import { InputReader } from './inputs.ts';
import { n } from './show.ts';

/**
 * 动态调整 (seed 003), three cases on 调整取消额 C and 结余注销额 W:
 * both non-zero → C ÷ (C + W) × 分值; C = 0, W ≠ 0 → (1 − factor × W ÷ 年度预算总额) × 分值, 0 when
 * W ÷ 预算 exceeds `zeroAbove`; both zero → full marks. C ≠ 0 with W = 0 is not listed in the table;
 * the first formula then gives full marks, and the explanation says so.
 */
export function scoreAdjustmentCases(
  rule: RuleOf<'adjustment-cases'>,
  ctx: CriterionContext,
): CriterionOutcome {
  const r = new InputReader(ctx.inputs);
  const c = r.num(rule.cancelledInput);
  const w = r.num(rule.writtenOffInput);
  if (c === null || w === null) return r.notJudgeable(rule.criterion);
  const weight = ctx.weight;
  if (c.isZero() && w.isZero()) {
    return {
      outcome: 'scored',
      score: weight,
      summary: '调整取消额与结余注销额均为零（第3种情形），得满分',
      formula: `0, 0 → ${n(weight)}`,
      inputs: r.shown,
    };
  }
  if (!c.isZero()) {
    const score = round(c.div(c.plus(w)).times(weight), ctx.decimals);
    return {
      outcome: 'scored',
      score,
      summary: w.isZero()
        ? '结余注销额为零而调整取消额不为零：计分标准未列此情形，按第1种情形公式计分'
        : '调整取消额与结余注销额均不为零（第1种情形）',
      formula: `${n(c)} ÷ (${n(c)} + ${n(w)}) × ${n(weight)} = ${n(score)}`,
      inputs: r.shown,
    };
  }
  const budget = r.num(rule.budgetInput);
  if (budget === null || budget.isZero()) return r.notJudgeable(rule.criterion);
  const ratio = w.div(budget);
  if (ratio.gt(rule.zeroAbove)) {
    return {
      outcome: 'scored',
      score: new D(0),
      summary: `结余注销额超过年度预算总额的 ${n(new D(rule.zeroAbove).times(100))}%（第2种情形），不得分`,
      formula: `${n(w)} ÷ ${n(budget)} = ${n(round(ratio, 4))} > ${rule.zeroAbove} → 0`,
      inputs: r.shown,
    };
  }
  const score = round(new D(1).minus(ratio.times(rule.factor)).times(weight), ctx.decimals);
  return {
    outcome: 'scored',
    score,
    summary: '调整取消额为零、结余注销额不为零（第2种情形）',
    formula: `(1 − ${rule.factor} × ${n(w)} ÷ ${n(budget)}) × ${n(weight)} = ${n(score)}`,
    inputs: r.shown,
  };
}
