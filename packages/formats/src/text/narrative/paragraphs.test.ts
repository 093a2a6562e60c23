import { describe, expect, it } from 'vitest';
import { lineAt, proseParagraphs } from './paragraphs.ts';

const numbered = (texts: string[]) => texts.map((text, i) => ({ line: i + 1, text }));

describe('proseParagraphs', () => {
  it('joins a sentence split by a page break and keeps each part’s line', () => {
    const [p] = proseParagraphs(
      numbered(['年初预算执行数为701.61万元，实际全年预算执行数', '', '为 717.52 万元，超出 15.91 万元。']),
    );
    expect(p!.text).toBe('年初预算执行数为701.61万元，实际全年预算执行数为717.52万元，超出15.91万元。');
    expect(lineAt(p!, p!.text.indexOf('717.52'))).toBe(3);
  });
  it('does not join a heading, a numbered item or a table row', () => {
    const ps = proseParagraphs(
      numbered([
        '一、部门基本情况',
        '1. 人民调解项目绩效自评概述：得分 93.85 分，',
        '序号\t项目名称',
        '2. 社区矫正',
      ]),
    );
    expect(ps.map((p) => p.text)).toEqual([
      '一、部门基本情况',
      '1、人民调解项目绩效自评概述：得分93.85分，',
      '2、社区矫正',
    ]);
  });
  it('skips one-cell-per-line blocks and their continuation lines', () => {
    const ps = proseParagraphs(numbered(['\t年度预算申请', '(万元)', '\t年初预算数', '', '正文。']));
    expect(ps.map((p) => p.text)).toEqual(['正文。']);
  });
});
