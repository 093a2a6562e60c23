import type { Finding } from '../../model/finding.ts';
import type { Stated } from '../../model/stated.ts';
import { D, sum, type Dec } from '../../numbers/decimal.ts';
import { compareWithRounding } from '../../numbers/tolerance.ts';
import type { AuditContext } from '../context.ts';
import { shortByMissingCategories } from './weights.ts';
import { finding, show, startsMidTable } from '../finding-kit.ts';

/** Integer scores are exact counts; only written decimals carry rounding. */
function scoreDecimals(decimals: number[]): number[] {
  return decimals.filter((d) => d > 0);
}

function numbers(
  values: Array<Stated | undefined>,
): { total: Dec; decimals: number[]; raws: string[] } | null {
  if (values.some((v) => !v || v.value === null)) return null;
  return {
    total: sum(values.map((v) => new D(v!.value!))),
    decimals: values.map((v) => v!.decimals),
    raws: values.map((v) => v!.raw),
  };
}

/**
 * 合计得分 and 合计分值: the stated total must be the sum of what the table itself states (budget execution
 * plus every indicator), and each stated 一级 subtotal the sum of its indicators. This is arithmetic on the
 * document's own numbers; whether those numbers follow the framework is rule-deviation's business.
 */
export function checkScoreSums(ctx: AuditContext): Finding[] {
  const { evaluation } = ctx;
  const out: Finding[] = [];
  const scored = evaluation.indicators.filter((i) => !i.notApplicable);
  const budgetLine = evaluation.budget.find((l) => l.statedScore && l.statedScore.value !== null);
  if (evaluation.cutOff || startsMidTable(evaluation) || !scored.length) return out;

  const total = evaluation.statedTotal;
  const parts = numbers([
    ...(budgetLine ? [budgetLine.statedScore] : []),
    ...scored.map((i) => i.statedScore),
  ]);
  if (total && total.value !== null && parts) {
    const cmp = compareWithRounding(
      new D(total.value),
      total.decimals,
      parts.total,
      scoreDecimals(parts.decimals),
    );
    const exactTotal =
      total.decimals === 0 && scoreDecimals(parts.decimals).length === 0 && !cmp.difference.isZero();
    if (exactTotal || cmp.verdict === 'beyond-rounding' || cmp.verdict === 'truncation') {
      out.push(
        finding({
          code: 'sum-mismatch',
          severity: 'error',
          message: `合计得分填报 ${total.raw} 分，但表中各项得分相加为 ${show(parts.total)} 分。请逐项核对得分。`,
          evaluation,
          source: total.source,
          evidence: {
            stated: total.raw,
            computed: show(parts.total),
            formula: `${parts.raws.join(' + ')} = ${show(parts.total)}`,
            rounding: 'beyond-rounding',
          },
          rule: 'audit.score-sum',
        }),
      );
    }
  }

  const weightTotal = evaluation.statedWeightTotal;
  const weights = numbers([...(budgetLine ? [budgetLine.weight] : []), ...scored.map((i) => i.weight)]);
  // 合计 100 beside rows of 90 where the framework's 10-point 一级 is absent from the table is that category's
  // absence, which the weights check reports once; not a second finding here.
  const missingOnly =
    weightTotal?.value != null &&
    new D(weightTotal.value).eq(ctx.score.expectedWeightTotal ?? '100') &&
    weights !== null &&
    shortByMissingCategories(ctx.score, weights.total);
  if (
    weightTotal &&
    weightTotal.value !== null &&
    weights &&
    !weights.total.eq(weightTotal.value) &&
    !missingOnly
  ) {
    out.push(
      finding({
        code: 'sum-mismatch',
        severity: 'error',
        message: `合计分值填报 ${weightTotal.raw}，但各项分值相加为 ${show(weights.total)}。`,
        evaluation,
        source: weightTotal.source,
        evidence: {
          stated: weightTotal.raw,
          computed: show(weights.total),
          formula: `${weights.raws.join(' + ')} = ${show(weights.total)}`,
        },
        rule: 'audit.weight-sum',
      }),
    );
  }

  for (const category of evaluation.categoryScores) {
    const members = scored.filter((i) => i.level1 === category.level1 || category.level1.includes(i.level1));
    if (!members.length) continue;
    for (const [field, name] of [
      ['statedScore', '得分'],
      ['weight', '分值'],
    ] as const) {
      const stated = category[field];
      const sums = numbers(members.map((i) => i[field]));
      if (!stated || stated.value === null || !sums) continue;
      const all = [stated.decimals, ...sums.decimals];
      const cmp = compareWithRounding(
        new D(stated.value),
        stated.decimals,
        sums.total,
        scoreDecimals(sums.decimals),
      );
      const exact = all.every((d) => d === 0);
      if (exact ? cmp.difference.isZero() : cmp.verdict !== 'beyond-rounding' && cmp.verdict !== 'truncation')
        continue;
      out.push(
        finding({
          code: 'sum-mismatch',
          severity: 'error',
          message: `一级指标「${category.level1}」总${name}填报 ${stated.raw}，但其下三级指标${name}相加为 ${show(sums.total)}。`,
          evaluation,
          source: stated.source ?? category.source,
          evidence: { stated: stated.raw, computed: show(sums.total), formula: `${sums.raws.join(' + ')}` },
          rule: 'audit.category-sum',
        }),
      );
    }
  }
  return out;
}
