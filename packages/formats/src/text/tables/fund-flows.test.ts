import { newEvaluation, type ReadIssue } from '@jixiao/core';
import { describe, expect, it } from 'vitest';
import { readText } from '../read-text.ts';
import { emptyNarrativeFacts } from '../narrative/extract.ts';
import { readFundFlows } from './fund-flows.ts';
import type { RawRow } from './types.ts';

const noProse = emptyNarrativeFacts;

const row = (line: number, ...texts: string[]): RawRow => ({
  cells: texts.map((text) => ({ text, line })),
  line,
  afterBreak: false,
});

describe('项目收支表 whose header is short', () => {
  it('a padding row above the header (the shape that crashed on "reading \'layout\'") reads the lines under the real header', () => {
    const text = [
      '报告',
      '| |',
      '| 预算项目名称 | 预算资金 | 实际到位资金 | 实际支出资金 |',
      '| 普法宣传 | 10.00 | 353.02 | 352.29 |',
      '| 合计 | 10.00 | 353.02 | 352.29 |',
    ].join('\n');
    const doc = readText(text, 'x.txt', { narrative: noProse });
    expect(doc.evaluations[0]!.budget.map((l) => [l.label, l.received?.raw, l.executed?.raw])).toEqual([
      ['普法宣传', '353.02', '352.29'],
      ['合计', '353.02', '352.29'],
    ]);
  });

  it('a header of fewer than two cells is a Chinese reading issue naming the line, not an exception', () => {
    const issues: ReadIssue[] = [];
    const rows = [row(3, '预算项目名称'), row(4, '实际到位资金'), row(5, '普法宣传', '10.00', '353.02')];
    const lines = readFundFlows({
      file: 'x.txt',
      table: { layout: 'pipe-rows', rows, firstLine: 3, lastLine: 5 },
      tableTitle: '项目收支情况表',
      evaluation: newEvaluation({ id: 'e', title: '项目收支情况表', kind: 'department' }),
      issues,
      documentText: '',
    });
    expect(lines).toEqual([]);
    expect(issues).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'fund-flows-header-short',
        message: '第 3 行：项目收支表的表头不足两栏，无法确定各列含义，此表未读取',
      }),
    ]);
  });
});
