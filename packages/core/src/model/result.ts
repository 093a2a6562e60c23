import type { Evaluation } from './evaluation.ts';
import type { Finding } from './finding.ts';

/** One step of a formula: the part with input names, the same with the figures, and its result. */
export interface ExplanationStep {
  formula: string;
  shown: string;
  result: string;
}

/**
 * How a score came about: the rule, its inputs, the formula written out, and the clause of
 * the framework it comes from. Every computed figure carries one.
 */
export interface Explanation {
  /** Rule id within the framework, e.g. "indicator.reverse-linear". */
  rule: string;
  /** Chinese one-liner: "完成值 0.25% 高于指标值 0.02%，按反向指标公式计分". */
  summary: string;
  /** The arithmetic with the actual numbers: "(1 − (0.25 − 0.02) ÷ 0.02) × 10 = 0 (不低于 0)". */
  formula?: string;
  inputs: Record<string, string>;
  /**
   * Every step of the framework's formula as it was evaluated, the last one the arithmetic:
   * {formula: "分值 × 执行率", shown: "20 × 86%", result: "17.2"}; a decision's result is 成立 / 不成立.
   */
  steps?: ExplanationStep[];
  /** Where the rule is written: "种子 001 附表注 3", "财预〔2020〕10号 附件1". */
  citation: string;
}

/**
 * 计分结果 of one outcome kind:
 * - scored: a computed score;
 * - not-judgeable: the input needed is blank or not a number (完成值为空, 完成值为文字) — never a zero;
 * - not-applicable: the indicator is marked 不适用 and dropped;
 * - manual: the framework leaves it to judgement (酌情扣分); only bounds can be checked.
 */
export type ScoreOutcome = 'scored' | 'not-judgeable' | 'not-applicable' | 'manual';

export interface IndicatorScore {
  indicatorId: string;
  outcome: ScoreOutcome;
  /** Computed score, decimal string rounded per the framework; null unless outcome is scored. */
  computed: string | null;
  /** Weight as stated (分值). */
  weight: string | null;
  /** Weight after 不适用 re-normalisation (equals weight when nothing was dropped). */
  effectiveWeight: string | null;
  /** Stated score (得分) as read. */
  stated: string | null;
  /**
   * Whether the actual meets the target: true, false, or null when that cannot be judged
   * (blank or textual actual, qualitative wording not in the closed tier list).
   */
  met: boolean | null;
  /** Allowed score range for manual / qualitative tiers: [min, max] as decimal strings. */
  allowedRange?: [string, string];
  /** Qualitative tier the stated score falls in, when the framework has tiers. */
  tier?: string;
  /** Over-achievement (超额) as the framework treats it. */
  overAchievement?: { ratio: string; kind: 'explain' | 'penalty' | 'void'; effect: string };
  explanation: Explanation;
}

export interface BudgetExecutionScore {
  /** 执行率 recomputed from 执行数 ÷ 全年预算数, in percent; null when not computable. */
  rate: string | null;
  /** Rate as used for scoring (stated rate when it cannot be recomputed). */
  rateUsed: string | null;
  weight: string | null;
  computed: string | null;
  stated: string | null;
  outcome: ScoreOutcome;
  explanation: Explanation;
}

export interface CategoryTotal {
  level1: string;
  /** Σ of its indicators' weights */
  weight: string;
  /** Weight the framework expects for this 一级 (when it fixes one). */
  expectedWeight?: string;
  computed: string | null;
  stated: string | null;
}

/** A cap applied to the total (执行率 caps, a framework's self-evaluation maximum). */
export interface TotalCap {
  rule: string;
  max: string;
  before: string;
  explanation: Explanation;
}

export interface ScoreResult {
  frameworkId: string;
  /** The framework version the score was computed under; recorded with the result forever. */
  frameworkVersion: string;
  frameworkName: string;
  /** How the framework was chosen. */
  frameworkChosenBy: 'named' | 'detected' | 'default';
  /** The framework's maximum total for this kind of evaluation (e.g. 100, or 90 for a self-score). */
  maxTotal: string;
  budgetExecution?: BudgetExecutionScore;
  indicators: IndicatorScore[];
  categories: CategoryTotal[];
  /** Σ weights of budget execution + indicators */
  weightTotal: string;
  /** What the weights must add up to under the framework (usually 100, even where the self-score maximum is 90). */
  expectedWeightTotal?: string;
  /** Whether the framework lets a department adjust 一级 weights (seed 001: all but 预算执行率). */
  weightsAdjustable?: boolean;
  /** Computed total; null when nothing at all could be scored. */
  computedTotal: string | null;
  /** True when some part could not be judged: the total is then a lower bound, not a verdict. */
  totalIncomplete: boolean;
  caps: TotalCap[];
  computedGrade: string | null;
  /** Grade band of the stated total (for 等级 checks against the document's own number). */
  gradeOfStatedTotal: string | null;
  statedTotal: string | null;
  statedGrade: string | null;
  /** Grade labels the framework knows, best first, with their lower bounds. */
  grades: Array<{ label: string; min: string; aliases: string[]; consequence?: string }>;
  /** What the computed grade means for the budget under the framework (预算压减 5%–10% …). */
  gradeConsequence?: string;
  explanation: Explanation;
}

/** What core returns for one evaluation: its scores and its findings, each with evidence. */
export interface EvaluationResult {
  evaluation: Evaluation;
  score: ScoreResult;
  findings: Finding[];
}
