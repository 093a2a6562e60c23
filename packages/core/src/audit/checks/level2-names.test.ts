import { describe, expect, it } from 'vitest';
import { ctx, evaluation, indicator } from '../test-kit.ts';
import { checkLevel2Names, level2SlipOf } from './level2-names.ts';

describe('二级指标 names that are a slip of the national one', () => {
  it('finds 018’s 日效性指标 (时效指标) and 038’s doubled 社会效益效益指标', () => {
    expect(level2SlipOf('日效性指标')).toBe('时效指标');
    expect(level2SlipOf('社会效益效益指标')).toBe('社会效益指标');
    expect(level2SlipOf('社会效应指标')).toBe('社会效益指标');
  });
  it('leaves the national names, a region’s qualified names and names near several alone', () => {
    for (const name of [
      '时效指标',
      '社会效益',
      '服务对象满意度指标',
      '群众满意度 指标',
      '项目效益',
      '效益',
      '履职效能',
      '',
    ])
      expect(level2SlipOf(name), name).toBeNull();
  });
  it('says it once per name, with the rows under it and where it is', () => {
    const e = evaluation({
      indicators: [
        indicator({
          name: '解决群众问题时间',
          level1: '产出指标',
          level2: '日效性指标',
          target: '≤2天',
          line: 12,
        }),
        indicator({ name: '办结及时率', level1: '产出指标', level2: '日效性指标', target: '≥95%', line: 13 }),
        indicator({
          name: '办结信访案件',
          level1: '产出指标',
          level2: '数量指标',
          target: '168起',
          line: 10,
        }),
      ],
    });
    const found = checkLevel2Names(ctx(e));
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('warning');
    expect(found[0]!.message).toBe(
      '二级指标「日效性指标」不是规范的二级指标名称，像是「时效指标」的笔误（其下有 2 个三级指标：解决群众问题时间、办结及时率）。请按「时效指标」填写。',
    );
    expect(found[0]!.location.line).toBe(12);
  });
});
