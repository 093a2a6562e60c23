import type { Evaluation } from '../model/evaluation.ts';
import { D } from '../numbers/decimal.ts';
import { containsKeyword, sameName } from './names.ts';
import { printedWeights } from './printed.ts';
import type { FrameworkRegistry } from './registry.ts';
import type { Framework } from './schema.ts';

export interface Detection {
  framework: Framework;
  chosenBy: 'detected' | 'default';
  /** Why, in Chinese: the keywords, notes and weights found, or that it is the default for the kind. */
  evidence: string[];
}

/** How well a framework's declared signature fits an evaluation; null when it does not fit at all. */
export function matchScore(e: Evaluation, f: Framework): number | null {
  const found = matchEvidence(e, f);
  if (found === null) return null;
  // A note the form prints about its own rule, or a weight it prints, says more than a header word.
  const strong = found.filter((x) => x.startsWith('表中写明') || x.includes('分值为')).length;
  return found.length + 2 * strong || null;
}

/** Written formulas compare without spaces, with × for * and the full-width forms folded. */
function normalise(text: string): string {
  return text
    .replace(/\s+/g, '')
    .replace(/[*＊xX]/g, '×')
    .replace(/[（]/g, '(')
    .replace(/[）]/g, ')')
    .replace(/[％]/g, '%')
    .replace(/[－—–]/g, '-')
    .replace(/[＝]/g, '=');
}

/** The budget line's 分值: as its line states it, else as a header prints it (「预算执行情况(万元)(20分)」). */
function budgetWeightOf(e: Evaluation): string | null {
  const line = e.budget.find((l) => l.role === 'total') ?? e.budget.find((l) => !l.partOf);
  if (line?.weight?.value != null) return line.weight.value;
  return (
    printedWeights(e.formSignature)
      .find((p) => /预算执行/.test(p.name))
      ?.points.toFixed() ?? null
  );
}

/** The declared signals an evaluation shows, as a reader says them; null when the framework does not fit. */
export function matchEvidence(e: Evaluation, f: Framework): string[] | null {
  const d = f.detection;
  if (!d.kinds.includes(e.kind)) return null;
  if (d.requires.indicatorRows !== undefined && d.requires.indicatorRows !== e.indicators.length > 0)
    return null;
  if (
    d.requires.indicatorCounts !== undefined &&
    d.requires.indicatorCounts !== e.indicatorCounts.length > 0
  ) {
    return null;
  }
  const haystack = [...e.formSignature, ...e.indicators.map((i) => i.level1), e.title];
  const has = (k: string) => haystack.some((h) => containsKeyword(h, k));
  if (!d.all.every(has)) return null;
  const anyHits = d.any.filter(has);
  if (d.any.length && !anyHits.length) return null;
  const level1 = [...new Set(e.indicators.map((i) => i.level1))];
  const level1Hits = d.level1.filter((k) => level1.some((l) => containsKeyword(l, k)));
  const written = haystack.map(normalise);
  const notes = d.notes.filter((note) => written.some((w) => w.includes(normalise(note.text))));
  const budgetWeight = budgetWeightOf(e);
  const budgetHit =
    d.budgetWeight !== undefined && budgetWeight !== null && new D(budgetWeight).eq(d.budgetWeight);
  // The weight a 一级 carries: as the form states it, else as a header prints it, else the sum of its rows' 分值.
  const printed = printedWeights(e.formSignature);
  const level1Weight = (name: string) => {
    const stated = e.categoryScores.find((c) => sameName(c.level1, name))?.weight?.value;
    if (stated != null) return new D(stated);
    const header = printed.find((p) => sameName(p.name, name));
    if (header) return header.points;
    const rows = e.indicators.filter((i) => sameName(i.level1, name));
    if (!rows.length || rows.some((i) => i.weight?.value == null)) return null;
    return rows.reduce((acc, i) => acc.plus(i.weight!.value!), new D(0));
  };
  const weightHits = d.level1Weights.filter((w) => level1Weight(w.name)?.eq(w.weight));
  const signals = [
    ...notes.map((n) => `表中写明「${n.text}」（${n.says}）`),
    ...(budgetHit ? [`预算执行分值为 ${d.budgetWeight} 分`] : []),
    ...weightHits.map((w) => `一级指标「${w.name}」分值为 ${w.weight} 分`),
  ];
  const declaresSignals = d.notes.length > 0 || d.budgetWeight !== undefined || d.level1Weights.length > 0;
  if (declaresSignals && !signals.length) return null;
  const requires = [
    ...(d.requires.indicatorRows === undefined ? [] : [d.requires.indicatorRows ? '有指标行' : '无指标行']),
    ...(d.requires.indicatorCounts === undefined
      ? []
      : [d.requires.indicatorCounts ? '有指标完成条数' : '无指标完成条数']),
  ];
  // A framework that declares nothing to look for is only ever a default, never "detected".
  return [
    ...signals,
    ...[...d.all, ...anyHits].map((k) => `表头含「${k}」`),
    ...level1Hits.map((k) => `一级指标含「${k}」`),
    ...requires,
  ];
}

/**
 * Picks the framework whose declared signature fits best (priority first, then how much of it was
 * found, a printed note or weight counting thrice); falls back to the framework declared as default
 * for the evaluation's kind.
 */
export function detectFramework(e: Evaluation, reg: FrameworkRegistry): Detection {
  const candidates = reg
    .list()
    .map((framework) => ({ framework, score: matchScore(e, framework) }))
    .filter((c): c is { framework: Framework; score: number } => c.score !== null)
    .sort(
      (a, b) =>
        b.framework.detection.priority - a.framework.detection.priority ||
        b.score - a.score ||
        a.framework.id.localeCompare(b.framework.id),
    );
  if (candidates[0]) {
    const { framework } = candidates[0];
    return { framework, chosenBy: 'detected', evidence: matchEvidence(e, framework) ?? [] };
  }
  const KIND: Record<Evaluation['kind'], string> = {
    project: '项目',
    department: '部门整体',
    summary: '汇总',
  };
  const defaults = reg
    .list()
    .filter((f) => f.detection.defaultFor.includes(e.kind))
    .sort((a, b) => b.detection.priority - a.detection.priority || a.id.localeCompare(b.id));
  if (defaults[0])
    return {
      framework: defaults[0],
      chosenBy: 'default',
      evidence: [`表中没有可识别评分框架的标志，按${KIND[e.kind]}评价的默认框架`],
    };
  throw new Error(`没有适用于「${e.title}」（${e.kind}）的评分框架，也没有为该类型声明默认框架。`);
}
