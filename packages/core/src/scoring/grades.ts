import type { Framework } from '../frameworks/schema.ts';
import type { ScoreResult } from '../model/result.ts';
import { D, type Dec } from '../numbers/decimal.ts';

/** The framework's grade bands, best first. */
export function gradesOf(f: Framework): ScoreResult['grades'] {
  return (f.grades?.bands ?? [])
    .map((b) => ({
      label: b.label,
      min: b.min,
      aliases: b.aliases,
      ...(b.consequence ? { consequence: b.consequence.text } : {}),
    }))
    .sort((a, b) => new D(b.min).cmp(a.min));
}

/** Half-open bands: 优 ≥ 90, 良 [80, 90), … — the first band whose lower bound the score reaches. */
export function gradeOf(score: Dec | null, grades: ScoreResult['grades']): string | null {
  if (score === null) return null;
  return grades.find((g) => score.gte(g.min))?.label ?? null;
}

/** What the framework says a grade means for the budget (预算压减 …), or null. */
export function consequenceOf(grade: string | null, grades: ScoreResult['grades']): string | null {
  return grades.find((g) => g.label === grade)?.consequence ?? null;
}
