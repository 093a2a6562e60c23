import { D } from '@jixiao/core';
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
 * core's review-difference rule computes it, in decimals), and the deduction the framework version the
 * evaluation is scored under gives for that gap when it has such a rule.
 */
export function selfAccuracy(
  framework: { frameworkId: string; frameworkVersion?: string },
  self: string | number,
  review: string | number,
): { gap: string; percent: string; deduction: string | null } {
  const gap = new D(self).minus(review).abs();
  const percent = new D(review).isZero() ? new D(0) : gap.div(review).times(100);
  const bands = findBands(frameworks().get(framework.frameworkId, framework.frameworkVersion));
  const band = bands?.find((b) => percent.gte(b.min) && (b.max === undefined || percent.lt(b.max)));
  return {
    gap: gap.toFixed(2),
    percent: percent.toDecimalPlaces(2).toFixed(2),
    deduction: bands ? (band?.deduction ?? '0') : null,
  };
}
