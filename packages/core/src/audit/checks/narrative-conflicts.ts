import type { EvaluationDocument, NarrativeStatement } from '../../model/evaluation.ts';
import type { Finding } from '../../model/finding.ts';
import { D } from '../../numbers/decimal.ts';
import { compareWithRounding } from '../../numbers/tolerance.ts';
import { finding } from '../finding-kit.ts';

/** Subjects too generic to tie two sentences to one fact. */
const GENERIC =
  /^(增长|下降|增加|减少|占|完成预算|上升|同比|共计|合计|其中|总计|达|为|约|近|比上年|较上年|人次|余|)$/;

function unitKind(s: NarrativeStatement): string {
  if (s.value.percent) return '%';
  return s.value.unit ?? '';
}

/** Words before a figure that change what it counts: 设定 139 条 is not 完成 131 条. */
const STAGE = /设定|计划|目标|完成|实际|未完成|到位|下达|批复/g;
/** A sentence about "this kind" or "this item" refers back to something named before it, not to one fact. */
const ANAPHORA = /该类|该项|此类|此项|上述/;

function stageOf(s: NarrativeStatement): string {
  const at = s.text.indexOf(s.value.raw);
  const before = at >= 0 ? s.text.slice(0, at) : '';
  return [...new Set(before.match(STAGE) ?? [])].sort().join('+');
}

/** "年末在册240人" and "目前在册225人" are both the number at the end of the period. */
const PERIOD_END = /^(?:截至年末|截至目前|年末|目前|现有|现|当前)/;

function keyOf(s: NarrativeStatement): string | null {
  const written = s.subject.replace(/\s/g, '');
  if (ANAPHORA.test(s.text.slice(0, Math.max(0, s.text.indexOf(s.value.raw))))) return null;
  const han = written.match(/\p{Script=Han}/gu)?.length ?? 0;
  if (han < 3 || GENERIC.test(written)) return null;
  if (s.value.value === null || s.value.approximate) return null;
  // Change figures ("较上年增加…") are about a difference, not the fact itself.
  if (s.qualifiers.some((q) => /较上年|同比|比上年/.test(q))) return null;
  const periodEnd = PERIOD_END.test(written) || s.qualifiers.includes('年末');
  const subject = written.replace(PERIOD_END, '');
  const qualifiers = [
    ...new Set([...s.qualifiers.filter((q) => q !== '年末'), ...(periodEnd ? ['期末'] : [])]),
  ];
  return [s.about ?? '', subject, qualifiers.sort().join('+'), stageOf(s), unitKind(s)].join('\u0000');
}

/**
 * 前后矛盾: one fact stated twice with two values — "全年列管社区矫正对象366人" here, "337人" there. Facts
 * are matched on subject, qualifiers, unit and the project they are about; approximate figures and
 * changes are left out, so the same wording with a different meaning is not reported.
 */
export function checkNarrativeConflicts(doc: EvaluationDocument): Finding[] {
  const groups = new Map<string, NarrativeStatement[]>();
  for (const s of doc.statements) {
    const key = keyOf(s);
    if (key) groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const out: Finding[] = [];
  for (const group of groups.values()) {
    // One subject several times in one paragraph is an enumeration ("基本支出…预算执行情况为1519.17万元，
    // 项目支出…预算执行情况为58.81万元"), not two claims about one fact: only lines naming it once count.
    const perLine = new Map<number | undefined, number>();
    for (const s of group) perLine.set(s.source?.line, (perLine.get(s.source?.line) ?? 0) + 1);
    const statements = group.filter((s) => perLine.get(s.source?.line) === 1);
    const distinct: NarrativeStatement[] = [];
    for (const s of statements) {
      const same = distinct.find((d) => {
        const v = compareWithRounding(new D(d.value.value!), d.value.decimals, new D(s.value.value!), [
          s.value.decimals,
        ]).verdict;
        return v === 'equal' || v === 'within-rounding';
      });
      if (!same) distinct.push(s);
    }
    // Two or three values for one fact is a contradiction; a dozen is a list of different things under
    // one generic heading ("支出决算为…" for every 科目).
    if (distinct.length < 2 || distinct.length > 3) continue;
    const [first, ...rest] = distinct;
    const count = (s: NarrativeStatement) =>
      statements.filter((x) => x.value.value !== null && new D(x.value.value).eq(s.value.value!)).length;
    out.push(
      finding({
        code: 'narrative-conflict',
        severity: 'error',
        message: `报告对「${first!.subject}」${first!.about ? `（${first!.about}）` : ''}前后说法不一：${distinct
          .map(
            (s) =>
              `${s.value.raw}（第 ${s.source?.line ?? '?'} 行${count(s) > 1 ? `等 ${count(s)} 处` : ''}）`,
          )
          .join('，')}。请核实并统一。`,
        source: first!.source,
        evidence: {
          stated: first!.value.raw,
          computed: rest.map((s) => s.value.raw).join(', '),
          text: first!.text,
          ...(first!.about ? { about: first!.about } : {}),
          others: rest.map((s) => ({ value: s.value.raw, location: s.source ?? {}, text: s.text })),
        },
        rule: 'audit.narrative-same-fact',
      }),
    );
  }
  return out;
}
