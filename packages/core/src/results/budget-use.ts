import { z } from 'zod';
import rule from '../../budget-use/grade-budget.json' with { type: 'json' };
import { D, type Dec } from '../numbers/decimal.ts';
import { formatMoney } from '../numbers/format.ts';

const percentText = z.string().regex(/^\d+(\.\d+)?$/, '应为百分数的数字文本，如 "10"');

const citationSchema = z.strictObject({
  title: z.string().min(1),
  clause: z.string().min(1),
  source: z.string().min(1),
});

/** 结果应用的动作: 优先保障, 保持, 压减 (或取消). */
export type BudgetAction = 'priority' | 'keep' | 'cut';

export const BUDGET_ACTION_NAMES: Record<BudgetAction | 'none', string> = {
  priority: '优先保障',
  keep: '保持',
  cut: '压减',
  none: '不作建议',
};

/**
 * 结果应用规则 — what an evaluation's grade means for next year's budget, as the finance bureau's document
 * states it: per grade the action (优先保障 / 保持 / 压减) and for a cut its range in percent, with the clause it
 * comes from. The bureau changes the rule by shipping a new version of the file (packages/core/budget-use/).
 */
export const budgetUseRuleSchema = z.strictObject({
  id: z.string().min(1),
  version: z.string().min(1),
  name: z.string().min(1),
  citations: z.record(z.string(), citationSchema),
  grades: z
    .array(
      z.strictObject({
        grade: z.string().min(1),
        aliases: z.array(z.string().min(1)).default([]),
        action: z.enum(['priority', 'keep', 'cut']),
        /** [下限, 上限] in percent of the budget, for a cut */
        cut: z.tuple([percentText, percentText]).optional(),
        /** 差: the project may be cancelled instead */
        mayCancel: z.boolean().default(false),
        /** The rule's words for the grade, as a reviewer reads them ("压减 5%–10%") */
        words: z.string().min(1),
        cite: z.string().min(1),
      }),
    )
    .min(1),
});

export type BudgetUseRule = z.infer<typeof budgetUseRuleSchema>;

/** A rule file that does not hold: the Chinese message names the file and the field. */
export class BudgetUseRuleError extends Error {}

export function parseBudgetUseRule(json: unknown, file: string): BudgetUseRule {
  const r = budgetUseRuleSchema.safeParse(json);
  const fail = (where: string, problem: string) =>
    new BudgetUseRuleError(`结果应用规则 ${file} 的「${where}」不对：${problem}`);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw fail(issue.path.join('.') || '（整个文件）', issue.message);
  }
  const seen = new Set<string>();
  r.data.grades.forEach((g, i) => {
    for (const name of [g.grade, ...g.aliases]) {
      if (seen.has(name)) throw fail(`grades.${i}`, `等级「${name}」重复`);
      seen.add(name);
    }
    if (!r.data.citations[g.cite]) throw fail(`grades.${i}.cite`, `引用了不存在的出处「${g.cite}」`);
    if (g.action === 'cut' && !g.cut) throw fail(`grades.${i}.cut`, `「${g.grade}」为压减，须写明压减比例`);
    if (g.action !== 'cut' && g.cut) throw fail(`grades.${i}.cut`, `「${g.grade}」不是压减，不应有压减比例`);
    if (g.cut) {
      const [low, high] = g.cut.map((c) => new D(c)) as [Dec, Dec];
      if (low.gt(high))
        throw fail(`grades.${i}.cut`, `「${g.grade}」的压减比例下限 ${g.cut[0]}% 高于上限 ${g.cut[1]}%`);
      if (high.gt(100)) throw fail(`grades.${i}.cut`, `「${g.grade}」的压减比例 ${g.cut[1]}% 超过 100%`);
    }
  });
  return r.data;
}

/** The shipped rule, bundled so the browser and tests have it without a file system. */
export function builtinBudgetUseRule(): BudgetUseRule {
  return parseBudgetUseRule(rule, 'grade-budget.json');
}

