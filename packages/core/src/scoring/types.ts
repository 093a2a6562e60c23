import type { Dec } from '../numbers/decimal.ts';

/** A quantitative 三级 indicator reduced to numbers: 指标值, 完成值, 分值, and the framework's rounding. */
export interface QuantInput {
  target: Dec;
  actual: Dec;
  weight: Dec;
  decimals: number;
}

/** What a rule gives: the score, whether the target was met, and the arithmetic written out. */
export interface RuleOutcome {
  score: Dec;
  met: boolean;
  summary: string;
  formula: string;
}

/** A criterion formula's result: scored, or not judgeable for want of named inputs. */
export type CriterionOutcome =
  | { outcome: 'scored'; score: Dec; summary: string; formula: string; inputs: Record<string, string> }
  | { outcome: 'not-judgeable'; missing: string[]; summary: string; inputs: Record<string, string> }
  | { outcome: 'not-applicable'; summary: string; inputs: Record<string, string> }
  | { outcome: 'manual'; range: [Dec, Dec]; summary: string; inputs: Record<string, string> };
