import type { NarrativeStatement } from '@jixiao/core';
import { describe, expect, it } from 'vitest';
import { extractNarrative } from './extract.ts';
import { seedLines } from './seed-lines.ts';

function read(prefix: string) {
  const { file, lines } = seedLines(prefix);
  return extractNarrative(lines, file);
}
const seed000 = read('000');
const seed001 = read('001');
const seed002 = read('002');
const seed003 = read('003');
const seed004 = read('004');

function find(statements: NarrativeStatement[], subject: string, raw?: string): NarrativeStatement[] {
  return statements.filter((s) => s.subject === subject && (raw === undefined || s.value.raw === raw));
}

describe('seed 000 (金安区)', () => {
  it('reads the department score and each project score with its project', () => {
    expect(seed000.statedTotals.map((t) => [t.about ?? '部门', t.value.value])).toEqual([
      ['部门', '94.32'],
      ['人民调解', '93.85'],
      ['社区矫正', '93.25'],
      ['法治宣传及法治文化建设(含法治乡村建设)', '84'],
      ['区政府法律顾问专项经费', '97.7'],
      ['区政府行政复议案件', '84'],
      ['区政府行政应诉工作', '84'],
      ['依法治区办工作经费及法治区督查', '90'],
      ['城乡困难群体法律援助', '90'],
    ]);
    expect(seed000.statedTotals[0]!.source).toEqual({ file: expect.any(String), line: 25 });
  });
  it('ties 人民调解 figures to the project: 35.2 budget, 24.81 executed, 70.47% rate', () => {
    const mine = seed000.statements.filter((s) => s.about === '人民调解');
    expect(mine.map((s) => [s.subject, s.value.raw])).toEqual(
      expect.arrayContaining([
        ['全年预算数', '35.2万元'],
        ['执行数', '24.81万元'],
        ['完成预算', '70.47%'],
        ['调解成功率', '99.37%'],
      ]),
    );
    expect(find(mine, '执行数')[0]!.qualifiers).toContain('执行');
  });
  it('marks "60 余场次" and "99% 左右" approximate, with their units', () => {
    const lectures = find(seed000.statements, '组织开展民法典专题讲座')[0]!;
    expect(lectures.value).toMatchObject({ value: '60', approximate: true, unit: '场次' });
    expect(lectures.source?.line).toBe(17);
    expect(find(seed000.statements, '矛盾调解成功率')[0]!.value).toMatchObject({
      value: '99',
      approximate: true,
    });
  });
  it('does not read the list marker of "1. 2024年…" as the number 1.2024', () => {
    expect(seed000.statements.some((s) => s.value.raw.startsWith('1.2024'))).toBe(false);
  });
  it('finds year and organization, not the finance bureau cited in 《》', () => {
    expect(seed000.year).toBe(2024);
    expect(seed000.organization).toBe('金安区司法局');
    expect(seed000.title).toBe('部门绩效自评工作情况总结');
  });
  it('skips the summary table at the end', () => {
    expect(seed000.statements.some((s) => (s.source?.line ?? 0) >= 105)).toBe(false);
  });
});

