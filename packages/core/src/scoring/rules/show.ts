import type { Dec } from '../../numbers/decimal.ts';

/** A decimal as a reviewer reads it in a formula: no exponent, no trailing zeros. */
export function n(value: Dec): string {
  return value
    .toFixed()
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '');
}
