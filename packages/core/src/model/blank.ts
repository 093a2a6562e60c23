import type { CriterionRule, Framework, RuleKind } from '../frameworks/schema.ts';
import { D, round, type Dec } from '../numbers/decimal.ts';
import { parseStated } from '../numbers/parse.ts';
import { newEvaluation } from './build.ts';
import type { BudgetLine, Evaluation, EvaluationKind, Indicator } from './evaluation.ts';
import type { Stated } from './stated.ts';

/** What the 新建自评 form asks for. */
export interface BlankOptions {
  /** 评价类型; defaults to the framework's own kind. */
  kind?: Exclude<EvaluationKind, 'summary'>;
  /** 年度 */
  year: number;
  /** 自评名称 (the table's title); defaults to the official form's name for the year. */
  title?: string;
  /** 项目名称 (project evaluations) */
  projectName?: string;
  /** 部门(单位)名称 */
  organization?: string;
  /** Evaluation id within its document; "eval-1" by default, like a reader's first evaluation. */
  id?: string;
}

/**
 * Rule kinds of the formula language that score a 三级 row a 填报人 writes: a quantitative row by its
 * 指标性质 (`indicator`), a 时效 row against its deadline (`deadline`), a 定性 row by its tiers.
 * 计分标准 rows (`criterion`, `manual`) are the framework's own and are recognised by their 三级 name.
 */
const ROW_RULES: ReadonlySet<RuleKind> = new Set<RuleKind>(['indicator', 'deadline', 'qualitative-tiers']);

function blankStated(): Stated {
  return parseStated('');
}

function statedNumber(value: Dec | string): Stated {
  return parseStated(new D(value).toFixed());
}

/** 预算执行 分值: the budget category's weight, else the budget-execution rule's; 0 when the framework has none. */
export function budgetWeight(f: Framework): Dec {
  const category = f.categories.find((c) => c.budgetExecution && c.weight !== undefined);
  if (category) return new D(category.weight!);
  const rule = f.rules.find((r) => r.kind === 'budget-execution');
  return rule && 'weight' in rule ? new D(rule.weight) : new D(0);
}

/**
 * 指标分值池 — what the indicator rows' 分值 must add up to: the framework's total less the budget
 * execution points (100 − 10 = 90 for the usual project form; the whole 100 for a criteria table).
 */
export function indicatorPool(f: Framework): Dec {
  return new D(f.total).minus(budgetWeight(f));
}

/**
 * Whether the framework scores 三级 rows at all. One that only counts completed indicators by
 * type (按完成条数) has no row rules: a blank of it has no indicator rows to fill.
 */
export function scoresIndicatorRows(f: Framework): boolean {
  return f.rules.some((r) => ROW_RULES.has(r.kind) || 'criterion' in r);
}

/**
 * Budget lines of the official forms: 年度资金总额 split by source (财政拨款 / 其他资金); a
 * 部门整体 form also splits it by nature (基本支出 / 项目支出). The total carries the 分值 so its
 * 得分 cell is the one a 填报人 fills. A framework that gives no points for budget execution (a
 * criteria table reads its money figures as named inputs) has no budget block on its form.
 */
function blankBudget(f: Framework, kind: Exclude<EvaluationKind, 'summary'>): BudgetLine[] {
  const scoresBudget =
    f.rules.some((r) => r.kind === 'budget-execution') || f.categories.some((c) => c.budgetExecution);
  if (!scoresBudget) return [];
  const weight = budgetWeight(f);
  const money = () => ({
    initialBudget: blankStated(),
    adjustedBudget: blankStated(),
    executed: blankStated(),
  });
  const lines: BudgetLine[] = [
    {
      id: 'total',
      label: '年度资金总额',
      role: 'total',
      ...money(),
      ...(weight.gt(0) ? { weight: statedNumber(weight), statedScore: blankStated() } : {}),
    },
    { id: 'source-1', label: '财政拨款', role: 'source', partOf: 'total', ...money() },
    { id: 'source-2', label: '其他资金', role: 'source', partOf: 'total', ...money() },
  ];
  if (kind === 'department') {
    lines.push(
      { id: 'nature-1', label: '基本支出', role: 'nature', partOf: 'total', ...money() },
      { id: 'nature-2', label: '项目支出', role: 'nature', partOf: 'total', ...money() },
    );
  }
  return lines;
}