describe('seed 001 (上街区)', () => {
  it('reads the total 99 and grade 优', () => {
    expect(seed001.statedTotals.map((t) => t.value.raw)).toEqual(['99分']);
    expect(seed001.statedTotals[0]!.about).toBeUndefined();
    expect(seed001.statedGrades.map((g) => [g.raw, g.source?.line])).toEqual([
      ['优', 73],
      ['优', 149],
    ]);
  });
  it('reads the 一级 subtotals: 投入管理 30/29, 产出 30/30, 效益 30/30, 预算执行率 score 10', () => {
    expect(
      seed001.categoryScores.map((c) => [c.level1, c.weight?.value ?? null, c.statedScore?.value ?? null]),
    ).toEqual([
      ['预算执行率', null, '10'],
      ['投入管理指标', '30', '29'],
      ['产出指标', '30', '30'],
      ['效益指标', '30', '30'],
    ]);
  });
  it('names what "该项得分" refers to: 履职效益 18, 受援群众满意度 6, 投入管理指标 29', () => {
    expect(find(seed001.statements, '履职效益得分')[0]!.value.raw).toBe('18分');
    expect(find(seed001.statements, '受援群众满意度得分')[0]!.value.raw).toBe('6分');
    expect(find(seed001.statements, '司法行政工作人员满意度得分')[0]!.value.raw).toBe('6分');
    expect(find(seed001.statements, '投入管理指标得分')[0]!.value.raw).toBe('29分');
  });
  it('joins a figure split over a page break to its subject: 实际全年预算执行数 717.52 on line 105', () => {
    const s = find(seed001.statements, '实际全年预算执行数', '717.52万元')[0]!;
    expect(s.source?.line).toBe(105);
    expect(s.qualifiers).toEqual(expect.arrayContaining(['全年', '执行']));
  });
  it('reads the LaTeX target "$\\geq 95\\%$" as ≥95%', () => {
    expect(find(seed001.statements, '预算执行率年初目标')[0]!.value).toMatchObject({
      sign: '≥',
      value: '95',
    });
  });
  it('finds year 2021 and 上街区司法局', () => {
    expect(seed001.year).toBe(2021);
    expect(seed001.organization).toBe('上街区司法局');
  });
});

describe('seed 002 (雁峰区)', () => {
  it('extracts the wrong share 项目支出 44.67% with its numerator and denominator', () => {
    const share = find(seed002.statements, '项目支出占本年支出')[0]!;
    expect(share).toMatchObject({ numerator: '项目支出', denominator: '本年支出' });
    expect(share.value.value).toBe('44.67');
    expect(share.source?.line).toBe(192);
    expect(find(seed002.statements, '项目支出', '286.74万元')).toHaveLength(1);
  });
  it('reads 决算数 674.85 against 年初预算 495.66', () => {
    expect(find(seed002.statements, '决算数', '674.85万元')[0]!.qualifiers).toContain('决算');
    expect(find(seed002.statements, '部门年初支出预算数')[0]!.value.value).toBe('495.66');
  });
  it('reads the department score 96.12 and "近500余万元" as approximate', () => {
    expect(seed002.statedTotals.map((t) => t.value.value)).toEqual(['96.12']);
    expect(find(seed002.statements, '涉案金额')[0]!.value).toMatchObject({
      value: '500',
      unit: '万元',
      approximate: true,
    });
  });
  it('skips the one-cell-per-line table and its continuation lines', () => {
    expect(seed002.statements.some((s) => (s.source?.line ?? 0) < 150)).toBe(false);
  });
  it('builds the title from the body name above it', () => {
    expect(seed002.title).toBe('雁峰区司法局2024年度部门整体支出绩效自评报告');
    expect(seed002.organization).toBe('雁峰区司法局');
    expect(seed002.year).toBe(2024);
  });
});

describe('any report', () => {
  it('reads nothing from an empty file or one made of tables only', () => {
    expect(extractNarrative([], 'x.txt').statements).toEqual([]);
    const tables = extractNarrative(
      [
        { line: 1, text: '序号\t项目名称\t得分' },
        { line: 2, text: '1\t普法\t90' },
      ],
      'x.txt',
    );
    expect(tables.statements).toEqual([]);
    expect(tables.statedTotals).toEqual([]);
  });
  it('reads a project paragraph it has never seen', () => {
    const facts = extractNarrative(
      [
        { line: 1, text: '三、项目自评结果' },
        {
          line: 2,
          text: '2. 禁毒宣传项目绩效自评概述：项目自评得分 88.5 分，全年预算数 12 万元，执行数 9.6 万元，完成预算的 80%。',
        },
        { line: 3, text: '全年共开展禁毒宣传活动 45 场次，较上年增加 5 场次。' },
      ],
      'y.txt',
    );
    expect(facts.statedTotals.map((t) => [t.about, t.value.value, t.source?.line])).toEqual([
      ['禁毒宣传', '88.5', 2],
    ]);
    expect(facts.statements.map((s) => [s.subject, s.value.raw, s.about])).toEqual([
      ['项目自评得分', '88.5分', '禁毒宣传'],
      ['全年预算数', '12万元', '禁毒宣传'],
      ['执行数', '9.6万元', '禁毒宣传'],
      ['完成预算', '80%', '禁毒宣传'],
      ['开展禁毒宣传活动', '45场次', '禁毒宣传'],
      ['开展禁毒宣传活动较上年增加', '5场次', '禁毒宣传'],
    ]);
    expect(facts.statements[5]!.qualifiers).toContain('较上年');
  });
});

