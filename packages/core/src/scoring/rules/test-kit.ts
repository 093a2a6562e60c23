import type { Indicator } from '../../model/evaluation.ts';
import { parseStated } from '../../numbers/parse.ts';
import { D } from '../../numbers/decimal.ts';
import type { CriterionContext } from './criterion-context.ts';

/** A criterion context from written inputs, for the rule tests. */
export function ctxOf(
  weight: string,
  inputs: Record<string, string>,
  extra: { indicators?: Indicator[]; statedTotal?: string } = {},
): CriterionContext {
  return {
    inputs: Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, parseStated(v)])),
    weight: new D(weight),
    decimals: 2,
    indicators: extra.indicators ?? [],
    statedTotal: extra.statedTotal !== undefined ? parseStated(extra.statedTotal) : undefined,
  };
}

export const base = { cite: 'x', aliases: [], category: '部门预算管理' };
