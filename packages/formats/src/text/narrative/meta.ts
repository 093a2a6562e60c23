import type { Paragraph } from './paragraphs.ts';

const TITLE = /(?:报告|总结)(?:[（(][^）)]{1,8}[)）])?$/;
const ORG =
  /((?:[\p{Script=Han}]{2}[省市州盟])?[\p{Script=Han}]{2}[市州县区旗盟])([\p{Script=Han}]{1,6}?局)/gu;

/** A report title: a short line ending in 报告/总结, with the body's name when it stands on the line above. */
export function findTitle(paragraphs: Paragraph[]): { title: string; index: number } | undefined {
  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i]!;
    if (p.text.length > 60 || /^附/.test(p.text) || /[，,。；;]/.test(p.text) || !TITLE.test(p.text))
      continue;
    const prev = paragraphs[i - 1];
    if (prev && prev.titleLike && prev.text.length <= 20 && /(局|厅|委|院|办|中心|所|处)$/.test(prev.text)) {
      return { title: `${prev.text}${p.text}`, index: i };
    }
    return { title: p.text, index: i };
  }
  return undefined;
}

/** 年度: the title's year, else the year most often written "20xx年度" in the prose. */
export function findYear(title: string | undefined, paragraphs: Paragraph[]): number | undefined {
  const inTitle = title ? /((?:19|20)\d\d)年/.exec(title) : null;
  if (inTitle) return Number(inTitle[1]);
  const counts = new Map<string, number>();
  for (const p of paragraphs) {
    for (const m of p.text.matchAll(/((?:19|20)\d\d)年度/g)) counts.set(m[1]!, (counts.get(m[1]!) ?? 0) + 1);
  }
  const best = [...counts].sort((a, b) => b[1] - a[1])[0];
  return best ? Number(best[0]) : undefined;
}

/**
 * The reporting department: a place name and a bureau ("金安区司法局", "遂宁市安居区司法局"). The
 * title's wins; else the most frequent, never one only cited in a document title 《…》, and the
 * finance bureau that ordered the evaluation only when nothing else is named.
 */
export function findOrganization(title: string | undefined, paragraphs: Paragraph[]): string | undefined {
  if (title) {
    const m = [...title.matchAll(ORG)][0];
    if (m) return m[0];
  }
  const counts = new Map<string, number>();
  for (const p of paragraphs) {
    const text = p.text.replace(/《[^》]*》/g, '');
    for (const m of text.matchAll(ORG)) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  return (ranked.find(([name]) => !/财政局/.test(name)) ?? ranked[0])?.[0];
}