describe('seed 003 (安居区)', () => {
  it('gives 列管社区矫正对象 366 and 337 one subject, qualifiers and project, so the audit can compare them', () => {
    const all = find(seed003.statements, '列管社区矫正对象');
    expect(all.map((s) => s.value.raw)).toEqual(['366人', '366人', '366人', '337人', '366人']);
    const inProject = all.filter((s) => s.about === '社区矫正办公经费');
    expect(inProject.map((s) => [s.value.raw, s.source?.line])).toEqual([
      ['366人', 160],
      ['337人', 1596],
      ['366人', 1618],
    ]);
    expect(new Set(inProject.map((s) => s.qualifiers.join('+')))).toEqual(new Set(['全年']));
  });
  it('reads each project score, inline and in each project report', () => {
    const about = (t: { about?: string }) => t.about ?? '部门';
    expect(seed003.statedTotals.map(about)).toEqual([
      '部门',
      '案件代理',
      '普法宣传',
      '安置帮教',
      '社区矫正办公经费',
      '法律援助',
      '部门',
      '案件代理',
      '普法宣传',
      '安置帮教',
      '社区矫正办公经费',
      '法律援助',
    ]);
    expect(seed003.statedTotals.every((t) => t.value.value === '100')).toBe(true);
    expect(seed003.statedGrades.map((g) => [g.raw, g.about])).toEqual([
      ['良好', '案件代理'],
      ['良好', '普法宣传'],
      ['良好', '安置帮教'],
      ['良好', '社区矫正办公经费'],
      ['良好', '法律援助'],
    ]);
  });
  it('reads "年初预算3万" as 3 万元 and "4万余本" as forty thousand books', () => {
    const budget = seed003.statements.find((s) => s.source?.line === 1427)!;
    expect(budget.value).toMatchObject({ raw: '3万', value: '3', unit: '万元' });
    expect(find(seed003.statements, '发放法治宣传手册')[0]!.value).toMatchObject({
      value: '40000',
      unit: '本',
      approximate: true,
    });
  });
  it('reads shares with the whole named before 其中', () => {
    const s = find(seed003.statements, '基本支出占比')[0]!;
    expect(s).toMatchObject({ numerator: '基本支出', denominator: '本年支出合计' });
    expect(s.value.value).toBe('76.81');
  });
  it('skips chart labels and the table blocks (lines 303–1418)', () => {
    expect(seed003.statements.some((s) => /^\d/.test(s.subject))).toBe(false);
    expect(seed003.statements.some((s) => s.source!.line! > 302 && s.source!.line! < 1419)).toBe(false);
  });
  it('takes the noun after a measure word: "设10个内设机构和19个基层司法所", "仅有3个律师事务所、7名社会律师"', () => {
    expect(
      seed003.statements.filter((s) => s.source?.line === 223).map((s) => [s.subject, s.value.raw]),
    ).toEqual(
      expect.arrayContaining([
        ['内设机构', '10个'],
        ['基层司法所', '19个'],
      ]),
    );
    expect(find(seed003.statements, '社会律师', '7名').length).toBeGreaterThan(0);
    expect(find(seed002.statements, '矫正对象', '141名')).toHaveLength(1);
  });
  it('finds year 2023 and 遂宁市安居区司法局', () => {
    expect(seed003.year).toBe(2023);
    expect(seed003.organization).toBe('遂宁市安居区司法局');
  });
  it('takes milliseconds, not seconds', () => {
    const { file, lines } = seedLines('003');
    const t0 = performance.now();
    extractNarrative(lines, file);
    expect(performance.now() - t0).toBeLessThan(500);
  });
});

