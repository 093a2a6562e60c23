import type { EvaluationDocument, NarrativeStatement } from '../../model/evaluation.ts';
import type { Finding } from '../../model/finding.ts';
import { D } from '../../numbers/decimal.ts';
import { compareWithRounding, ratioAllowance } from '../../numbers/tolerance.ts';
import { finding, show } from '../finding-kit.ts';

const UP = /增加|增长|上升|提高/;
const DOWN = /减少|下降|降低/;

function isAmount(s: NarrativeStatement): boolean {
  return s.value.value !== null && !s.value.percent && !s.value.approximate && /元/.test(s.value.unit ?? '');
}
function isChange(s: NarrativeStatement): boolean {
  return UP.test(s.subject) || DOWN.test(s.subject);
}

/**
 * 同比变动: "总支出2,661.83万元,较上年增加578.14万元,增长27.75%". Last year's figure is this year's minus the
 * increase (plus the decrease); the stated rate must be the change over it. Only a sentence that states
 * all three is checked.
 */
export function checkNarrativeChanges(doc: EvaluationDocument): Finding[] {
  const out: Finding[] = [];
  const sentences = new Map<string, NarrativeStatement[]>();
  for (const s of doc.statements) {
    const key = `${s.source?.line ?? ''}\u0000${s.text}`;
    sentences.set(key, [...(sentences.get(key) ?? []), s]);
  }
  for (const list of sentences.values()) {
    for (let k = 0; k + 2 < list.length; k++) {
      const [now, delta, rate] = [list[k]!, list[k + 1]!, list[k + 2]!];
      if (!isAmount(now) || isChange(now) || !isAmount(delta) || !isChange(delta)) continue;
      if (!rate.value.percent || rate.value.value === null || !isChange(rate)) continue;
      const down = DOWN.test(delta.subject);
      if (down !== DOWN.test(rate.subject)) continue; // "增加…，下降…" is two different things
      const current = new D(now.value.value!);
      const change = new D(delta.value.value!);
      // "较预算支出39.10万元,减少26.25万元,下降67.14%": the figure named after 较 is the base itself.
      const isBase = /较/.test(now.subject);
      const previous = isBase ? current : down ? current.plus(change) : current.minus(change);
      if (previous.lte(0)) continue;
      const computed = change.div(previous).times(100);
      const decimals = Math.max(now.value.decimals, delta.value.decimals);
      const allowance = ratioAllowance(change, delta.value.decimals, previous, decimals);
      const v = compareWithRounding(
        new D(rate.value.value),
        rate.value.decimals,
        computed,
        [],
        allowance,
      ).verdict;
      if (v === 'equal' || v === 'within-rounding') continue;
      out.push(
        finding({
          code: 'ratio-mismatch',
          severity: computed.minus(rate.value.value).abs().gte(1) ? 'error' : 'warning',
          message: `正文称「${now.subject}」${now.value.raw}，${down ? '减少' : '增加'} ${delta.value.raw}，${down ? '下降' : '增长'} ${rate.value.raw}；按比较基数 ${show(previous)} 万元计算应为 ${show(computed)}%。`,
          source: rate.source,
          evidence: {
            stated: rate.value.raw,
            computed: `${show(computed)}%`,
            formula: isBase
              ? `${delta.value.raw} ÷ ${now.value.raw} × 100% = ${show(computed, 4)}%`
              : `${delta.value.raw} ÷ (${now.value.raw} ${down ? '+' : '−'} ${delta.value.raw}) × 100% = ${show(computed, 4)}%`,
            inputs: { 本年: now.value.raw, 变动: delta.value.raw },
            text: now.text,
            rounding: 'beyond-rounding',
          },
          rule: 'audit.narrative-change',
        }),
      );
    }
  }
  return out;
}
