import { squeeze } from '../lines.ts';

/** The sections a form is made of, each announced by its own header row. */
export type SectionKind = 'budget' | 'tasks' | 'indicators' | 'summary' | 'fund-flows';

/** Header text as matched: no whitespace, no unit in brackets ("全年预算数（万元）" → "全年预算数"). */
export function headerKey(text: string): string {
  return squeeze(text).replace(/[（(](万元|元|%|分|\d+分)[)）]$/, '');
}

type Field = string;
type Rule = [Field, RegExp];

const BUDGET: Rule[] = [
  ['initialBudget', /^年初预算/],
  ['adjustedBudget', /^(全年预算|调整后预算)/],
  ['executed', /(执行数|决算数|全年执行)/],
  ['executionRate', /执行率/],
  ['weight', /^(分值|权重)$/],
  ['statedScore', /^得分/],
  ['reason', /^(原因|偏差原因|原因说明)/],
];

const TASKS: Rule[] = [
  ['label', /^任务名称$/],
  ['content', /^主要内容$/],
  ['adjustedBudget', /^预算资金$/],
  ['fiscalBudget', /^其中[:：]?财政资金$/],
  ['completion', /^任务完成情况$/],
  ['executed', /^预算执行数$/],
  ['fiscalExecuted', /^其中[:：]?财政资金$/],
  ['executionRate', /执行率$/],
];

const INDICATORS: Rule[] = [
  ['level1', /^一级指标$/],
  ['level2', /^二级指标$/],
  ['name', /^三级指标$/],
  ['direction', /^指标性质$/],
  ['target', /^(年度)?指标值$|^年度目标值$/],
  ['unit', /^(度量|计量)单位$/],
  ['actual', /完成值$/],
  ['weight', /^(指标)?分值$|^权重$/],
  ['statedScore', /^(自评)?得分$/],
  ['deviationReason', /原因分析|偏差原因/],
  ['criterionText', /^(计分|评扣分|评分)标准$/],
  ['explanation', /^指标解释$/],
  ['remark', /^备注$/],
];

const SUMMARY: Rule[] = [
  ['index', /^序号$/],
  ['name', /^项目名称$/],
  ['adjustedBudget', /^全年预算数$/],
  ['executed', /^全年执行数$/],
  ['executionRate', /执行率$/],
  ['statedScore', /得分$/],
  ['deviation', /偏差/],
];

const FUND_FLOWS: Rule[] = [
  ['label', /项目名称$/],
  ['initialBudget', /^预算资金$/],
  ['carriedOver', /^上年结转/],
  ['fiscal', /^财政拨款/],
  ['adjustedBudget', /^(合计|实际到位)/],
  ['executed', /^实际支出/],
];

const RULES: Record<SectionKind, Rule[]> = {
  budget: BUDGET,
  tasks: TASKS,
  indicators: INDICATORS,
  summary: SUMMARY,
  'fund-flows': FUND_FLOWS,
};

/** Which section a header row opens, if it is one. */
export function sectionOf(cells: string[]): SectionKind | undefined {
  // Header cells are short labels; a long cell (a form's printed instructions) names no column.
  const keys = cells.map(headerKey).filter((k) => k && k.length <= 16 && !/^[\d.,%]+$/.test(k));
  const has = (re: RegExp) => keys.some((k) => re.test(k));
  if (has(/预算项目名称/) && has(/^实际(到位|支出)/)) return 'fund-flows';
  if (has(/^项目名称$/) && has(/^全年(执行|预算)数$/) && (has(/^序号$/) || has(/执行率$/) || has(/得分$/)))
    return 'summary';
  if (has(/^任务名称$/)) return 'tasks';
  if (has(/^三级指标$/) || (has(/^一级指标$/) && has(/^(指标值|年度指标值|分值|权重)$/))) return 'indicators';
  if (has(/^(一级指标|二级指标|三级指标)$/) && keys.every((k) => /^(一级指标|二级指标|三级指标)$/.test(k)))
    return 'indicators';
  if (has(/计分标准|指标分值/) && has(/^(自评)?得分$/)) return 'indicators';
  const budgetHits = ['^年初预算', '^(全年预算|调整后预算)', '执行数', '执行率'].filter((p) =>
    has(new RegExp(p)),
  );
  if (budgetHits.length >= 2) return 'budget';
  return undefined;
}

/** Column index → field, each field taken by the first header that names it. */
export function mapColumns(kind: SectionKind, headers: string[]): Map<number, Field> {
  const out = new Map<number, Field>();
  const taken = new Set<Field>();
  headers.forEach((h, col) => {
    const key = headerKey(h);
    if (!key) return;
    for (const [field, re] of RULES[kind]) {
      if (!taken.has(field) && re.test(key)) {
        out.set(col, field);
        taken.add(field);
        return;
      }
    }
  });
  return out;
}
