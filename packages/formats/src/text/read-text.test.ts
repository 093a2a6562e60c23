import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { BudgetLine, Evaluation, EvaluationDocument, Indicator, Stated } from '@jixiao/core';
import { emptyNarrativeFacts } from './narrative/extract.ts';
import { readText } from './read-text.ts';

const seeds = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../examples/seeds');
const noProse = emptyNarrativeFacts;
/** Tables only: these tests must not depend on the prose extractor. */
function seed(prefix: string): EvaluationDocument {
  const name = [
    '000_424dabb8b7582373',
    '001_5414547721c2c4a3',
    '002_2938c48e62223733',
    '003_cbcf39354c9835b0',
    '004_bfa41fd3fc706bb4',
  ].find((n) => n.startsWith(prefix))!;
  const file = join(seeds, `${name}.txt`);
  return readText(readFileSync(file, 'utf8'), file, { narrative: noProse });
}
const raw = (s: Stated | undefined) => s?.raw;
const amounts = (l: BudgetLine | undefined) =>
  l && [raw(l.initialBudget), raw(l.adjustedBudget), raw(l.executed), raw(l.executionRate)];
const line = (e: Evaluation, label: string) => e.budget.find((l) => l.label === label);
const indicator = (e: Evaluation, name: string): Indicator => e.indicators.find((i) => i.name === name)!;

describe('seed 000: tab rows, a 项目支出绩效自评汇总表', () => {
  const doc = seed('000');
  const e = doc.evaluations[0]!;
  it('reads one summary evaluation with its eight projects', () => {
    expect(doc.evaluations).toHaveLength(1);
    expect(e).toMatchObject({ kind: 'summary', title: '项目支出绩效自评汇总表' });
    expect(e.summaryRows.map((r) => r.name)).toEqual([
      '人民调解',
      '社区矫正',
      '法治宣传及法治文化建设(含法治乡村建设)',
      '区政府法律顾问专项经费',
      '区政府行政复议案件专项经费',
      '区政府行政应诉工作经费',
      '依法治区办工作经费及法治区督查经费',
      '城乡困难群体法律援助',
    ]);
  });
  it('keeps every figure as written, with its line', () => {
    const [first, second, third] = e.summaryRows;
    expect([
      raw(first!.adjustedBudget),
      raw(first!.executed),
      raw(first!.executionRate),
      raw(first!.statedScore),
    ]).toEqual(['35.20', '24.81', '70.47%', '93.85']);
    expect(first!.deviation).toBe('');
    expect(first!.executionRate).toMatchObject({ value: '70.47', percent: true, decimals: 2 });
    expect(first!.adjustedBudget!.source).toMatchObject({
      line: 106,
      column: '全年预算数',
      table: '项目支出绩效自评汇总表',
    });
    expect([
      raw(second!.adjustedBudget),
      raw(second!.executed),
      raw(second!.executionRate),
      raw(second!.statedScore),
    ]).toEqual(['40.00', '18.00', '45%', '93.25']);
    expect(third!.deviation).toBe('压缩项目经费，未拨付经费');
    expect(e.summaryRows.map((r) => raw(r.statedScore))).toEqual([
      '93.85',
      '93.25',
      '84',
      '97.7',
      '84',
      '84',
      '90',
      '90',
    ]);
    expect(e.summaryRows[7]!.deviation).toBe('压缩项目经费，未足额拨付');
  });
  it('records the header cells for framework detection', () => {
    expect(e.formSignature).toEqual(expect.arrayContaining(['全年预算数', '预算执行率', '是否有较大偏差']));
  });
});

