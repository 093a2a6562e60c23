import type { Indicator } from '../../model/evaluation.ts';
import type { Stated } from '../../model/stated.ts';
import type { Dec } from '../../numbers/decimal.ts';

/** What a 部门整体 criterion formula sees. */
export interface CriterionContext {
  inputs: Record<string, Stated>;
  /** 分值 of the criterion. */
  weight: Dec;
  decimals: number;
  /** The evaluation's indicator rows (count-ratio counts them). */
  indicators: readonly Indicator[];
  /** 自评得分 of the whole evaluation, for review-difference when no self-score input is given. */
  statedTotal?: Stated | undefined;
}
