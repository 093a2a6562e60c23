import { describe, expect, it } from 'vitest';
import { money, percent, roundTo, score, statedMoney } from './format.ts';

describe('web formatting (万元 with 2 decimals, scores)', () => {
  it('rounds half up with decimals, not floats', () => {
    expect(roundTo('1.005', 2)).toBe('1.01'); // a float would give 1.00
    expect(roundTo('-2.345', 2)).toBe('-2.35');
    expect(roundTo('abc', 2)).toBe('abc');
  });

  it('shows amounts with thousands separators and 2 places', () => {
    expect(money('1045.5')).toBe('1,045.50');
    expect(money('1234567.891')).toBe('1,234,567.89');
    expect(money('-37.88')).toBe('-37.88');
    expect(money(null)).toBe('—');
  });

  it('shows every score with two decimals', () => {
    expect(score('100')).toBe('100.00');
    expect(score('99.1')).toBe('99.10');
    expect(score('96.125')).toBe('96.13');
    expect(score('１０')).toBe('10.00');
    expect(score(undefined)).toBe('—');
    expect(percent('70.475')).toBe('70.48%');
  });

  it('keeps text cells as written', () => {
    expect(statedMoney({ raw: '/', value: null, decimals: 0, percent: false })).toBe('/');
    expect(statedMoney({ raw: '37.88', value: '37.88', decimals: 2, percent: false })).toBe('37.88');
    expect(statedMoney(undefined)).toBe('');
    // A rate beside a rate: both with two decimals, whatever the form wrote; full-width digits folded.
    expect(statedMoney({ raw: '45%', value: '45', decimals: 0, percent: true })).toBe('45.00%');
    expect(statedMoney({ raw: '１６', value: '16', decimals: 0, percent: false })).toBe('16.00');
  });
});