describe('seed 001: tab rows with damage (shifted rows, a page break inside a merged cell)', () => {
  const doc = seed('001');
  const e = doc.evaluations[0]!;
  it('reads the form header: title, year, organization, total, grade, goal', () => {
    expect(doc.evaluations).toHaveLength(1);
    expect(e).toMatchObject({
      kind: 'department',
      title: '部门整体绩效自评表',
      year: 2021,
      organization: '郑州市上街区司法局机关',
    });
    expect(e.statedTotal).toMatchObject({ raw: '99', value: '99' });
    expect(e.statedGrade?.raw).toBe('优');
    expect(e.goal).toMatch(/^统筹推进全面依法治区.*深化司法行政基层基础治理。$/);
  });
  it('reads the budget block: total, sources and natures, the misaligned 项目支出 row put back', () => {
    const total = e.budget.find((l) => l.role === 'total')!;
    expect(total.label).toBe('部门预算总额');
    expect(amounts(total)).toEqual(['701.61', '701.61', '717.52', '102.27%']);
    expect([raw(total.weight), raw(total.statedScore)]).toEqual(['10', '10']);
    expect(line(e, '财政性资金')).toMatchObject({ role: 'source', partOf: total.id });
    expect(amounts(line(e, '财政性资金'))).toEqual(['701.61', '701.61', '717.52', '102.27%']);
    expect(amounts(line(e, '其他资金'))).toEqual(['0', '0', '0', '0']);
    expect(line(e, '其他资金')!.role).toBe('source');
    expect(line(e, '基本支出')).toMatchObject({ role: 'nature', partOf: total.id });
    expect(amounts(line(e, '基本支出'))).toEqual(['610.95', '610.95', '621.88', '101.79%']);
    expect(line(e, '项目支出')).toMatchObject({ role: 'nature', partOf: total.id });
    expect(amounts(line(e, '项目支出'))).toEqual(['90.66', '90.66', '95.64', '105.49%']);
    expect(doc.issues.map((i) => i.message)).toContain(
      '第 187 行：表格「部门整体绩效自评表」的这一行错位了一列，已按上一行对齐',
    );
  });
  it('reads the 年度主要任务 as tasks of 项目支出', () => {
    const project = line(e, '项目支出')!;
    const tasks = e.budget.filter((l) => l.role === 'task');
    expect(tasks.map((t) => [t.label, raw(t.adjustedBudget), raw(t.executed), raw(t.executionRate)])).toEqual(
      [
        ['社区矫正', '2.00', '0.25', '12.50%'],
        ['法律援助', '10.00', '39.46', '394.60%'],
        ['人民调解', '34.00', '29.93', '88.03%'],
        ['村（居）法律顾问', '12.66', '9.45', '74.64%'],
        ['普法宣传', '2.00', '0.09', '5%'],
        ['法治政府建设', '30.00', '26.16', '87.20%'],
      ],
    );
    expect(tasks.every((t) => t.partOf === project.id)).toBe(true);
  });
  it('reads 30 indicators under their 一级 and 二级, merged cells carried down', () => {
    expect(e.indicators).toHaveLength(30);
    const count = (l1: string, l2?: string) =>
      e.indicators.filter((i) => i.level1 === l1 && (l2 === undefined || i.level2 === l2)).length;
    expect([
      count('投入管理指标'),
      count('投入管理指标', '工作目标管理'),
      count('投入管理指标', '预算和财务管理'),
    ]).toEqual([19, 3, 12]);
    expect(count('投入管理指标', '绩效管理')).toBe(4);
    expect(count('产出指标', '履职目标和主要任务完成情况')).toBe(6);
    expect([count('效益指标', '履职效益'), count('效益指标', '满意度')]).toEqual([3, 2]);
  });
  it('joins the 二级 name cut by the page break, and says so', () => {
    expect(indicator(e, '上街区行政规范性文件是否全面清理').level2).toBe('履职目标和主要任务完成情况');
    expect(indicator(e, '建成三星级以上规范化司法所数量')).toMatchObject({
      level1: '产出指标',
      level2: '履职目标和主要任务完成情况',
    });
    expect(raw(indicator(e, '建成三星级以上规范化司法所数量').target)).toBe('≥2个');
    expect(doc.issues.some((i) => i.message.includes('「履职目标和主」在分页处断开'))).toBe(true);
  });
  it('reads targets, directions, actuals, weights, scores and reasons', () => {
    const purchase = indicator(e, '政府采购执行率');
    expect(purchase).toMatchObject({
      direction: '≥',
      unit: '%',
      deviationReason: '严格控制资金支出，压缩支出',
    });
    expect([
      raw(purchase.target),
      raw(purchase.actual),
      raw(purchase.weight),
      raw(purchase.statedScore),
    ]).toEqual(['≥90%', '50%', '2', '1']);
    expect(purchase.source).toMatchObject({ line: 200, table: '部门整体绩效自评表' });
    const scientific = indicator(e, '工作任务科学性');
    expect(scientific).toMatchObject({ direction: 'qualitative', unit: '定性指标' });
    expect([
      raw(scientific.target),
      raw(scientific.actual),
      raw(scientific.weight),
      raw(scientific.statedScore),
    ]).toEqual(['科学', '科学', '1', '1']);
    expect(indicator(e, '部门绩效评价完成率').direction).toBe('=');
    expect(indicator(e, '“三公经费”控制率').direction).toBe('≤');
  });
});

