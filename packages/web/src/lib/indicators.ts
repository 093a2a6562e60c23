import { parseStated, sameName, type Framework, type Indicator, type IndicatorDirection } from '@jixiao/core';

/**
 * 填报的指标行 — a row entered in this application (a blank from a framework, or added here) has no
 * source in an imported document: its definition (三级 name, 指标性质, 指标值, 单位) is the
 * 填报人's to write. A row read from a document keeps the 指标值 set in the year's 绩效目标.
 */
export function isEntered(ind: Indicator): boolean {
  return ind.source === undefined;
}

/**
 * 固定指标 — a row the framework scores by a 计分标准 formula (部门整体 criteria tables), matched by
 * its 三级 name as scoring matches it: its name is the key, and 指标性质/指标值/完成值 play no part.
 */
export function isCriterion(f: Framework | undefined, ind: Indicator): boolean {
  return (f?.rules ?? []).some((r) => 'criterion' in r && sameName(ind.name, r.criterion, r.aliases));
}

/** An id no row of the evaluation has yet: "row-1", "row-2", … */
export function nextIndicatorId(rows: readonly Indicator[]): string {
  const taken = new Set(rows.map((r) => r.id));
  let n = rows.length + 1;
  while (taken.has(`row-${n}`)) n++;
  return `row-${n}`;
}

/** What the 添加指标 form asks for. */
export interface NewIndicator {
  level1: string;
  level2: string;
  name: string;
  direction: IndicatorDirection | null;
  target: string;
  unit: string;
  weight: string;
}

/** A new 三级 row with blank 完成值 and 自评得分, ready to be typed into. */
export function newIndicatorRow(rows: readonly Indicator[], input: NewIndicator): Indicator {
  const unit = input.unit.trim();
  return {
    id: nextIndicatorId(rows),
    level1: input.level1.trim(),
    level2: input.level2.trim(),
    name: input.name.trim(),
    direction: input.direction,
    target: parseStated(input.target),
    ...(unit ? { unit } : {}),
    actual: parseStated(''),
    weight: parseStated(input.weight),
    statedScore: parseStated(''),
  };
}

/**
 * Inserts a row where the official table has it: after the last row of its 一级/二级 group, else
 * after the last row of its 一级, else before the first 一级 the framework lists after its own
 * (产出 before 效益 before 满意度), else at the end. The 一级/二级 cells stay mergeable.
 */
export function insertIndicator(
  rows: readonly Indicator[],
  row: Indicator,
  categoryOrder: readonly string[] = [],
): Indicator[] {
  const lastIndex = (match: (r: Indicator) => boolean) => {
    for (let i = rows.length - 1; i >= 0; i--) if (match(rows[i]!)) return i;
    return -1;
  };
  const sameLevel1 = (r: Indicator) => r.level1.trim() === row.level1;
  let at = lastIndex((r) => sameLevel1(r) && r.level2.trim() === row.level2);
  if (at < 0) at = lastIndex(sameLevel1);
  if (at >= 0) return [...rows.slice(0, at + 1), row, ...rows.slice(at + 1)];
  const rank = (level1: string) => categoryOrder.findIndex((c) => sameName(level1, c));
  const own = rank(row.level1);
  if (own >= 0) {
    const before = rows.findIndex((r) => rank(r.level1) > own);
    if (before >= 0) return [...rows.slice(0, before), row, ...rows.slice(before)];
  }
  return [...rows, row];
}

/** Rows [start, start + count) renamed to one 二级 (the merged 二级 cell was edited). */
export function renameLevel2(
  rows: readonly Indicator[],
  start: number,
  count: number,
  level2: string,
): Indicator[] {
  return rows.map((r, i) => (i >= start && i < start + count ? { ...r, level2 } : r));
}

/** Row spans that merge equal consecutive keys, as the official 自评表 merges 一级 / 二级 cells. */
export function mergeSpans(rows: readonly Indicator[], key: (r: Indicator) => string): number[] {
  const out = rows.map(() => 0);
  let start = 0;
  for (let i = 1; i <= rows.length; i++) {
    if (i === rows.length || key(rows[i]!) !== key(rows[start]!)) {
      out[start] = i - start;
      start = i;
    }
  }
  return out;
}

/** 一级 names the framework scores as indicator rows, in its order (the 预算执行 line is not one). */
export function indicatorCategories(f: Framework | undefined): string[] {
  return (f?.categories ?? []).filter((c) => !c.budgetExecution).map((c) => c.name);
}

/**
 * Usual 二级 names under each 一级 of the national 项目支出绩效自评表 (财预〔2020〕10号 附件), offered
 * as suggestions only: a framework's own 二级 come first and any other name may be typed.
 */
const USUAL_LEVEL2: Array<[string, string[]]> = [
  ['产出', ['数量指标', '质量指标', '时效指标', '成本指标']],
  ['效益', ['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标']],
  ['满意度', ['服务对象满意度指标']],
  ['成本', ['经济成本指标', '社会成本指标', '生态环境成本指标']],
];

/** 二级 suggestions for a 一级: the framework's, those already in the table, then the usual ones. */
export function level2Suggestions(
  f: Framework | undefined,
  rows: readonly Indicator[],
  level1: string,
): string[] {
  const category = f?.categories.find((c) => sameName(level1, c.name, c.aliases));
  const names = [
    ...(category?.subcategories.map((s) => s.name) ?? []),
    ...(f?.rules ?? []).flatMap((r) =>
      'criterion' in r && r.level2 && sameName(level1, r.category) ? [r.level2] : [],
    ),
    ...rows.filter((r) => sameName(level1, r.level1)).map((r) => r.level2.trim()),
    ...(USUAL_LEVEL2.find(([l1]) => sameName(level1, l1))?.[1] ?? []),
  ];
  return [...new Set(names.filter(Boolean))];
}
