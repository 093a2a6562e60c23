import type { Stated } from '../model/stated.ts';
import { D, type Dec } from './decimal.ts';

/** Half a unit in the last written place: "70.47" → 0.005; "45" → 0.5. */
export function halfUnit(decimals: number): Dec {
  return new D(5).times(new D(10).pow(-(decimals + 1)));
}

export type RoundingVerdict = 'equal' | 'within-rounding' | 'truncation' | 'beyond-rounding';

/**
 * Decides whether a stated figure agrees with its recomputation (DESIGN.md "Numbers").
 *
 * The stated figure was rounded to its own precision, and so were the parts it was computed
 * from; the difference can be up to half a unit of the stated value plus half a unit of each
 * part. A stated value that equals the recomputation cut off (not rounded) at its precision is
 * reported as truncation: not rounding noise, but not a wrong figure either.
 */
export function compareWithRounding(
  stated: Dec,
  statedDecimals: number,
  computed: Dec,
  partDecimals: number[] = [],
  /** Extra allowance in the unit of the stated figure (e.g. when parts were themselves rates). */
  extra: Dec = new D(0),
): { verdict: RoundingVerdict; difference: Dec; tolerance: Dec } {
  const difference = stated.minus(computed).abs();
  const tolerance = partDecimals
    .reduce((acc, d) => acc.plus(halfUnit(d)), halfUnit(statedDecimals))
    .plus(extra);
  if (difference.isZero()) return { verdict: 'equal', difference, tolerance };
  const truncated = computed.toDecimalPlaces(statedDecimals, D.ROUND_DOWN);
  if (difference.lte(tolerance)) {
    // A rounded value always lies within half a unit; beyond that, only the parts' rounding can explain it.
    return { verdict: 'within-rounding', difference, tolerance };
  }
  if (truncated.eq(stated)) return { verdict: 'truncation', difference, tolerance };
  return { verdict: 'beyond-rounding', difference, tolerance };
}

export function num(value: Stated | undefined): Dec | null {
  return value && value.value !== null ? new D(value.value) : null;
}

/**
 * Extra allowance, in percentage points, for a rate n ÷ d × 100 computed from two rounded amounts:
 * each may be off by half a unit of its last place, which moves the rate by about
 * 100 × (Δn ÷ d + n × Δd ÷ d²). 24.81 ÷ 35.20 can honestly be anything from 70.46% to 70.51%.
 */
export function ratioAllowance(n: Dec, nDecimals: number, d: Dec, dDecimals: number): Dec {
  if (d.isZero()) return new D(0);
  const dn = halfUnit(nDecimals);
  const dd = halfUnit(dDecimals);
  return dn
    .div(d.abs())
    .plus(n.abs().times(dd).div(d.times(d)))
    .times(100);
}

/**
 * Scores are counted, not measured: "1" is exactly one point. A stated score agrees with a computed
 * one within half a unit of its written places, and never less precisely than one decimal.
 */
export function scoreAgrees(stated: Dec, statedDecimals: number, computed: Dec): boolean {
  return stated
    .minus(computed)
    .abs()
    .lte(halfUnit(Math.max(statedDecimals, 1)));
}
