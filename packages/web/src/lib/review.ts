import { frameworks } from './assess.ts';

/** One band of a 自评准确 rule: |self − review| ÷ review in percent, [min, max) → points off. */
export interface AccuracyBand {
  min: string;
  max?: string;
  deduction: string;
}

/** Finds the framework's 自评准确 (review-difference) rule, wherever the framework file nests it. */
function findBands(node: unknown): AccuracyBand[] | null {
  if (!node || typeof node !== 'object') return null;
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = findBands(item);
      if (found) return found;
    }
    return null;
  }
  const record = node as Record<string, unknown>;
  if (record.kind === 'review-difference' && Array.isArray(record.bands))
    return record.bands as AccuracyBand[];
  for (const value of Object.values(record)) {
    const found = findBands(value);
    if (found) return found;
  }
  return null;
}

/**
 * 自评准确 — how far the self score is from the review score, relative to the review score (as
 * core's review-difference rule computes it), and the deduction the evaluation's framework gives
 * for that gap when it has such a rule.
 */
export function selfAccuracy(
  frameworkId: string,
  self: number,
  review: number,
): { gap: number; percent: number; deduction: string | null } {
  const gap = Math.abs(self - review);
  const percent = review === 0 ? 0 : (gap / review) * 100;
  const bands = findBands(frameworks().get(frameworkId));
  const band = bands?.find(
    (b) => percent >= Number(b.min) && (b.max === undefined || percent < Number(b.max)),
  );
  return { gap, percent, deduction: bands ? (band?.deduction ?? '0') : null };
}
