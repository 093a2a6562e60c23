import { VOCABULARY, headerKey, labelsOf, wordMatches, type SectionKind } from './vocabulary.ts';

export type { SectionKind } from './vocabulary.ts';
export { headerKey } from './vocabulary.ts';

type Field = string;

/** Which section a header row opens, if it is one. */
export function sectionOf(cells: string[]): SectionKind | undefined {
  // Header cells are short labels; a long cell (a form's printed instructions) names no column.
  const keys = cells.map(headerKey).filter((k) => k && k.length <= 16 && !/^[\d.,%]+$/.test(k));
  const has = (re: RegExp) => keys.some((k) => re.test(k));
  if (has(/预算项目名称/) && has(/^实际(到位|支出)/)) return 'fund-flows';
  if (has(/^项目名称$/) && has(/^全年(执行|预算)数$/) && (has(/^序号$/) || has(/执行率$/) || has(/得分$/)))
    return 'summary';
  if (has(/^任务名称$/)) return 'tasks';
  const target = new Set([...labelsOf('indicators', 'target'), ...labelsOf('indicators', 'weight')]);
  if (has(/^三级指标$/) || (has(/^一级指标$/) && keys.some((k) => target.has(k)))) return 'indicators';
  // "绩效指标 | 年度指标值 | 实际完成值 | 分值 | 得分": the group row over 一级/二级/三级 (national 2020 form).
  if (has(/^(绩效指标|年度绩效指标)$/) && keys.some((k) => target.has(k))) return 'indicators';
  if (has(/^(一级指标|二级指标|三级指标)$/) && keys.every((k) => /^(一级指标|二级指标|三级指标)$/.test(k)))
    return 'indicators';
  if (has(/计分标准|指标分值/) && has(/^(自评)?得分$/)) return 'indicators';
  const budgetHits = ['^年初预算', '^(全年预算|调整后预算)', '执行数', '执行率'].filter((p) =>
    has(new RegExp(p)),
  );
  if (budgetHits.length >= 2) return 'budget';
  return undefined;
}

/** Column index → field, each field taken by the first header that names it (by the shared vocabulary). */
export function mapColumns(kind: SectionKind, headers: string[]): Map<number, Field> {
  const out = new Map<number, Field>();
  const taken = new Set<Field>();
  const keys = headers.map(headerKey);
  const points = (k: string) => /^(分值|权重)$/.test(k);
  headers.forEach((_h, col) => {
    const key = keys[col]!;
    if (!key) return;
    // 一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值 | 得分: each level carries its own points; the
    // last 分值 is the 三级's weight.
    const before = keys[col - 1];
    if (kind === 'indicators' && points(key) && keys.slice(col + 1).some(points)) {
      const level =
        before === '一级指标' ? 'level1Points' : before === '二级指标' ? 'level2Points' : undefined;
      if (level) {
        out.set(col, level);
        return;
      }
    }
    for (const word of VOCABULARY[kind]) {
      if (!taken.has(word.field) && wordMatches(word, key)) {
        out.set(col, word.field);
        taken.add(word.field);
        return;
      }
    }
  });
  return out;
}
