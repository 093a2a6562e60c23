import { describe, expect, it } from 'vitest';
import type { Finding } from '../model/finding.ts';
import { mergeSameFindings } from './merge.ts';

// Seed 004 line 86: 支出合计 2,661.83万元，其中 基本支出 1,616.31万元、项目支出 1,045.50万元; line 108 says 1,045.52万元.
const conflict = (): Finding => ({
  code: 'narrative-conflict',
  severity: 'error',
  message:
    '报告对「项目支出」前后说法不一：1,045.50万元（第 86 行），1,045.52万元（第 108 行）。请核实并统一。',
  location: { line: 86 },
  evidence: { stated: '1,045.50万元', others: [{ value: '1,045.52万元', location: { line: 108 } }] },
});
const sum = (parts: Record<string, string>, computed: string): Finding => ({
  code: 'sum-mismatch',
  severity: 'warning',
  message:
    '正文称「支出合计」2,661.83万元，其中各项相加为 2661.81 万元，差 0.02 万元，像是某一项数字写错了。',
  location: { line: 86 },
  evidence: {
    stated: '2,661.83万元',
    computed,
    inputs: parts,
    formula: '1,616.31万元 + 1,045.50万元 = 2661.81',
  },
});

describe('findings that say the same thing are one', () => {
  it('seed 004: the sum that adds up with the other side of the 1,045.50 / 1,045.52 conflict is folded into it', () => {
    const out = mergeSameFindings([
      conflict(),
      sum({ 基本支出: '1,616.31万元', 项目支出: '1,045.50万元' }, '2661.81'),
    ]);
    expect(out.map((f) => f.code)).toEqual(['narrative-conflict']);
    expect(out[0]!.message).toContain('相加为 2,661.81万元；若按 1,045.52万元 计，正好等于 2,661.83万元');
    expect(out[0]!.severity).toBe('error');
  });
  it('a sum still off with the other value stays its own finding', () => {
    const out = mergeSameFindings([
      conflict(),
      sum({ 基本支出: '1,600.00万元', 项目支出: '1,045.50万元' }, '2645.50'),
    ]);
    expect(out.map((f) => f.code)).toEqual(['narrative-conflict', 'sum-mismatch']);
  });
  it('a sum that does not use either side of a conflict is left alone', () => {
    const out = mergeSameFindings([
      conflict(),
      sum({ 基本支出: '1,616.31万元', 项目支出: '1,045.49万元' }, '2661.80'),
    ]);
    expect(out).toHaveLength(2);
  });
});