describe('seed 004 (红河州)', () => {
  it('tells 年初 项目支出 80.00 from the year’s 1,045.50 and keeps 1,045.52 comparable with it', () => {
    const all = find(seed004.statements, '项目支出');
    expect(all.map((s) => [s.value.raw, s.qualifiers.join('+'), s.source?.line])).toEqual([
      ['80.00万元', '年初+预算', 81],
      ['1,045.50万元', '', 86],
      ['1,045.52万元', '', 108],
    ]);
  });
  it('counts indicators by type: 139 set, 131 completed', () => {
    const counts = Object.fromEntries(
      seed004.indicatorCounts.map((c) => [c.type, [c.planned?.value, c.completed?.value]]),
    );
    expect(counts).toEqual({
      数量指标: ['56', '55'],
      质量指标: ['43', '40'],
      时效指标: ['4', '2'],
      成本指标: ['1', '1'],
      经济效益指标: ['1', '0'],
      社会效益指标: ['20', '19'],
      可持续影响指标: ['5', '5'],
      服务对象满意度指标: ['9', '9'],
      合计: ['139', '131'],
    });
    expect(seed004.indicatorCounts.at(-1)!.type).toBe('合计');
  });
  it('reads the execution checkpoints: 9月 ≥80% 75.89%, 11月 ≥95% 92.28%, year-end 92.28%', () => {
    expect(
      seed004.monitoring.map((m) => [
        m.month,
        m.target?.sign ?? null,
        m.target?.value ?? null,
        m.actual?.value,
      ]),
    ).toEqual([
      [9, '≥', '80', '75.89'],
      [11, '≥', '95', '92.28'],
      [12, null, null, '92.28'],
    ]);
    expect(seed004.monitoring[0]!.reason).toBe('受财政收入影响,未能按照预算执行进度支出财政资金');
  });
  it('reads the six unmet targets with type, target, actual and reason', () => {
    expect(
      seed004.unmetExplanations.map((u) => [u.type, u.indicator, u.target?.raw, u.actual?.raw ?? null]),
    ).toEqual([
      ['数量指标', '人民监督员专项业务培训', '>=1期', '0期'],
      ['质量指标', '创建州级民主法治示范村(社区)数量', '>=100个', '0个'],
      ['质量指标', '人民监督员业务培训合格率', '=100%', null],
      ['质量指标', '社区矫正对象重新犯罪率', '<=0.02%', '0.25%'],
      ['时效指标', '预算执行支出进度9月30日', '>=80%', '75.89%'],
      ['时效指标', '预算执行支出进度11月30日', '>=95%', '92.28%'],
    ]);
    expect(seed004.unmetExplanations[0]!.reason).toBe('因故人民监督员专项业务培训未组织');
    expect(seed004.unmetExplanations[3]!.source?.line).toBe(120);
  });
  it('reads 96.70 and 优, the title, year and organization', () => {
    expect(seed004.statedTotals.map((t) => [t.value.raw, t.about])).toEqual([['96.70分', undefined]]);
    expect(seed004.statedGrades.map((g) => g.raw)).toEqual(['优']);
    expect(seed004.title).toBe('红河州司法局2024年度部门整体支出绩效单位自评报告(本局)');
    expect(seed004.year).toBe(2024);
    expect(seed004.organization).toBe('红河州司法局');
  });
  it('reads 调解成功率为97.60% and 全年共受理… style subjects', () => {
    expect(find(seed004.statements, '调解成功率', '97.60%')).toHaveLength(2);
    expect(find(seed003.statements, '受理法律援助案件', '526件').length).toBeGreaterThan(0);
    expect(find(seed004.statements, '基本支出', '1,616.31万元').map((s) => s.source?.line)).toEqual([
      86, 106,
    ]);
  });
  it('skips the pipe table (lines 92–101)', () => {
    expect(seed004.statements.some((s) => s.source!.line! >= 92 && s.source!.line! <= 101)).toBe(false);
  });
});
