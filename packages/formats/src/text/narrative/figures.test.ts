import { describe, expect, it } from 'vitest';
import { findFigures } from './figures.ts';

const raws = (text: string) => findFigures(text).map((f) => f.raw);

describe('findFigures', () => {
  it('reads amounts, rates, counts and scores with their units', () => {
    expect(raws('其中:基本支出1,616.31万元、项目支出1,045.50万元')).toEqual(['1,616.31万元', '1,045.50万元']);
    expect(raws('调解成功率为97.60%,接待咨询3576人次,得分为10分')).toEqual(['97.60%', '3576人次', '10分']);
    expect(findFigures('项目支出1,045.50万元')[0]!.value).toMatchObject({
      value: '1045.5',
      decimals: 2,
      unit: '万元',
    });
  });
  it('leaves out years, dates, document numbers and bare numbers', () => {
    expect(raws('截至2024年9月30日,国发〔2021〕5号,“12348”热线,图1:')).toEqual([]);
    expect(raws('项目完成时效1年')).toEqual(['1年']);
  });
  it('keeps a comparison sign and 近 with the figure; 以上 becomes ≥', () => {
    expect(findFigures('(全年目标值:>=1期)')[0]!.value).toMatchObject({
      raw: '>=1期',
      sign: '≥',
      value: '1',
    });
    expect(findFigures('涉案金额近500余万元')[0]!.value).toMatchObject({
      raw: '近500余万元',
      approximate: true,
    });
    expect(findFigures('要求的80%以上')[0]!.value).toMatchObject({ raw: '80%以上', sign: '≥', value: '80' });
  });
  it('reads "预算3万" as 3 万元 but "4万余本" as 40000 books', () => {
    expect(findFigures('年初预算3万，主要用于')[0]!.value).toMatchObject({
      raw: '3万',
      value: '3',
      unit: '万元',
    });
    expect(findFigures('发放法治宣传手册4万余本')[0]!.value).toMatchObject({ value: '40000', unit: '本' });
  });
  it('ignores figures inside a cited title 《…》', () => {
    expect(raws('《…关于政法部门贯彻落实…的12条意见》等文件')).toEqual([]);
  });
});
