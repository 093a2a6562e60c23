import type { RuleOf } from '../../frameworks/schema.ts';
import { D, round, type Dec } from '../../numbers/decimal.ts';

type TiersRule = RuleOf<'qualitative-tiers'>;
export type Tier = TiersRule['tiers'][number];

/** Tiers best first (达成 → 部分达成 → 未达成). */
export function tiersBestFirst(rule: TiersRule): Tier[] {
  return [...rule.tiers].sort((a, b) => new D(b.min).cmp(a.min));
}

const fold = (s: string) => s.replace(/[\s\u3000“”"「」]/g, '');

/**
 * 定性指标: what the actual's wording says about the target. Same wording as the target
 * (科学 = 科学, 是 = 是), a known "achieved" word, or a tier's own name decide it; a blank actual
 * or an unknown wording leave it open (met null) — never guessed.
 */
export function judgeWording(
  targetRaw: string,
  actualRaw: string,
  rule: TiersRule,
): { met: boolean | null; tier: Tier | null } {
  const actual = fold(actualRaw);
  const tiers = tiersBestFirst(rule);
  if (!actual) return { met: null, tier: null };
  const named = tiers.find((t) => [t.label, ...t.aliases].some((w) => fold(w) === actual));
  if (named) return { met: named === tiers[0], tier: named };
  if (actual === fold(targetRaw) || rule.achievedWords.some((w) => fold(w) === actual)) {
    return { met: true, tier: tiers[0]! };
  }
  if (rule.partialWords.some((w) => fold(w) === actual)) return { met: false, tier: tiers[1] ?? tiers[0]! };
  if (rule.failedWords.some((w) => fold(w) === actual)) return { met: false, tier: tiers[tiers.length - 1]! };
  return { met: null, tier: null };
}

/** The tier a score falls in: lower bounds inclusive, the top tier closed at 100% of 分值. */
export function tierOfScore(score: Dec, weight: Dec, rule: TiersRule): Tier | null {
  if (weight.lte(0)) return null;
  const ratio = score.div(weight);
  const tiers = tiersBestFirst(rule);
  return (
    tiers.find(
      (t, i) =>
        ratio.gte(t.min) && (i === 0 ? ratio.lte(t.max ?? 1) : t.max === undefined || ratio.lt(t.max)),
    ) ?? null
  );
}

/**
 * Scores a tier allows, bounds rounded to the framework's decimals. An open upper bound ends one
 * unit of the last decimal below it: with 分值 1, 部分达成 [60%, 80%) allows 0.60–0.79.
 */
export function tierRange(tier: Tier, weight: Dec, decimals: number, rule: TiersRule): [Dec, Dec] {
  const top = tiersBestFirst(rule)[0] === tier;
  const lo = round(weight.times(tier.min), decimals);
  const rawHi = round(weight.times(tier.max ?? 1), decimals);
  const hi = top ? rawHi : rawHi.minus(new D(10).pow(-decimals));
  return [lo, D.max(lo, hi)];
}
