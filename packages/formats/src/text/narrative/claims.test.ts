import { describe, expect, it } from 'vitest';
import { claimsIn } from './claims.ts';
import type { Paragraph } from './paragraphs.ts';

const p = (text: string): Paragraph => ({
  text,
  starts: [{ offset: 0, line: 7 }],
  level: null,
  titleLike: false,
});

describe('claims that every target was met', () => {
  it('reads the ways the seeds say it', () => {
    for (const text of [
      '2021年部门整体绩效自评结果显示，我单位绩效管理情况较为理想，达到了年初设定的各项绩效目标。',
      '本单位2024年共有8个项目，资金总170.8万元，8个项目均实现了2024年度的绩效目标。',
      '资金使用及管理规范，制度落实到位，绩效考核目标任务圆满完成，我单位部门整体绩效评价得分为99分。',
    ]) {
      const [c] = claimsIn(p(text), 'f.txt', undefined);
      expect(c, text).toMatchObject({ kind: 'all-targets-met', source: { file: 'f.txt', line: 7 } });
    }
  });
  it('takes a hedge for what it is', () => {
    expect(claimsIn(p('我局较好的完成各项的工作任务，各个项目得到有序得到开展。'), 'f', undefined)).toEqual(
      [],
    );
    expect(claimsIn(p('红河州司法局2024年部门整体绩效目标基本完成。'), 'f', undefined)).toEqual([]);
  });
});
