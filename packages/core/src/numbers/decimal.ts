import Decimal from 'decimal.js';

/**
 * One Decimal constructor for the whole domain. Money and rates never go through floats:
 * 0.1 + 0.2 must be 0.3 when a reviewer checks a column sum.
 */
export const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = InstanceType<typeof D>;

/** Round half up to `places` decimals, the way the official tables round (四舍五入). */
export function round(value: Dec, places: number): Dec {
  return value.toDecimalPlaces(places, D.ROUND_HALF_UP);
}

/** Canonical decimal string without exponent, trailing zeros kept to `places` when given. */
export function fmt(value: Dec, places?: number): string {
  return places === undefined ? value.toFixed() : value.toFixed(places);
}

export function dec(value: string | number | Dec): Dec {
  return new D(value);
}

export function sum(values: Dec[]): Dec {
  return values.reduce((acc, v) => acc.plus(v), new D(0));
}
