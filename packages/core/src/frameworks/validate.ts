import { D, type Dec } from '../numbers/decimal.ts';
import { formulaProblems } from '../scoring/formula/rules.ts';
import { sameName } from './names.ts';
import type { Framework } from './schema.ts';

/** A problem in a framework's meaning: its JSON path and what is wrong, in Chinese. */
export interface FrameworkProblem {
  path: string;
  problem: string;
}

interface Interval {
  min: string;
  max?: string | undefined;
}

function show(i: Interval): string {
  return `[${i.min}, ${i.max ?? '∞'})`;
}

/**
 * Half-open intervals must tile a range: sorted by min, each ending where the next begins.
 * `cover` demands they span exactly [from, to] (qualitative tiers span 0–100% of 分值).
 */
export function intervalProblems(
  intervals: readonly Interval[],
  path: string,
  cover?: { from: string; to: string },
): FrameworkProblem[] {
  const out: FrameworkProblem[] = [];
  const order = intervals.map((iv, index) => ({ iv, index })).sort((a, b) => new D(a.iv.min).cmp(b.iv.min));
  order.forEach(({ iv, index }) => {
    if (iv.max !== undefined && !new D(iv.max).gt(iv.min)) {
      out.push({ path: `${path}[${index}]`, problem: `区间 ${show(iv)} 的上限不大于下限` });
    }
  });
  for (let k = 0; k + 1 < order.length; k++) {
    const a = order[k]!;
    const b = order[k + 1]!;
    if (a.iv.max === undefined || new D(a.iv.max).gt(b.iv.min)) {
      out.push({
        path: `${path}[${b.index}]`,
        problem: `与 ${path}[${a.index}] 重叠：${show(b.iv)} 与 ${show(a.iv)}`,
      });
    } else if (new D(a.iv.max).lt(b.iv.min)) {
      out.push({
        path: `${path}[${b.index}]`,
        problem: `与 ${path}[${a.index}] 之间留有空档 [${a.iv.max}, ${b.iv.min})`,
      });
    }
  }
  if (cover && order.length) {
    const first = order[0]!;
    const last = order[order.length - 1]!;
    if (!new D(first.iv.min).eq(cover.from)) {
      out.push({
        path: `${path}[${first.index}]`,
        problem: `最低档应从 ${cover.from} 开始，实为 ${first.iv.min}`,
      });
    }
    if (last.iv.max === undefined || !new D(last.iv.max).eq(cover.to)) {
      out.push({
        path: `${path}[${last.index}]`,
        problem: `最高档应到 ${cover.to} 为止，实为 ${last.iv.max ?? '∞'}`,
      });
    }
  }
  return out;
}

function sumOf(values: string[]): Dec {
  return values.reduce((acc, v) => acc.plus(v), new D(0));
}

/** Everything zod cannot see: references between parts, intervals, and weights that must add up. */
export function validateFramework(f: Framework): FrameworkProblem[] {
  const out: FrameworkProblem[] = [];
  const cite = (key: string, path: string) => {
    if (!Object.hasOwn(f.citations, key)) out.push({ path, problem: `引用了不存在的出处「${key}」` });
  };
  const findCategory = (n: string) => f.categories.find((c) => sameName(n, c.name, c.aliases));

  f.categories.forEach((c, i) => cite(c.cite, `categories[${i}].cite`));
  if (f.grades) {
    cite(f.grades.cite, 'grades.cite');
    const bands = f.grades.bands;
    for (let i = 1; i < bands.length; i++) {
      if (!new D(bands[i]!.min).lt(bands[i - 1]!.min)) {
        out.push({
          path: `grades.bands[${i}]`,
          problem: `等级须从高到低排列：「${bands[i]!.label}」下限 ${bands[i]!.min} 不低于「${bands[i - 1]!.label}」下限 ${bands[i - 1]!.min}`,
        });
      }
    }
  }
  f.grades?.bands.forEach((b, i) => {
    const cut = b.consequence?.budgetCut;
    if (cut && new D(cut[0]).gt(cut[1])) {
      out.push({
        path: `grades.bands[${i}].consequence.budgetCut`,
        problem: `「${b.label}」的预算压减比例下限 ${cut[0]}% 高于上限 ${cut[1]}%`,
      });
    }
  });
  if (f.totalNotJudgeable) cite(f.totalNotJudgeable.cite, 'totalNotJudgeable.cite');

  const ids = new Set<string>();
  const directionKinds: Record<string, string> = {};
  f.rules.forEach((rule, i) => {
    const at = `rules[${i}]`;
    cite(rule.cite, `${at}.cite`);
    if (ids.has(rule.id)) out.push({ path: `${at}.id`, problem: `规则编号「${rule.id}」重复` });
    ids.add(rule.id);
    if ('category' in rule && !findCategory(rule.category)) {
      out.push({ path: `${at}.category`, problem: `引用了框架未声明的一级指标「${rule.category}」` });
    }
    const direction = rule.kind === 'indicator' ? rule.direction : undefined;
    if (direction) {
      const prior = directionKinds[direction];
      if (prior)
        out.push({
          path: at,
          problem: `指标性质「${direction}」已由规则「${prior}」计分，不能再设「${rule.id}」`,
        });
      directionKinds[direction] = rule.id;
    }
    switch (rule.kind) {
      case 'qualitative-tiers':
        out.push(...intervalProblems(rule.tiers, `${at}.tiers`, { from: '0', to: '1' }));
        break;
      case 'deadline':
        // A late row left to the 定性 tiers needs tiers, or it would fall through to the on-time formula.
        if (rule.late === 'tiers' && !f.rules.some((r) => r.kind === 'qualitative-tiers')) {
          out.push({
            path: `${at}.late`,
            problem: `规则「${rule.title ?? rule.id}」逾期完成的按定性指标分档酌情计分，但框架没有定性指标分档规则（qualitative-tiers）；请加上分档，或设 "late": "formula" 由公式计分`,
          });
        }
        break;
    }
  });

  // Weights must add up: 三级 criteria to their 二级, 二级 to 一级, 一级 to the total.
  f.categories.forEach((c, i) => {
    if (c.subcategories.length && c.weight !== undefined) {
      const s = sumOf(c.subcategories.map((x) => x.weight));
      if (!s.eq(c.weight)) {
        out.push({
          path: `categories[${i}].subcategories`,
          problem: `二级指标分值合计 ${s.toFixed()}，与一级指标「${c.name}」分值 ${c.weight} 不符`,
        });
      }
    }
    c.subcategories.forEach((sub, j) => {
      const criteria = f.rules.filter(
        (r) =>
          'criterion' in r &&
          sameName(r.category, c.name, c.aliases) &&
          r.level2 !== undefined &&
          sameName(r.level2, sub.name),
      );
      if (!criteria.length) return;
      const s = sumOf(criteria.map((r) => ('weight' in r ? r.weight : '0')));
      if (!s.eq(sub.weight)) {
        out.push({
          path: `categories[${i}].subcategories[${j}]`,
          problem: `三级指标分值合计 ${s.toFixed()}，与二级指标「${sub.name}」分值 ${sub.weight} 不符`,
        });
      }
    });
  });
  if (f.categories.length && f.categories.every((c) => c.weight !== undefined)) {
    const s = sumOf(f.categories.map((c) => c.weight!));
    if (!s.eq(f.total))
      out.push({ path: 'categories', problem: `一级指标分值合计 ${s.toFixed()}，与总分 ${f.total} 不符` });
  }
  // Formulas last: a weight that does not add up explains a worked example that no longer holds.
  out.push(...formulaProblems(f));
  return out;
}
