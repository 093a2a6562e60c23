import type { Evaluation } from '../model/evaluation.ts';
import { containsKeyword } from './names.ts';
import type { FrameworkRegistry } from './registry.ts';
import type { Framework } from './schema.ts';

export interface Detection {
  framework: Framework;
  chosenBy: 'detected' | 'default';
  /** What the choice rests on: the keywords found, or that it is the default for the kind. */
  evidence: string[];
}

/** How well a framework's declared signature fits an evaluation; null when it does not fit at all. */
export function matchScore(e: Evaluation, f: Framework): number | null {
  const found = matchEvidence(e, f);
  return found === null ? null : found.length || null;
}

/** The declared keywords and requirements an evaluation meets; null when the framework does not fit. */
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
  const requires = [
    ...(d.requires.indicatorRows === undefined ? [] : [d.requires.indicatorRows ? '有指标行' : '无指标行']),
    ...(d.requires.indicatorCounts === undefined
      ? []
      : [d.requires.indicatorCounts ? '有指标完成条数' : '无指标完成条数']),
  ];
  // A framework that declares nothing to look for is only ever a default, never "detected".
  return [...d.all, ...anyHits, ...level1Hits, ...requires];
}

/**
 * Picks the framework whose declared signature fits best (priority first, then how many of its
 * keywords were found); falls back to the framework declared as default for the evaluation's kind.
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
  const defaults = reg
    .list()
    .filter((f) => f.detection.defaultFor.includes(e.kind))
    .sort((a, b) => b.detection.priority - a.detection.priority || a.id.localeCompare(b.id));
  if (defaults[0])
    return { framework: defaults[0], chosenBy: 'default', evidence: [`${e.kind} 类评价的默认框架`] };
  throw new Error(`没有适用于「${e.title}」（${e.kind}）的评分框架，也没有为该类型声明默认框架。`);
}