describe('seed 002: one cell per line, 一级 and 三级 only', () => {
  const doc = seed('002');
  const e = doc.evaluations[0]!;
  it('reads one department evaluation with its organization and 总分', () => {
    expect(doc.evaluations).toHaveLength(1);
    expect(e).toMatchObject({
      kind: 'department',
      title: '雁峰区司法局整体绩效自评表',
      organization: '雁峰区司法局',
    });
    expect(e.statedTotal).toMatchObject({ raw: '96.12', value: '96.12' });
    expect(e.statedTotal!.source).toMatchObject({ line: 145 });
  });
  it('reads the budget total without an executed column, and the sources and natures as adjusted amounts', () => {
    const total = e.budget.find((l) => l.role === 'total')!;
    expect(total.label).toBe('年度资金总额');
    expect([
      raw(total.initialBudget),
      raw(total.adjustedBudget),
      total.executed,
      raw(total.executionRate),
    ]).toEqual(['495.66', '674.85', undefined, '61.23%']);
    expect([raw(total.weight), raw(total.statedScore)]).toEqual(['10', '6.12']);
    const of = (role: string) =>
      e.budget.filter((l) => l.role === role).map((l) => [l.label, raw(l.adjustedBudget), l.partOf]);
    expect(of('source')).toEqual([
      ['一般公共预算', '641.20', total.id],
      ['政府性基金拨款', '0.0', total.id],
      ['纳入专户管理的非税收入拨款', '0.0', total.id],
      ['其他资金', '33.65', total.id],
    ]);
    expect(of('nature')).toEqual([
      ['基本支出', '417.88', total.id],
      ['项目支出', '256.96', total.id],
    ]);
  });
  it('reads five indicators with an empty 二级', () => {
    expect(
      e.indicators.map((i) => [
        i.level1,
        i.level2,
        i.name,
        raw(i.target),
        raw(i.actual),
        raw(i.weight),
        raw(i.statedScore),
      ]),
    ).toEqual([
      ['产出指标', '', '完成量', '100%', '100%', '20', '20'],
      ['产出指标', '', '完成率', '100%', '100%', '20', '20'],
      ['产出指标', '', '完成时间', '年度完成', '已完成', '20', '20'],
      ['满意度指标', '', '群众满意度', '100%', '100%', '20', '20'],
      ['成本指标', '', '节约率', '100%', '100%', '10', '10'],
    ]);
    expect(e.formSignature).toEqual(
      expect.arrayContaining(['评扣分标准', '偏差原因分析及改进措施', '年初预算数(万元)']),
    );
  });
  it('joins a header cell written on two lines', () => {
    expect(e.formSignature).toContain('年度预算申请(万元)');
  });
});

