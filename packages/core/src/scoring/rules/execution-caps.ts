import type { RuleOf } from '../../frameworks/schema.ts';
import { D, type Dec } from '../../numbers/decimal.ts';

/** 执行率封顶: the highest total allowed at this execution rate (percent), or null when no band applies. */
export function executionCap(rule: RuleOf<'execution-caps'>, ratePercent: Dec): Dec | null {
  const band = rule.bands.find(
    (b) => ratePercent.gte(b.min) && (b.max === undefined || ratePercent.lt(b.max)),
  );
  return band ? new D(band.cap) : null;
}
