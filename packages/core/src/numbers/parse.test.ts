import { describe, expect, it } from 'vitest';
import { parseStated } from './parse.ts';

describe('parseStated', () => {
  it('reads amounts with separators and keeps the written precision', () => {
    expect(parseStated('1,045.50')).toMatchObject({ value: '1045.5', decimals: 2, percent: false });
    expect(parseStated('0.0')).toMatchObject({ value: '0', decimals: 1 });
  });
  it('reads percentages, half- and full-width', () => {
    expect(parseStated('70.47%')).toMatchObject({ value: '70.47', decimals: 2, percent: true });
    expect(parseStated('45％')).toMatchObject({ value: '45', decimals: 0, percent: true });
  });
  it('reads comparison signs and units inside the value', () => {
    expect(parseStated('≥95%')).toMatchObject({ sign: '≥', value: '95', percent: true });
    expect(parseStated('>=80%')).toMatchObject({ sign: '≥', value: '80' });
    expect(parseStated('≥2个')).toMatchObject({ sign: '≥', value: '2', unit: '个' });
    expect(parseStated('=100%')).toMatchObject({ sign: '=', value: '100', percent: true });
  });
  it('marks approximate figures', () => {
    expect(parseStated('60余')).toMatchObject({ value: '60', approximate: true });
    expect(parseStated('4万余本')).toMatchObject({ value: '40000', approximate: true, unit: '本' });
  });
  it('keeps text as text: never a silent zero', () => {
    expect(parseStated('优良')).toMatchObject({ value: null, raw: '优良' });
    expect(parseStated('　')).toMatchObject({ value: null, raw: '' });
    expect(parseStated('年度完成')).toMatchObject({ value: null });
    expect(parseStated('2.27%以内以外')).toMatchObject({ value: null });
  });
});