function row(id: number, level1: string, level2: string, weight: Stated | undefined): Indicator {
  return {
    id: `ind-${id}`,
    level1,
    level2,
    name: '',
    direction: null,
    target: blankStated(),
    actual: blankStated(),
    ...(weight ? { weight } : {}),
    statedScore: blankStated(),
  };
}

/**
 * Splits what the fixed weights leave of the pool evenly over the categories the framework leaves
 * free (project-defined 一级), at the framework's decimals, the rounding remainder on the first:
 * a starting point the 填报人 adjusts, so that a fresh form already adds up.
 */
function freeShares(pool: Dec, fixed: Dec, count: number, decimals: number): Dec[] {
  const rest = pool.minus(fixed);
  if (count === 0 || rest.lte(0)) return [];
  const share = rest.div(count).toDecimalPlaces(decimals, D.ROUND_DOWN);
  const shares = Array.from({ length: count }, () => share);
  shares[0] = round(rest.minus(share.times(count - 1)), decimals);
  return shares;
}

/**
 * The indicator rows a blank starts with: every criterion the framework fixes (部门整体 criteria
 * tables: 一级/二级/三级 with their 分值 and 计分标准); for a category with a weight but no fixed
 * criteria, one empty row per weighted 二级 or else one for the category, carrying that weight;
 * for a category the project defines itself, one empty row with an even share of what is left.
 */
function blankIndicators(f: Framework): Indicator[] {
  if (!scoresIndicatorRows(f)) return [];
  const criteria = f.rules.filter((r): r is CriterionRule => 'criterion' in r);
  const categories = f.categories.filter((c) => !c.budgetExecution);
  let next = 1;
  const rows: Indicator[] = [];
  /** Rows of categories the project defines itself, weighted once the fixed weights are known. */
  const free: number[] = [];
  const criterionRow = (r: CriterionRule): Indicator => {
    const clause = f.citations[r.cite]?.clause;
    return {
      ...row(next++, r.category, r.level2 ?? '', statedNumber(r.weight)),
      name: r.criterion,
      ...(clause ? { criterionText: clause } : {}),
    };
  };
  for (const c of categories) {
    const own = criteria.filter((r) => r.category === c.name);
    if (own.length) rows.push(...own.map(criterionRow));
    else if (c.weight !== undefined && c.subcategories.length)
      for (const s of c.subcategories) rows.push(row(next++, c.name, s.name, statedNumber(s.weight)));
    else if (c.weight !== undefined) rows.push(row(next++, c.name, '', statedNumber(c.weight)));
    else {
      free.push(rows.length);
      rows.push(row(next++, c.name, '', undefined));
    }
  }
  // Criteria filed under a category the framework does not list still belong on the form.
  rows.push(...criteria.filter((r) => !categories.some((c) => c.name === r.category)).map(criterionRow));

  const fixed = rows.reduce<Dec>((a, r) => a.plus(r.weight?.value ?? 0), new D(0));
  freeShares(indicatorPool(f), fixed, free.length, f.decimals).forEach((share, k) => {
    rows[free[k]!]!.weight = statedNumber(share);
  });
  return rows;
}

/** The official form's title for the year: 2025年度项目支出绩效自评表. */
export function blankTitle(kind: Exclude<EvaluationKind, 'summary'>, year: number): string {
  return `${year}年度${kind === 'project' ? '项目支出' : '部门整体支出'}绩效自评表`;
}

/**
 * 新建空白自评 — an evaluation a 填报人 fills in from scratch under a framework: the framework
 * named (so scoring never has to guess), the form's budget lines with blank cells, the indicator
 * rows the framework fixes or the 一级 categories it expects, and blank inputs for its formulas.
 * Pure: no ids from a clock or a random source, so the same form always yields the same blank.
 */
export function blankEvaluation(f: Framework, opts: BlankOptions): Evaluation {
  const kind = opts.kind ?? (f.kind === 'summary' ? 'project' : f.kind);
  const projectName = opts.projectName?.trim();
  const organization = opts.organization?.trim();
  return newEvaluation({
    id: opts.id ?? 'eval-1',
    title: opts.title?.trim() || blankTitle(kind, opts.year),
    kind,
    year: opts.year,
    frameworkId: f.id,
    ...(projectName ? { projectName } : {}),
    ...(organization ? { organization } : {}),
    // The headers this framework's form is known by, so detection finds it again should the
    // framework id ever be unknown where the evaluation is opened.
    formSignature: [...f.detection.all],
    inputs: Object.fromEntries(f.inputs.map((i) => [i.name, blankStated()])),
    budget: blankBudget(f, kind),
    indicators: blankIndicators(f),
  });
}
