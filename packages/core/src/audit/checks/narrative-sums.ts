import type { EvaluationDocument, NarrativeStatement } from '../../model/evaluation.ts';
import type { Finding } from '../../model/finding.ts';
import { D, sum } from '../../numbers/decimal.ts';
import { compareWithRounding } from '../../numbers/tolerance.ts';
import { finding, show, amountDecimals } from '../finding-kit.ts';

const CHANGE = /较上年|上年|同比|增加|减少|下降|增长|上升|节约|超出|调增|调减/;
/** A shortfall this small against the whole looks like a slip of the pen, not a partial list. */
const SLIP = new D('0.005');

function isAmount(s: NarrativeStatement): boolean {
  return s.value.value !== null && !s.value.percent && /元/.test(s.value.unit ?? '') && !s.value.approximate;
}

/**
 * 其中: "支出合计2,661.83万元,其中:基本支出1,616.31万元、项目支出1,045.50万元". Parts listed after 其中 that
 * miss their whole by a hair (less than 0.5%, beyond rounding) point at a typo in one of them. A list that
 * misses by more is taken as partial ("其中：公务用车购置支出0万元") or mixed, and left alone.
 */
export function checkNarrativeSums(doc: EvaluationDocument): Finding[] {
  const out: Finding[] = [];
  const sentences = new Map<string, NarrativeStatement[]>();
  for (const s of doc.statements) {
    const key = `${s.source?.line ?? ''}\u0000${s.text}`;
    sentences.set(key, [...(sentences.get(key) ?? []), s]);
  }
  for (const statements of sentences.values()) {
    const text = statements[0]!.text;
    const at = text.indexOf('其中');
    if (at < 0) continue;
    const before = statements.filter((s) => isAmount(s) && text.indexOf(s.value.raw) < at);
    const whole = before[before.length - 1];
    if (!whole || CHANGE.test(whole.subject) || whole.qualifiers.some((q) => CHANGE.test(q))) continue;
    // Parts run to the end of the clause that 其中 opens (a full stop, or a closing bracket).
    const end = text.slice(at).search(/[。；;）)]/);
    const stop = end < 0 ? text.length : at + end;
    const parts = statements.filter((s) => {
      const pos = text.indexOf(s.value.raw, at);
      return (
        isAmount(s) &&
        pos > at &&
        pos < stop &&
        !CHANGE.test(s.subject) &&
        !s.qualifiers.some((q) => CHANGE.test(q))
      );
    });
    if (parts.length < 2) continue;
    const total = new D(whole.value.value!);
    const computed = sum(parts.map((p) => new D(p.value.value!)));
    const cmp = compareWithRounding(
      total,
      amountDecimals(whole.value),
      computed,
      parts.map((p) => amountDecimals(p.value)),
    );
    if (cmp.verdict === 'equal' || cmp.verdict === 'within-rounding') continue;
    // Far off either way, the list is partial or mixes kinds of figures (budget and execution side by
    // side, "预算金额为…，预算执行情况为…"); only a hair's difference is reported.
    const over = computed.gt(total);
    if (total.minus(computed).abs().gt(total.times(SLIP))) continue;
    out.push(
      finding({
        code: 'sum-mismatch',
        severity: over ? 'error' : 'warning',
        message: over
          ? `正文称「${whole.subject}」${whole.value.raw}，其中各项相加为 ${show(computed)} 万元，超过了总数。`
          : `正文称「${whole.subject}」${whole.value.raw}，其中各项相加为 ${show(computed)} 万元，差 ${show(total.minus(computed))} 万元，像是某一项数字写错了。`,
        source: whole.source,
        evidence: {
          stated: whole.value.raw,
          computed: show(computed),
          formula: `${parts.map((p) => p.value.raw).join(' + ')} = ${show(computed)}`,
          inputs: Object.fromEntries(parts.map((p) => [p.subject, p.value.raw])),
          text,
          rounding: 'beyond-rounding',
        },
        rule: 'audit.narrative-parts',
      }),
    );
  }
  return out;
}