describe('seed 003: one cell per line, a criteria table and five project tables', () => {
  const doc = seed('003');
  it('reads six evaluations', () => {
    expect(doc.evaluations.map((e) => e.kind)).toEqual([
      'department',
      'project',
      'project',
      'project',
      'project',
      'project',
    ]);
  });
  it('reads the 12 criteria with their 计分标准, category points kept apart', () => {
    const d = doc.evaluations[0]!;
    expect(d.title).toBe('2024年区级部门整体支出绩效评价指标体系');
    expect(d.indicators.map((i) => i.name)).toEqual([
      '目标制定',
      '目标实现',
      '编制准确',
      '支出控制',
      '动态调整',
      '执行进度',
      '预算完成',
      '违规记录',
      '自评公开',
      '结果整改',
      '应用反馈',
      '自评准确',
    ]);
    expect(d.indicators.map((i) => raw(i.weight))).toEqual([
      '10',
      '10',
      '10',
      '10',
      '10',
      '10',
      '10',
      '10',
      '2',
      '4',
      '4',
      '10',
    ]);
    expect(d.indicators.map((i) => raw(i.statedScore))).toEqual(d.indicators.map((i) => raw(i.weight)));
    expect(d.indicators[0]).toMatchObject({ level1: '部门预算管理', level2: '预算编制', name: '目标制定' });
    expect(d.indicators[0]!.criterionText).toMatch(/^1\.绩效目标编制要素完整的，得5分/);
    expect(d.indicators[3]).toMatchObject({ level1: '部门预算管理', level2: '预算执行' });
    expect(d.indicators[11]).toMatchObject({ level1: '自评质量', level2: '自评质量' });
    expect(d.categoryScores.map((c) => [c.level1, raw(c.weight)])).toEqual([
      ['部门预算管理', '80'],
      ['绩效结果应用', '10'],
      ['自评质量', '10'],
    ]);
    expect(d.formSignature).toEqual(expect.arrayContaining(['计分标准', '指标解释', '一级指标']));
  });
  it('reads each project: name, code, organization, year, budget', () => {
    const projects = doc.evaluations.slice(1);
    expect(projects.map((p) => p.projectName)).toEqual([
      '案件代理',
      '普法宣传',
      '安置帮教',
      '社区矫正办公经费',
      '法律援助',
    ]);
    expect(projects[0]).toMatchObject({
      title: '部门预算项目支出绩效自评表（2023年度）',
      projectCode: '51090423T000008167896-2023',
      organization: '遂宁市安居区司法局',
      year: 2023,
    });
    expect(projects[1]!.projectCode).toBe('51090422T000000280584');
    const totals = projects.map((p) => {
      const t = p.budget.find((l) => l.role === 'total')!;
      return [t.label, raw(t.initialBudget), raw(t.adjustedBudget), raw(t.executed)];
    });
    expect(totals).toEqual([
      ['总额', '3.00', '2.40', '2.40'],
      ['总额', '0.00', '14.94', '14.94'],
      ['总额', '5.00', '3.09', '3.09'],
      ['总额', '0.00', '37.88', '37.88'],
      ['总额', '5.00', '4.90', '4.90'],
    ]);
    const first = projects[0]!.budget.find((l) => l.role === 'total')!;
    expect([raw(first.executionRate), raw(first.weight), raw(first.statedScore), first.reason]).toEqual([
      '100.00%',
      '10',
      '10',
      undefined,
    ]);
    expect(projects[0]!.budget.filter((l) => l.role === 'source').map((l) => l.label)).toEqual([
      '财政资金',
      '财政专户管理资金',
      '单位资金',
      '其他资金',
    ]);
    expect(raw(line(projects[0]!, '其他资金')!.adjustedBudget)).toBe('');
  });
  it('reads indicators with a 指标性质 column, blanks as blanks, the 101 typo as written', () => {
    const [caseAgency, , , , legalAid] = doc.evaluations.slice(1);
    expect(caseAgency!.indicators).toHaveLength(8);
    const first = caseAgency!.indicators[0]!;
    expect(first).toMatchObject({
      level1: '产出指标',
      level2: '数量指标',
      name: '代理非诉案件（包括行政复议、仲裁、重大决策专项法律意见书等）',
      direction: '≥',
      unit: '件',
    });
    expect([raw(first.target), raw(first.actual), raw(first.weight), raw(first.statedScore)]).toEqual([
      '1',
      '',
      '10',
      '10',
    ]);
    expect(first.actual!.value).toBeNull();
    expect(caseAgency!.indicators.map((i) => i.direction)).toEqual([
      '≥',
      '≥',
      '≤',
      'qualitative',
      'qualitative',
      '≥',
      '=',
      '=',
    ]);
    expect(raw(indicator(legalAid!, '法律援助人次').statedScore)).toBe('101');
    expect(indicator(legalAid!, '法律援助人次').statedScore!.source).toMatchObject({
      line: 1302,
      column: '得分',
    });
  });
  it('reads the 合计 row, the conclusion and its grade, problems, measures and goal', () => {
    const p = doc.evaluations[1]!;
    expect([raw(p.statedWeightTotal), raw(p.statedTotal)]).toEqual(['100', '100']);
    expect(p.statedGrade?.raw).toBe('良好');
    expect(p.conclusion).toMatch(/^经遂宁市安居区司法局认真自评，案件代理经费支出绩效评为“良好”/);
    expect(p.problems).toMatch(/^2023年，我们全面发挥职能优势/);
    expect(p.measures).toMatch(/^引进专业人员/);
    expect(p.goal).toMatch(/^根据中共中央、国务院印发《法治政府建设实施纲要/);
  });
  it('keeps a cell continued after a blank line (社区矫正办公经费 存在问题)', () => {
    expect(doc.evaluations[4]!.problems).toMatch(/\n社区矫正经费不足/);
  });
  it('reads a printed instruction in the 原因 cell as no reason, and says so', () => {
    expect(doc.issues.filter((i) => i.message.includes('「原因」栏里是表格的填写说明'))).toHaveLength(5);
  });
});

