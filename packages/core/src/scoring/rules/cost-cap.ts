import type { RuleOf } from '../../frameworks/schema.ts';
import { sameName } from '../../frameworks/names.ts';
import type { Indicator } from '../../model/evaluation.ts';
import { D, type Dec } from '../../numbers/decimal.ts';

/**
 * 成本指标封顶 (山西 variant): a project with no 成本指标 may score at most `max` of the cost
 * dimension's `weight`, so the total loses the difference. Null when cost indicators exist.
 */
export function costCap(
  rule: RuleOf<'cost-cap'>,
  indicators: readonly Indicator[],
  maxTotal: Dec,
): { cap: Dec; summary: string } | null {
  const hasCost = indicators.some((i) =>
    rule.names.some((name) => sameName(i.level1, name) || sameName(i.level2, name)),
  );
  if (hasCost) return null;
  const lost = new D(rule.weight).minus(rule.max);
  return {
    cap: maxTotal.minus(lost),
    summary: `未设置成本指标，成本方面最多得 ${rule.max} 分（满分 ${rule.weight}），总分不超过 ${maxTotal.minus(lost).toFixed()}`,
  };
}
