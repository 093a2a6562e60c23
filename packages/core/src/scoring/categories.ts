import { sameName } from '../frameworks/names.ts';
import type { Framework } from '../frameworks/schema.ts';
import type { Evaluation } from '../model/evaluation.ts';
import type { BudgetExecutionScore, CategoryTotal } from '../model/result.ts';
import { D, type Dec } from '../numbers/decimal.ts';
import type { ScoredIndicator } from './indicator.ts';
import { n } from './rules/show.ts';

function sumOrNull(values: Array<Dec | null>): Dec | null {
  if (values.some((v) => v === null)) return null;
  return values.reduce<Dec>((acc, v) => acc.plus(v!), new D(0));
}

/**
 * 一级 subtotals: each framework category (with the weight it expects, so the audit can report
 * weights that do not add up) and each 一级 the document uses that the framework does not name.
 */
export function categoryTotals(
  e: Evaluation,
  f: Framework,
  scored: readonly ScoredIndicator[],
  budget: { score: BudgetExecutionScore; weight: Dec | null } | undefined,
  decimals: number,
): CategoryTotal[] {
  if (!e.indicators.length) return [];
  const pairs = e.indicators.map((ind, k) => ({ ind, s: scored[k]! }));
  const claimed = new Set<number>();
  const out: CategoryTotal[] = [];
  const statedFor = (name: string, aliases: string[]) =>
    e.categoryScores.find((c) => sameName(c.level1, name, aliases))?.statedScore?.value ?? null;

  for (const c of f.categories) {
    if (c.budgetExecution) {
      out.push({
        level1: c.name,
        weight: budget?.weight ? n(budget.weight) : '0',
        ...(c.weight !== undefined ? { expectedWeight: c.weight } : {}),
        computed: budget?.score.computed ?? null,
        stated: budget?.score.stated ?? statedFor(c.name, c.aliases),
      });
      continue;
    }
    const members = pairs.filter(({ ind }, k) => {
      const hit = sameName(ind.level1, c.name, c.aliases);
      if (hit) claimed.add(k);
      return hit;
    });
    if (!members.length && c.weight === undefined) continue;
    out.push(subtotal(c.name, members, statedFor(c.name, c.aliases), c.weight, decimals));
  }
  const rest = new Map<string, typeof pairs>();
  pairs.forEach((p, k) => {
    if (claimed.has(k)) return;
    const key = p.ind.level1.trim();
    rest.set(key, [...(rest.get(key) ?? []), p]);
  });
  for (const [level1, members] of rest) {
    out.push(subtotal(level1, members, statedFor(level1, []), undefined, decimals));
  }
  return out;
}

function subtotal(
  level1: string,
  members: Array<{ ind: Evaluation['indicators'][number]; s: ScoredIndicator }>,
  statedCategory: string | null,
  expectedWeight: string | undefined,
  decimals: number,
): CategoryTotal {
  const weight = members.reduce<Dec>((acc, { ind }) => acc.plus(ind.weight?.value ?? 0), new D(0));
  const counted = members.filter(({ s }) => s.score.outcome !== 'not-applicable');
  const computed = sumOrNull(counted.map(({ s }) => s.contribution));
  const statedSum = sumOrNull(
    members.map(({ ind }) => (ind.statedScore?.value != null ? new D(ind.statedScore.value) : null)),
  );
  return {
    level1,
    weight: n(weight),
    ...(expectedWeight !== undefined ? { expectedWeight } : {}),
    computed: counted.length && computed ? computed.toFixed(decimals) : null,
    stated: statedCategory ?? (members.length && statedSum ? n(statedSum) : null),
  };
}
