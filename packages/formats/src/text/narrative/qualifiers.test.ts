import { describe, expect, it } from 'vitest';
import { qualifiersOf } from './qualifiers.ts';

describe('qualifiersOf', () => {
  it('tells 年初 budget figures from the year’s', () => {
    expect(
      qualifiersOf('2024年收入支出年初预算安排1,670.62万元,其中:基本支出1,590.62万元、项目支出', '项目支出'),
    ).toEqual(['年初', '预算']);
    expect(
      qualifiersOf('2024年支出合计2,661.83万元,其中:基本支出1,616.31万元、项目支出', '项目支出'),
    ).toEqual([]);
  });
  it('ignores words inside a cited title and keeps only the latest month', () => {
    expect(
      qualifiersOf(
        '根据《关于下达2024年预算的通知》,截至9月30日进度为75.89%,截至11月30日进度达到',
        '截至11月30日进度达到',
      ),
    ).toEqual(['11月']);
  });
  it('keeps 较上年 to its clause', () => {
    expect(qualifiersOf('项目支出1,045.52万元,较上年增加', '较上年增加')).toEqual(['较上年']);
    expect(qualifiersOf('较上年增加609.88万元,预算支出完成率', '预算支出完成率')).toEqual(['预算']);
  });
});