describe('seed 004: a pipe table in a prose report', () => {
  const doc = seed('004');
  it('makes a department evaluation titled by the report, with the projects as tasks of the 合计', () => {
    expect(doc.evaluations).toHaveLength(1);
    const e = doc.evaluations[0]!;
    expect(e).toMatchObject({
      kind: 'department',
      title: '红河州司法局2024年度部门整体支出绩效单位自评报告(本局)',
    });
    // 预算资金 | 实际到位资金（上年结转 | 财政拨款 | 合计）| 实际支出资金: the 到位 合计 is the funds received,
    // no 全年预算数 (the form prints none).
    const total = e.budget.find((l) => l.role === 'total')!;
    const funds = (l: BudgetLine | undefined) =>
      l && [raw(l.initialBudget), raw(l.adjustedBudget), raw(l.received), raw(l.executed)];
    expect([total.label, ...funds(total)!]).toEqual(['合计', '80.00', undefined, '898.33', '883.84']);
    const tasks = e.budget.filter((l) => l.role === 'task');
    expect(tasks).toHaveLength(7);
    expect(tasks.every((t) => t.partOf === total.id)).toBe(true);
    expect(tasks[0]).toMatchObject({ label: '普法宣传' });
    expect(funds(tasks[0])).toEqual(['10.00', undefined, '353.02', '352.29']);
    expect(funds(tasks[2])).toEqual(['10.00', undefined, '14.90', '10.92']);
    expect(tasks[0]!.received!.source).toMatchObject({ line: 94, column: '实际到位资金/合计' });
    expect(e.formSignature).toEqual(expect.arrayContaining(['实际到位资金', '财政拨款资金']));
  });
});
