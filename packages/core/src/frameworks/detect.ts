import type { Evaluation } from '../model/evaluation.ts';
import { containsKeyword } from './names.ts';
import type { FrameworkRegistry } from './registry.ts';
import type { Framework } from './schema.ts';

export interface Detection {
  framework: Framework;
  chosenBy: 'detected' | 'default';
}

/** How well a framework's declared signature fits an evaluation; null when it does not fit at all. */
export function matchScore(e: Evaluation, f: Framework): number | null {
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
  const anyHits = d.any.filter(has).length;
  if (d.any.length && !anyHits) return null;
  const level1 = new Set(e.indicators.map((i) => i.level1));
  const level1Hits = d.level1.filter((k) => [...level1].some((l) => containsKeyword(l, k))).length;
  const requiresHits = Object.values(d.requires).filter((v) => v !== undefined).length;
  const evidence = d.all.length + anyHits + level1Hits + requiresHits;
  // A framework that declares nothing to look for is only ever a default, never "detected".
  return evidence > 0 ? evidence : null;
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
  if (candidates[0]) return { framework: candidates[0].framework, chosenBy: 'detected' };
  const defaults = reg
    .list()
    .filter((f) => f.detection.defaultFor.includes(e.kind))
    .sort((a, b) => b.detection.priority - a.detection.priority || a.id.localeCompare(b.id));
  if (defaults[0]) return { framework: defaults[0], chosenBy: 'default' };
  throw new Error(`没有适用于「${e.title}」（${e.kind}）的评分框架，也没有为该类型声明默认框架。`);
}
