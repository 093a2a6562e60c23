import type { NarrativeStatement } from '../../model/evaluation.ts';
import type { Finding } from '../../model/finding.ts';
import { D, sum } from '../../numbers/decimal.ts';
import { compareWithRounding, ratioAllowance } from '../../numbers/tolerance.ts';
import type { EvaluationDocument } from '../../model/evaluation.ts';
import { finding, show } from '../finding-kit.ts';

function isAmount(s: NarrativeStatement): boolean {
  return s.value.value !== null && !s.value.percent && /元/.test(s.value.unit ?? '');
}
function isShare(s: NarrativeStatement): boolean {
  return s.value.value !== null && s.value.percent && /占/.test(s.text) && /占/.test(shareTail(s));
}
/** The words between the last 占 before the figure and the figure: "本年支出", "基本支出的", "". */
function shareTail(s: NarrativeStatement): string {
  const at = s.text.lastIndexOf(s.value.raw);
  const before = at >= 0 ? s.text.slice(0, at) : s.text;
  const k = before.lastIndexOf('占');
  return k >= 0 ? before.slice(k) : '';
}
function denominatorName(s: NarrativeStatement): string {
  return shareTail(s)
    .replace(/^占/, '')
    .replace(/的?(比重|比例)?(为|达)?$/, '')
    .replace(/的$/, '');
}

function ok(
  stated: NarrativeStatement,
  numerator: NarrativeStatement,
  denominator: NarrativeStatement,
): boolean {
  const n = new D(numerator.value.value!);
  const d = new D(denominator.value.value!);
  if (d.isZero()) return false;
  const computed = n.div(d).times(100);
  const allowance = ratioAllowance(n, numerator.value.decimals, d, denominator.value.decimals);
  const v = compareWithRounding(
    new D(stated.value.value!),
    stated.value.decimals,
    computed,
    [],
    allowance,
  ).verdict;
  return v === 'equal' || v === 'within-rounding';
}

/**
 * 占比: "项目支出286.74万元，占本年支出44.67%". The share must be the amount over its whole. The whole is
 * the amount the sentence names after 占, or else any larger amount stated earlier in the same paragraph;
 * only when no candidate gives the stated share is it reported, so a paragraph's many shares stay quiet
 * unless one is really wrong.
 */
export function checkNarrativeShares(doc: EvaluationDocument): Finding[] {
  const out: Finding[] = [];
  const byLine = new Map<number, NarrativeStatement[]>();
  for (const s of doc.statements) {
    const line = s.source?.line ?? -1;
    byLine.set(line, [...(byLine.get(line) ?? []), s]);
  }
  for (const statements of byLine.values()) {
    const shares = statements.filter(isShare);
    if (!shares.length) continue;
    for (const share of shares) {
      const k = statements.indexOf(share);
      const numerator = [...statements.slice(0, k)].reverse().find(isAmount);
      if (!numerator) continue;
      const n = new D(numerator.value.value!);
      const named = denominatorName(share);
      const earlier = statements.slice(0, statements.indexOf(numerator)).filter(isAmount);
      // Every share in this paragraph must fit inside its whole: the whole is at least their numerators' sum.
      const shareNumerators = shares
        .map((s) => [...statements.slice(0, statements.indexOf(s))].reverse().find(isAmount))
        .filter((x): x is NarrativeStatement => !!x);
      const floor = sum([...new Set(shareNumerators)].map((s) => new D(s.value.value!)));
      const candidates = earlier.filter(
        (c) => new D(c.value.value!).gte(floor) || (named && c.subject.includes(named)),
      );
      if (!candidates.length) continue;
      if (candidates.some((c) => ok(share, numerator, c))) continue;
      const whole = candidates.find((c) => named && c.subject.includes(named)) ?? candidates[0]!;
      const computed = n.div(whole.value.value!).times(100);
      const diff = computed.minus(share.value.value!).abs();
      // Shares forced to add to 100% (尾差调整) differ by one unit in the last place: say so, quietly.
      const sharesInLine = shares.map((s) => new D(s.value.value!));
      const adjusted =
        diff.lte(new D(10).pow(-share.value.decimals).times(1.5)) &&
        sum(sharesInLine).eq(100) &&
        shares.length > 1;
      out.push(
        finding({
          code: 'ratio-mismatch',
          severity: adjusted ? 'info' : diff.gte(1) ? 'error' : 'warning',
          message: adjusted
            ? `正文「${numerator.subject}」占比写为 ${share.value.raw}，按 ${numerator.value.raw} ÷ ${whole.value.raw} 计算为 ${show(computed)}%；这是为使各项占比合计为 100% 所作的尾差调整。`
            : `正文称「${numerator.subject}」${numerator.value.raw}，占${named || whole.subject} ${share.value.raw}，但 ${numerator.value.raw} ÷ ${whole.value.raw} = ${show(computed)}%。`,
          source: share.source,
          evidence: {
            stated: share.value.raw,
            computed: `${show(computed)}%`,
            formula: `${numerator.value.raw} ÷ ${whole.value.raw} × 100% = ${show(computed, 4)}%`,
            inputs: {
              分子: `${numerator.subject} ${numerator.value.raw}`,
              分母: `${whole.subject} ${whole.value.raw}`,
            },
            text: share.text,
            rounding: adjusted ? 'within-rounding' : 'beyond-rounding',
          },
          rule: 'audit.narrative-share',
        }),
      );
    }
  }
  return out;
}
