import type { Explanation } from '@jixiao/core';

/**
 * What the score tree shows of a formula, as `jixiao score` prints it under 算式: the arithmetic with
 * the figures put in (`20 × min(86%, 100%) = 17.2`), then each step — every condition decided, every
 * tier or band looked up, the arithmetic — as `公式：代入 → 结果`.
 */
export function formulaLines(e: Pick<Explanation, 'formula' | 'steps'>): {
  formula: string | null;
  steps: string[];
} {
  const steps = (e.steps ?? []).map((s) => `${s.formula}：${s.shown} → ${s.result}`);
  return { formula: e.formula ?? null, steps };
}
