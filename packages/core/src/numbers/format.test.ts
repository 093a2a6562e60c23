import { describe, expect, it } from 'vitest';
import {
  foldDigits,
  formatDate,
  formatDateTime,
  formatMoney,
  formatRate,
  formatScore,
  formatStated,
} from './format.ts';

describe('one number and date format', () => {
  it('prints 万元 with two decimals and thousands separators, half up with decimals', () => {
    expect(formatMoney('1045.5')).toBe('1,045.50');
    expect(formatMoney('1234567.891')).toBe('1,234,567.89');
    expect(formatMoney('1.005')).toBe('1.01'); // a float would give 1.00
    expect(formatMoney('-37.885')).toBe('-37.89');
    expect(formatMoney(null)).toBe('—');
    expect(formatMoney('不详')).toBe('—');
  });

  it('prints rates and scores with two decimals whatever the form wrote', () => {
    expect(formatRate('45')).toBe('45.00%');
    expect(formatRate('70.475')).toBe('70.48%');
    expect(formatScore('16')).toBe('16.00');
    expect(formatScore('24.81')).toBe('24.81');
    expect(formatScore(undefined)).toBe('—');
  });

  it('reads full-width digits as the digits they are, never keeps them as typed', () => {
    expect(foldDigits('５')).toBe('5');
    expect(foldDigits('１２．５０％')).toBe('12.50%');
    expect(foldDigits('１，０４５．５')).toBe('1,045.5');
    expect(formatScore('９６．５')).toBe('96.50');
    expect(formatStated({ raw: '５%', value: '5', decimals: 0, percent: true })).toBe('5.00%');
    expect(formatStated({ raw: '≥９５%', value: '95', decimals: 0, percent: true, sign: '≥' })).toBe('≥95%');
    expect(formatStated({ raw: '/', value: null, decimals: 0, percent: false })).toBe('/');
    expect(formatStated({ raw: '１６', value: '16', decimals: 0, percent: false }, 'score')).toBe('16.00');
    expect(formatStated({ raw: '１２', value: '12', decimals: 0, percent: false }, 'number')).toBe('12');
    expect(formatStated({ raw: '６个', value: '6', decimals: 0, percent: false, unit: '个' }, 'score')).toBe(
      '6个',
    );
  });

  it('prints one date format', () => {
    expect(formatDate('2025-06-30')).toBe('2025-06-30');
    expect(formatDate(new Date(2025, 0, 5, 9, 7))).toBe('2025-01-05');
    expect(formatDateTime(new Date(2025, 0, 5, 9, 7))).toBe('2025-01-05 09:07');
    expect(formatDate(null)).toBe('—');
    expect(formatDate('不是日期')).toBe('不是日期');
  });
});
