import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { emptyNarrativeFacts } from './narrative/extract.ts';
import { readText } from './read-text.ts';

const seeds = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../examples/seeds');
const seed = (name: string) => readFileSync(resolve(seeds, name), 'utf8');
const noProse = emptyNarrativeFacts;
const read = (text: string) => readText(text, 'x.txt', { narrative: noProse });

describe('readText on damaged input', () => {
  it('an empty text gives no evaluation and says why', () => {
    const doc = read('');
    expect(doc.evaluations).toEqual([]);
    expect(doc.issues.map((i) => i.message)).toEqual(['x.txt：没有找到自评表，也没有读到正文中的数字']);
  });
  it('a table cut mid-row (file truncated) keeps what is there and names the short row', () => {
    const lines = seed('003_cbcf39354c9835b0.txt').split('\n');
    const doc = read(lines.slice(0, 541).join('\n')); // cut after 度量单位 of the first indicator (line 541)
    const project = doc.evaluations[1]!;
    const ind = project.indicators[0]!;
    expect(ind.name).toBe('代理非诉案件（包括行政复议、仲裁、重大决策专项法律意见书等）');
    expect(ind.unit).toBe('件');
    expect(ind.weight).toBeUndefined();
    expect(ind.statedScore).toBeUndefined();
    expect(doc.issues.map((i) => i.message)).toContain(
      '第 535 行：表格「部门预算项目支出绩效自评表（2023年度）」的行只有 7 列，少于表头的 11 列',
    );
  });
  it('a table without a 自评得分 column leaves the scores undefined, not zero', () => {
    const text = seed('000_424dabb8b7582373.txt')
      .split('\n')
      .map((l) =>
        l.includes('\t')
          ? l
              .split('\t')
              .filter((_, i) => i !== 5)
              .join('\t')
          : l,
      )
      .join('\n');
    const rows = read(text).evaluations[0]!.summaryRows;
    expect(rows).toHaveLength(8);
    expect(rows.every((r) => r.statedScore === undefined)).toBe(true);
    expect(rows[0]!.executionRate!.raw).toBe('70.47%');
  });
  it('text in a number cell stays text, with a warning naming the line and column', () => {
    const text = seed('000_424dabb8b7582373.txt').replace('1\t人民调解\t35.20', '1\t人民调解\t三十五万');
    const doc = read(text);
    const row = doc.evaluations[0]!.summaryRows[0]!;
    expect(row.adjustedBudget).toMatchObject({ raw: '三十五万', value: null });
    expect(doc.issues.map((i) => i.message)).toContain(
      '第 106 行：「人民调解」的「全年预算数」应为数字，写的是「三十五万」',
    );
  });
  it('text in an indicator score cell stays text, with a warning', () => {
    const text = seed('001_5414547721c2c4a3.txt').replace('50%\t2\t1\t严格', '50%\t2\t一分\t严格');
    const doc = read(text);
    const ind = doc.evaluations[0]!.indicators.find((i) => i.name === '政府采购执行率')!;
    expect(ind.statedScore).toMatchObject({ raw: '一分', value: null });
    expect(
      doc.issues.some((i) => i.message.startsWith('第 200 行：指标「政府采购执行率」的「得分」应为数字')),
    ).toBe(true);
  });
  it('random tabs, pipes and control characters never throw', () => {
    let s = 1;
    const rand = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
    const alphabet = [
      '\t',
      '|',
      '\n',
      '\n\n',
      '　',
      '合计',
      '一级指标',
      '三级指标',
      '年初预算数',
      '全年预算数',
      '执行率',
      '12.5',
      '%',
      '≥',
      '项目名称',
      'x',
    ];
    for (let n = 0; n < 50; n++) {
      const text = Array.from({ length: 400 }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
      expect(() => read(text)).not.toThrow();
    }
  });
});

describe('readText on tables it cannot place', () => {
  it('a tab table with no known header is reported, not turned into an empty evaluation', () => {
    const doc = read('说明\n\n甲\t乙\t丙\n1\t2\t3\n');
    expect(doc.evaluations).toEqual([]);
    expect(doc.issues.map((i) => i.message)).toContain('第 3–4 行像是表格，但没有认出表头或栏目名称，未读取');
  });
  it('a Markdown pipe table with a separator row reads like seed 004', () => {
    const text = [
      '报告',
      '| 预算项目名称 | 预算资金 | 实际到位资金 | 实际支出资金 |',
      '|---|---|---|---|',
      '| 普法宣传 | 10.00 | 353.02 | 352.29 |',
      '| 合计 | 10.00 | 353.02 | 352.29 |',
    ].join('\n');
    const e = read(text).evaluations[0]!;
    // 预算资金 is the year's budget, 实际到位资金 the funds received, 实际支出资金 what was spent.
    expect(
      e.budget.map((l) => [l.role, l.label, l.initialBudget?.raw, l.received?.raw, l.executed?.raw]),
    ).toEqual([
      ['task', '普法宣传', '10.00', '353.02', '352.29'],
      ['total', '合计', '10.00', '353.02', '352.29'],
    ]);
  });
  it('a tab-row table with a row holding only its second cell stays one table', () => {
    const text = [
      '项目支出绩效自评汇总表',
      '序号\t项目名称\t全年预算数\t全年执行数\t预算执行率',
      '\t人民调解',
      '2\t社区矫正\t40.00\t18.00\t45%',
    ].join('\n');
    const rows = read(text).evaluations[0]!.summaryRows;
    expect(rows.map((r) => r.name)).toEqual(['人民调解', '社区矫正']);
  });
});
