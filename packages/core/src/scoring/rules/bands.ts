import type { RuleOf } from '../../frameworks/schema.ts';
import { D, round, type Dec } from '../../numbers/decimal.ts';
import type { CriterionOutcome } from '../types.ts';
import type { CriterionContext } from './criterion-context.ts';
import { InputReader } from './inputs.ts';
import { n } from './show.ts';

/** 分档计分: the band [min, max) the value falls in gives the score (重点支出安排率 ≥90% → 5, 80–90% → 4 …). */
export function scoreBands(rule: RuleOf<'bands'>, ctx: CriterionContext): CriterionOutcome {
  const r = new InputReader(ctx.inputs);
  let value: Dec | null = null;
  let formula = '';
  if (rule.input) {
    value = r.num(rule.input);
    if (value !== null) formula = `${rule.input} = ${n(value)}`;
  } else if (rule.deviation) {
    const actual = r.num(rule.deviation.actual);
    const planned = r.num(rule.deviation.planned);
    if (planned?.isZero()) {
      return {
        outcome: 'not-judgeable',
        missing: [rule.deviation.planned],
        summary: `${rule.deviation.planned}为 0，无法计算偏差`,
        inputs: r.shown,
      };
    }
    if (actual !== null && planned !== null) {
      value = round(actual.minus(planned).abs().div(planned).times(100), 4);
      formula = `|${n(actual)} − ${n(planned)}| ÷ ${n(planned)} = ${n(round(value, 2))}%`;
    }
  }
  if (value === null) return r.notJudgeable(rule.criterion);
  const band = rule.bands.find((b) => value.gte(b.min) && (b.max === undefined || value.lt(b.max)));
  if (!band) {
    return {
      outcome: 'scored',
      score: new D(0),
      summary: `${rule.criterion}：${n(value)} 不在任何计分档内，不得分`,
      formula: `${formula} → 0`,
      inputs: r.shown,
    };
  }
  const score = D.min(new D(band.score), ctx.weight);
  return {
    outcome: 'scored',
    score,
    summary: `${rule.criterion}：${n(value)} 落在 [${band.min}, ${band.max ?? '∞'}) 档，得 ${n(score)} 分`,
    formula: `${formula} ∈ [${band.min}, ${band.max ?? '∞'}) → ${n(score)}`,
    inputs: r.shown,
  };
}
