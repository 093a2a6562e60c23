import type { RuleOf } from '../../frameworks/schema.ts';
import { D, round, type Dec } from '../../numbers/decimal.ts';
import { n } from './show.ts';

type OverRule = RuleOf<'over-achievement'>;

export interface OverAchievement {
  /** 完成值 ÷ 指标值, as a decimal string ("1.5"); "∞" for a zero target. */
  ratio: string;
  kind: 'explain' | 'penalty' | 'void';
  effect: string;
  /** The score after the rule (unchanged for explain). */
  score: Dec;
  formula: string;
}

/**
 * 超额完成: whether the actual exceeds the target by the framework's threshold (130% by default;
 * with a zero target, an actual at or above `zeroTargetActual`), and what follows:
 * explain → a reason is required, score unchanged; penalty → points off; void → scores 0.
 */
export function applyOverAchievement(
  rule: OverRule,
  target: Dec,
  actual: Dec,
  score: Dec,
  decimals: number,
  /** 偏差原因 written beside the indicator, if any. */
  reason?: string,
): OverAchievement | null {
  let ratio: string;
  let triggered: boolean;
  if (target.isZero()) {
    ratio = '∞';
    triggered = rule.zeroTargetActual !== undefined && actual.gte(rule.zeroTargetActual);
  } else {
    const r = actual.div(target);
    ratio = round(r, 4).toFixed();
    triggered = r.gte(rule.ratio);
  }
  if (!triggered) return null;
  const pct = `${n(new D(rule.ratio).times(100))}%`;
  const what = target.isZero()
    ? `指标值为 0，完成值 ${n(actual)} ≥ ${rule.zeroTargetActual}`
    : `完成值 ${n(actual)} 达到指标值 ${n(target)} 的 ${pct} 及以上`;
  switch (rule.mode) {
    case 'explain':
      return {
        ratio,
        kind: 'explain',
        effect: reason?.trim() ? `${what}，须说明超额原因（已填写）` : `${what}，须说明超额原因（未填写）`,
        score,
        formula: `${n(actual)} ÷ ${n(target)} ≥ ${rule.ratio}`,
      };
    case 'penalty': {
      const penalty = new D(rule.penalty ?? 0);
      const after = D.max(0, round(score.minus(penalty), decimals));
      return {
        ratio,
        kind: 'penalty',
        effect: `${what}，视为偏离目标，扣 ${n(penalty)} 分`,
        score: after,
        formula: `${n(score)} − ${n(penalty)} = ${n(after)}`,
      };
    }
    case 'void':
      return {
        ratio,
        kind: 'void',
        effect: `${what}，该指标不计分`,
        score: new D(0),
        formula: `超过指标值 ${pct} → 0`,
      };
  }
}
