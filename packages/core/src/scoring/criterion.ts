import type { CriterionRule, Framework } from '../frameworks/schema.ts';
import type { Evaluation, Indicator } from '../model/evaluation.ts';
import type { IndicatorScore } from '../model/result.ts';
import { D, round, type Dec } from '../numbers/decimal.ts';
import { citationText } from './cite.ts';
import type { ScoredIndicator } from './indicator.ts';
import { scoreAdjustmentCases } from './rules/adjustment-cases.ts';
import { scoreBands } from './rules/bands.ts';
import { scoreBinary } from './rules/binary.ts';
import { scoreCheckpoints } from './rules/checkpoints.ts';
import { scoreCountRatio } from './rules/count-ratio.ts';
import type { CriterionContext } from './rules/criterion-context.ts';
import { scoreLinearRatio } from './rules/linear-ratio.ts';
import { scoreManual } from './rules/manual.ts';
import { scorePerItemDeduction } from './rules/per-item-deduction.ts';
import { scoreReviewDifference } from './rules/review-difference.ts';
import { scoreTieredDeduction } from './rules/tiered-deduction.ts';
import type { CriterionOutcome } from './types.ts';

function run(rule: CriterionRule, ctx: CriterionContext): CriterionOutcome {
  switch (rule.kind) {
    case 'tiered-deduction':
      return scoreTieredDeduction(rule, ctx);
    case 'bands':
      return scoreBands(rule, ctx);
    case 'linear-ratio':
      return scoreLinearRatio(rule, ctx);
    case 'checkpoints':
      return scoreCheckpoints(rule, ctx);
    case 'per-item-deduction':
      return scorePerItemDeduction(rule, ctx);
    case 'count-ratio':
      return scoreCountRatio(rule, ctx);
    case 'review-difference':
      return scoreReviewDifference(rule, ctx);
    case 'adjustment-cases':
      return scoreAdjustmentCases(rule, ctx);
    case 'binary':
      return scoreBinary(rule, ctx);
    case 'manual':
      return scoreManual(rule, ctx);
  }
}

/** Scores a 部门整体 计分标准 row by its framework formula over `evaluation.inputs`. */
export function scoreCriterion(
  e: Evaluation,
  f: Framework,
  i: Indicator,
  rule: CriterionRule,
  base: Pick<IndicatorScore, 'indicatorId' | 'weight' | 'effectiveWeight' | 'stated'>,
  weight: Dec,
  stated: Dec | null,
  related: readonly Evaluation[] = [],
): ScoredIndicator {
  const o = run(rule, {
    inputs: e.inputs,
    weight,
    decimals: f.decimals,
    // Rows of this evaluation, then the indicators of the document's project evaluations.
    indicators: [
      ...e.indicators,
      ...related.filter((r) => r.kind === 'project' && r !== e).flatMap((r) => r.indicators),
    ],
    statedTotal: e.statedTotal,
  });
  // A row whose 分值 differs from the framework's criterion is scored on the row's own 分值; say so.
  const differs = i.weight?.value != null && !new D(i.weight.value).eq(rule.weight);
  const explanation = {
    rule: rule.id,
    summary: `${rule.title ?? rule.criterion}：${o.summary}${differs ? `（表中分值 ${i.weight!.raw} 与评分框架规定的 ${rule.weight} 分不同）` : ''}`,
    inputs: { ...o.inputs, 框架分值: rule.weight },
    citation: citationText(f, rule.cite),
  };
  switch (o.outcome) {
    case 'scored': {
      const computed = round(o.score, f.decimals);
      return {
        score: {
          ...base,
          outcome: 'scored',
          computed: computed.toFixed(f.decimals),
          met: computed.gte(weight),
          explanation: { ...explanation, formula: o.formula },
        },
        contribution: computed,
      };
    }
    case 'not-judgeable':
      return {
        score: { ...base, outcome: 'not-judgeable', computed: null, met: null, explanation },
        contribution: null,
      };
    case 'not-applicable':
      return {
        score: {
          ...base,
          effectiveWeight: '0',
          outcome: 'not-applicable',
          computed: null,
          met: null,
          explanation,
        },
        contribution: null,
      };
    case 'manual': {
      const [lo, hi] = o.range;
      const inRange = stated !== null && stated.gte(lo) && stated.lte(hi);
      return {
        score: {
          ...base,
          outcome: 'manual',
          computed: null,
          met: null,
          allowedRange: [lo.toFixed(f.decimals), hi.toFixed(f.decimals)],
          explanation,
        },
        contribution: inRange ? stated : null,
      };
    }
  }
}
