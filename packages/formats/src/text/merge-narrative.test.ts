import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseStated } from '@jixiao/core';
import type { NarrativeFacts } from './narrative/types.ts';
import { readText } from './read-text.ts';

const seeds = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../examples/seeds');
const seed = (name: string) => readFileSync(resolve(seeds, name), 'utf8');
const facts = (more: Partial<NarrativeFacts>) => (): NarrativeFacts => ({
  statements: [],
  categoryScores: [],
  indicatorCounts: [],
  monitoring: [],
  unmetExplanations: [],
  statedTotals: [],
  statedGrades: [],
  ...more,
});

describe('merging what the prose says', () => {
  it('fills year and organization the table lacks (seed 000: 2024 from the prose)', () => {
    const doc = readText(seed('000_424dabb8b7582373.txt'), 'x', {
      narrative: facts({ year: 2024, organization: '金安区司法局' }),
    });
    expect(doc.evaluations[0]).toMatchObject({ kind: 'summary', year: 2024, organization: '金安区司法局' });
  });
  it('never overrides what the table states (seed 001: 2021 and 99 stay)', () => {
    const doc = readText(seed('001_5414547721c2c4a3.txt'), 'x', {
      narrative: facts({
        year: 2020,
        organization: '上街区司法局',
        statedTotals: [{ value: parseStated('98'), text: '得分为 98 分' }],
        statedGrades: [{ raw: '良', text: '自评结果为良' }],
      }),
    });
    expect(doc.evaluations[0]).toMatchObject({ year: 2021, organization: '郑州市上街区司法局机关' });
    expect(doc.evaluations[0]!.statedTotal!.raw).toBe('99');
    expect(doc.evaluations[0]!.statedGrade!.raw).toBe('优');
  });
  it('puts department facts on the department evaluation and project totals on their project', () => {
    const doc = readText(seed('003_cbcf39354c9835b0.txt'), 'x', {
      narrative: facts({
        categoryScores: [{ level1: '投入', weight: parseStated('20') }],
        monitoring: [{ month: 6, target: parseStated('40%') }],
        statedTotals: [
          { value: parseStated('100'), text: '自评得分100分' },
          { value: parseStated('95'), about: '案件代理', text: '…' },
        ],
      }),
    });
    const [department, caseAgency] = doc.evaluations;
    expect(department!.categoryScores.map((c) => c.level1)).toEqual([
      '部门预算管理',
      '绩效结果应用',
      '自评质量',
      '投入',
    ]);
    expect(department!.monitoring).toHaveLength(1);
    expect(department!.statedTotal!.raw).toBe('100');
    expect(caseAgency!.statedTotal!.raw).toBe('100'); // the table's 合计 wins over the prose
    expect(doc.evaluations.slice(1).every((e) => e.monitoring.length === 0)).toBe(true);
  });
  it('the department evaluation of seed 004 carries the prose counts and grade, beside the pipe table', () => {
    const doc = readText(seed('004_bfa41fd3fc706bb4.txt'), 'x', {
      narrative: facts({
        title: '红河州司法局2024年度部门整体支出绩效单位自评报告(本局)',
        indicatorCounts: [{ type: '合计', planned: parseStated('139'), completed: parseStated('131') }],
        statedTotals: [{ value: parseStated('96.70'), text: '自评得分96.70分' }],
        statedGrades: [{ raw: '优', text: '评价等级为“优”' }],
      }),
    });
    expect(doc.evaluations).toHaveLength(1);
    const e = doc.evaluations[0]!;
    expect(e.indicatorCounts).toHaveLength(1);
    expect([e.statedTotal!.raw, e.statedGrade!.raw]).toEqual(['96.70', '优']);
    expect(e.budget.filter((l) => l.role === 'task')).toHaveLength(7);
  });
  it('a report without tables gets a department evaluation from its prose', () => {
    const doc = readText('某某局2024年度部门整体支出绩效自评报告\n\n自评得分90分。', 'x', {
      narrative: facts({ statedTotals: [{ value: parseStated('90'), text: '自评得分90分' }], year: 2024 }),
    });
    expect(doc.evaluations).toHaveLength(1);
    expect(doc.evaluations[0]).toMatchObject({
      kind: 'department',
      title: '某某局2024年度部门整体支出绩效自评报告',
      year: 2024,
    });
    expect(doc.evaluations[0]!.statedTotal!.raw).toBe('90');
  });
  it('a department total in the prose of a 汇总表 report makes no second evaluation (seed 000: 94.32)', () => {
    const doc = readText(seed('000_424dabb8b7582373.txt'), 'x', {
      narrative: facts({
        statedTotals: [{ value: parseStated('94.32'), text: '部门整体绩效自评得分：94.32 分' }],
        monitoring: [{ month: 9, actual: parseStated('50%') }],
      }),
    });
    expect(doc.evaluations).toHaveLength(1);
    expect(doc.evaluations[0]!.statedTotal).toBeUndefined();
  });
  it('statements go to the document', () => {
    const statement = {
      subject: '法律援助案件',
      qualifiers: [],
      value: parseStated('526'),
      text: '受理法律援助案件526件',
    };
    const doc = readText('', 'x', { narrative: facts({ statements: [statement] }) });
    expect(doc.statements).toEqual([statement]);
    expect(doc.issues).toEqual([]);
  });
  it('a failing prose extractor costs the prose, not the tables', () => {
    const doc = readText(seed('000_424dabb8b7582373.txt'), 'x', {
      narrative: () => {
        throw new Error('boom');
      },
    });
    expect(doc.evaluations[0]!.summaryRows).toHaveLength(8);
    const issue = doc.issues.find((i) => i.code === 'narrative-unreadable')!;
    // The person reading the message is told what was lost, not the exception's text.
    expect(issue.message).toBe('x 的正文无法辨认，只读取了表格');
    expect(issue.message).not.toContain('boom');
  });
});
