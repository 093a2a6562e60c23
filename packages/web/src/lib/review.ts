import { D, reviewDeduction } from '@jixiao/core';
import { frameworks } from './assess.ts';

/**
 * 自评准确 — how far the self score is from the review score, relative to the review score, and
 * the deduction the framework version the evaluation is scored under gives for that gap by its own
 * formula (core's reviewDeduction) when it has such a criterion.
 */
export function selfAccuracy(
  framework: { frameworkId: string; frameworkVersion?: string },
  self: string | number,
  review: string | number,
): { gap: string; percent: string; deduction: string | null } {
  const gap = new D(self).minus(review).abs();
  const percent = new D(review).isZero() ? new D(0) : gap.div(review).times(100);
  const f = frameworks().get(framework.frameworkId, framework.frameworkVersion);
  const r = f ? reviewDeduction(f, self, review) : null;
  return {
    gap: gap.toFixed(2),
    percent: percent.toDecimalPlaces(2).toFixed(2),
    deduction: r ? r.deduction.toFixed() : null,
  };
}
