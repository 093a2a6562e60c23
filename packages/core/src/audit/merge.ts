import type { Finding } from '../model/finding.ts';
import { D } from '../numbers/decimal.ts';
import { parseStated } from '../numbers/parse.ts';

const valueOf = (raw: string) => parseStated(raw).value;

/** A computed figure in the style of the stated one it is set against (1,045.52万元, not 1045.52). */
function like(stated: string, computed: string): string {
  const grouped = stated.includes(',') ? computed.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : computed;
  const unit = /万元$/.test(stated) ? '万元' : '';
  return `${grouped}${unit}`;
}

/**
 * Findings that say the same thing become one (seed 004: 1,045.50 against 1,045.52 is a conflict,
 * and 1,616.31 + 1,045.50 missing 2,661.83 by 0.02 is the same slip seen from the sum). A sum whose
 * parts include one side of a conflict, and that adds up exactly with the other side, is folded
 * into the conflict: the conflict names the sum as further evidence and the sum is not repeated.
 */
export function mergeSameFindings(findings: Finding[]): Finding[] {
  const conflicts = findings.filter((f) => f.code === 'narrative-conflict');
  const dropped = new Set<Finding>();
  for (const s of findings) {
    if (s.code !== 'sum-mismatch' || !s.evidence.inputs || !s.evidence.stated) continue;
    const total = valueOf(s.evidence.stated);
    const computed = s.evidence.computed ? valueOf(s.evidence.computed) : null;
    if (total === null || computed === null) continue;
    for (const c of conflicts) {
      const sides = [c.evidence.stated, ...(c.evidence.others ?? []).map((o) => o.value)].filter(
        (x): x is string => typeof x === 'string',
      );
      const part = Object.values(s.evidence.inputs).find((raw) => sides.includes(raw));
      if (!part) continue;
      const partValue = valueOf(part);
      const alternative = sides.find((x) => x !== part && valueOf(x) !== null);
      if (partValue === null || !alternative) continue;
      const fixed = new D(computed).minus(partValue).plus(valueOf(alternative)!);
      if (!fixed.eq(total)) continue;
      c.message = `${c.message}另：正文「${s.evidence.stated}」的各项中用了 ${part}，相加为 ${like(s.evidence.stated, s.evidence.computed ?? '')}；若按 ${alternative} 计，正好等于 ${s.evidence.stated}。`;
      c.evidence = {
        ...c.evidence,
        sum: { stated: s.evidence.stated, formula: s.evidence.formula, text: s.evidence.text },
      };
      dropped.add(s);
      break;
    }
  }
  return findings.filter((f) => !dropped.has(f));
}