/** 结果应用建议 of one evaluation: its grade under the rule, and the budget that follows from it. */
export interface BudgetUse {
  /** The grade the evaluation has, as given; null when it has none */
  grade: string | null;
  /** The rule's grade it matched (an alias "良好" matches "良"); null when none */
  ruleGrade: string | null;
  action: BudgetAction | 'none';
  actionName: string;
  /** [下限, 上限] in percent, for a cut */
  cutPercent: [string, string] | null;
  mayCancel: boolean;
  /** 基数 (万元, two decimals): the budget the suggestion is computed on; null when there is none */
  budget: string | null;
  /** 压减金额 (万元) from the lower to the upper cut; null when not a cut or no budget */
  reductionLow: string | null;
  reductionHigh: string | null;
  /** 建议安排 (万元): the budget after the larger and the smaller cut (both the budget when kept) */
  suggestedLow: string | null;
  suggestedHigh: string | null;
  /** What a reviewer reads: the grade, the rule's words, the figures */
  words: string;
  /** The clause the rule comes from */
  citation: { title: string; clause: string; source: string } | null;
}

const money = (d: Dec) => d.toFixed(2, D.ROUND_HALF_UP);
const range = (a: string, b: string, unit: string) =>
  a === b ? `${formatMoney(a)} ${unit}` : `${formatMoney(a)}–${formatMoney(b)} ${unit}`;

/**
 * 结果应用 — the suggestion the rule gives an evaluation of `grade` whose budget (万元) is `budget`, computed on
 * it in decimals; `basis` names the budget in the words ("本年调整后预算").
 */
export function budgetUseOf(
  r: BudgetUseRule,
  grade: string | null,
  budget: Dec | string | null,
  basis: string,
): BudgetUse {
  const none = (words: string): BudgetUse => ({
    grade,
    ruleGrade: null,
    action: 'none',
    actionName: BUDGET_ACTION_NAMES.none,
    cutPercent: null,
    mayCancel: false,
    budget: null,
    reductionLow: null,
    reductionHigh: null,
    suggestedLow: null,
    suggestedHigh: null,
    words,
    citation: null,
  });
  const g = grade?.trim() || null;
  if (!g) return none('尚无等级（未计分或总分无法判定），不给出预算安排建议。');
  const band = r.grades.find((x) => x.grade === g || x.aliases.includes(g));
  if (!band) return none(`等级「${g}」不在《${r.name}》中，不给出预算安排建议。`);
  const citation = r.citations[band.cite]!;
  const base = budget === null || budget === '' ? null : new D(budget);
  const head = `等级「${band.grade}」：${band.words}`;
  const out: BudgetUse = {
    grade: g,
    ruleGrade: band.grade,
    action: band.action,
    actionName: BUDGET_ACTION_NAMES[band.action],
    cutPercent: band.cut ?? null,
    mayCancel: band.mayCancel,
    budget: base ? money(base) : null,
    reductionLow: null,
    reductionHigh: null,
    suggestedLow: null,
    suggestedHigh: null,
    words: '',
    citation,
  };
  if (!base) return { ...out, words: `${head}；没有${basis}，不能算出建议安排的金额。` };
  if (band.action !== 'cut') {
    const b = money(base);
    return {
      ...out,
      suggestedLow: b,
      suggestedHigh: b,
      words: `${head}，以${basis} ${formatMoney(b)} 万元为基数，不作压减。`,
    };
  }
  const [low, high] = band.cut!;
  const reductionLow = money(base.times(low).div(100));
  const reductionHigh = money(base.times(high).div(100));
  const suggestedLow = money(base.minus(reductionHigh));
  const suggestedHigh = money(base.minus(reductionLow));
  const cancel = band.mayCancel ? '，或不再安排' : '';
  return {
    ...out,
    reductionLow,
    reductionHigh,
    suggestedLow,
    suggestedHigh,
    words:
      `${head}，以${basis} ${formatMoney(base)} 万元计，压减 ${range(reductionLow, reductionHigh, '万元')}，` +
      `建议安排 ${range(suggestedLow, suggestedHigh, '万元')}${cancel}。`,
  };
}
