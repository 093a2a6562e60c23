import { parseStated, type IndicatorCount } from '@jixiao/core';
import { lineAt, type Paragraph } from './paragraphs.ts';

/** "共计设定139条绩效指标,其中:数量指标56条、…" (planned) and "共计完成131条,其中:…" (completed). */
export function indicatorCountsIn(p: Paragraph, file: string, into: Map<string, IndicatorCount>): void {
  for (const sentence of p.text.matchAll(/[^。]+/g)) {
    const body = sentence[0];
    if (!/指标/.test(body)) continue;
    const base = sentence.index;
    const keys: Array<{ at: number; kind: 'planned' | 'completed'; raw: string }> = [];
    for (const m of body.matchAll(/(设定|设置)了?(\d+)(条|个|项)(?:绩效)?指标/g)) {
      keys.push({ at: m.index, kind: 'planned', raw: `${m[2]}${m[3]}` });
    }
    for (const m of body.matchAll(/完成(\d+)(条|个|项)/g))
      keys.push({ at: m.index, kind: 'completed', raw: `${m[1]}${m[2]}` });
    if (!keys.length) continue;
    const put = (type: string, kind: 'planned' | 'completed', raw: string, at: number) => {
      const source = { file, line: lineAt(p, base + at) };
      const row: IndicatorCount = into.get(type) ?? { type, source };
      if (!row[kind]) row[kind] = parseStated(raw, source);
      into.set(type, row);
    };
    for (const k of keys) put('合计', k.kind, k.raw, k.at);
    const other = body.indexOf('其中');
    if (other < 0) continue;
    const kind = [...keys].filter((k) => k.at < other).pop()?.kind;
    if (!kind) continue;
    const list = body.slice(other);
    for (const m of list.matchAll(/([\p{Script=Han}]{1,10}?指标)(\d+)(条|个|项)/gu)) {
      put(m[1]!, kind, `${m[2]}${m[3]}`, other + m.index);
    }
  }
}
