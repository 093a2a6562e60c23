import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readXlsx } from './read.ts';

/** A cell of a hand-made fixture: text, a number with its format, or blank. */
type Fx = string | number | { n: number; fmt: string } | null;

/** Puts rows on a sheet starting at (row, col), as a user's Excel would hold them. */
function put(ws: ExcelJS.Worksheet, top: number, left: number, rows: Fx[][]): void {
  rows.forEach((cells, r) =>
    cells.forEach((v, c) => {
      if (v === null) return;
      const cell = ws.getCell(top + r, left + c);
      if (typeof v === 'object') {
        cell.value = v.n;
        cell.numFmt = v.fmt;
      } else cell.value = v;
    }),
  );
}

async function bytes(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Seed 003's 案件代理 项目支出绩效自评表, typed in by hand: shifted two rows down and one column
 * right, a header with a line break, merged side cells, 得分 with a trailing full-width space as
 * the seed has it, 一级/二级 written once for several rows, a rate as a number with % format and
 * another as text, and an amount stored as text with a thousands separator.
 */
function projectSheet(wb: ExcelJS.Workbook, name = '案件代理'): void {
  const ws = wb.addWorksheet(name);
  put(ws, 3, 2, [
    ['部门预算项目支出绩效自评表（2023年度）'],
    ['项目名称', null, '51090423T000008167896-2023案件代理'],
    [
      '主管部门',
      null,
      '遂宁市安居区司法局部门',
      null,
      null,
      null,
      '实施单位 （盖章）',
      null,
      '遂宁市安居区司法局',
    ],
    ['项目基本情况', '1.项目年度目标完成情况', '项目年度目标', null, null, null, '年度目标完成情况'],
    [
      null,
      null,
      '用于社会律师参与重大行政决策合法性审查、重大行政诉讼案件等案件代理。',
      null,
      null,
      null,
      '说明完成情况',
    ],
    [
      '预算执行情况（10分）',
      '年度预算数\n（万元）',
      '年初预算',
      '调整后预算数',
      '预算执行数',
      '预算执行率',
      '权重',
      '得分',
      '原因',
    ],
    [null, '总额', '1,045.50', 2.4, 2.4, { n: 1, fmt: '0.00%' }, 10, '10　', '财政收回部分资金'],
    [null, '其中：财政资金', 3, 2.4, 2.4, '100.00%', '/', '/'],
    [
      null,
      '财政专户管理资金',
      { n: 0, fmt: '0.00' },
      { n: 0, fmt: '0.00' },
      { n: 0, fmt: '0.00' },
      { n: 0, fmt: '0.00%' },
      '/',
      '/',
    ],
    [null, '其他资金', null, null, null, null, '/', '/'],
    [
      '绩效指标（90分）',
      '一级指标',
      '二级指标',
      '三级指标',
      '指标性质',
      '指标值',
      '度量单位',
      '完成值',
      '权重',
      '得分',
      '未完成原因分析',
    ],
    [null, '产出指标', '数量指标', '代理非诉案件', '≥', 1, '件', 1, 10, '　10'],
    [null, null, null, '代理重大行政案件、民商事诉讼案件', '≥', 2, '件', { n: 0.7047, fmt: '0.00%' }, 20, 20],
    [null, null, '时效指标', '解决案件期限', '≤', 6, '月', null, 10, '10　'],
    [null, '满意度指标', '服务对象满意度指标', '群众满意度', '≥', 95, '%', '70.47%', 10, 8, '宣传不到位'],
    ['合计', null, null, null, null, null, null, null, 50, '48'],
    ['评价结论', null, '经遂宁市安居区司法局认真自评，案件代理经费支出绩效评为“良好”。'],
    ['存在问题', null, '发展不够平衡，基层基础比较薄弱。'],
    ['改进措施', null, '引进专业人员，充实队伍。'],
  ]);
  ws.mergeCells('B3:L3');
  ws.mergeCells('B8:B12'); // 预算执行情况（10分） down the side
  ws.mergeCells('B13:B17');
  ws.mergeCells('C14:C16'); // 产出指标 merged over its three rows
  ws.mergeCells('B18:I18'); // 合计
}

/** Seed 001's 部门整体绩效自评表 as printed: 自评结果 on its own row, tasks without 年初预算数, 预算情况 labels without a header. */
function departmentSheet(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet('部门整体');
  put(ws, 1, 1, [
    ['部门整体绩效自评表'],
    ['(2021 年度)'],
    ['部门(单位)名称', '郑州市上街区司法局机关', null, null, null, '自评得分', null, 99],
    [null, null, null, null, null, '自评结果', null, '优'],
    [
      '年度总体目标',
      '统筹推进全面依法治区，加快法治政府建设，推进依法行政。',
      null,
      null,
      null,
      '年度总体目标完成情况',
      '统筹推进全面依法治区',
    ],
    [
      '年度主要任务',
      '任务名称',
      '主要内容',
      '预算资金',
      '其中：财政资金',
      '任务完成情况',
      '预算执行数',
      '其中：财政资金',
      '预算执行率',
    ],
    [null, '社区矫正', '强化对社区矫正对象的监督管理', 2, 2, '完成', 0.25, 0.25, '12.50%'],
    [null, '普法宣传', '深入开展法治宣传教育', 2, 2, '完成', 0.09, 0.09, '5%'],
    ['预算情况', null, null, '年初预算数', '全年预算数', '预算执行数', '预算执行率', '分值', '得分'],
    [null, '部门预算总额', null, 701.61, 701.61, 717.52, '102.27%', 10, 10],
    [null, '1、资金来源：（1）财政性资金', null, 701.61, 701.61, 717.52, '102.27%'],
    [null, '（2）其他资金', null, 0, 0, 0, 0],
    [null, '2、资金结构：（1）基本支出', null, 610.95, 610.95, 621.88, '101.79%'],
    [null, '（2）项目支出', null, 90.66, 90.66, 95.64, '105.49%'],
    [
      '一级指标',
      '二级指标',
      '三级指标',
      '指标值',
      '度量单位',
      '实际完成值',
      '分值',
      '得分',
      '未完成原因分析',
    ],
    ['投入管理指标', '预算和财务管理', '“三公经费”控制率', '≤95%', '%', 0, 2, 2],
    [null, null, '政府采购执行率', '≥90%', '%', '50%', 2, 1, '严格控制资金支出，压缩支出'],
    ['产出指标', '履职目标和主要任务完成情况', '建成三星级以上规范化司法所数量', '≥2个', '个', '6个', 5, 5],
    [null, null, '上街区行政规范性文件是否全面清理', '是', '定性指标', '是', 5, 5],
  ]);
  ws.mergeCells('A6:A8');
  ws.mergeCells('B10:C10');
}

/** Seed 000's 汇总表 after a city line (六安市), executed amounts as the seed writes them (0, 16). */
function summarySheet(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet('汇总');
  put(ws, 1, 1, [
    ['六安市'],
    ['项目支出绩效自评汇总表'],
    ['序号', '项目名称', '全年预算数', '全年执行数', '预算执行率', '自评得分', '是否有较大偏差'],
    [1, '人民调解', '35.20', '24.81', { n: 0.7047, fmt: '0.00%' }, 93.85, null],
    [2, '社区矫正', { n: 40, fmt: '0.00' }, { n: 18, fmt: '0.00' }, '45%', 93.25, null],
    [3, '法治宣传及法治文化建设(含法治乡村建设)', 6.4, 0, '0%', 84, '压缩项目经费，未拨付经费'],
  ]);
}

describe('readXlsx: hand-made forms in the seeds’ layouts', () => {
  it('seed 003 project form, shifted, with merged and blank continuation cells', async () => {
    const wb = new ExcelJS.Workbook();
    projectSheet(wb);
    const doc = await readXlsx(await bytes(wb), 'fixture.xlsx');
    expect(doc.issues).toEqual([]);
    const e = doc.evaluations[0]!;
    expect(e).toMatchObject({
      kind: 'project',
      title: '部门预算项目支出绩效自评表（2023年度）',
      year: 2023,
      projectName: '案件代理',
      projectCode: '51090423T000008167896-2023',
      organization: '遂宁市安居区司法局部门',
      statedGrade: { raw: '良好' },
      statedTotal: { raw: '48', value: '48' },
      statedWeightTotal: { raw: '50' },
      problems: '发展不够平衡，基层基础比较薄弱。',
      goal: '用于社会律师参与重大行政决策合法性审查、重大行政诉讼案件等案件代理。',
    });
    const [total, fiscal, special, other] = e.budget;
    expect(total).toMatchObject({ id: 'total', role: 'total', label: '总额', reason: '财政收回部分资金' });
    expect(total!.initialBudget).toMatchObject({ raw: '1,045.50', value: '1045.5', decimals: 2 });
    expect(total!.executionRate).toMatchObject({ raw: '100.00%', value: '100', percent: true, decimals: 2 });
    expect(total!.statedScore).toMatchObject({ value: '10' });
    expect(fiscal).toMatchObject({
      label: '财政资金',
      role: 'source',
      partOf: 'total',
      executionRate: { raw: '100.00%' },
    });
    expect(fiscal!.weight).toMatchObject({ raw: '/', value: null });
    expect(special!.executed).toMatchObject({ raw: '0.00', value: '0' });
    expect(other!.executed).toMatchObject({ raw: '', value: null });
    expect(e.indicators.map((i) => [i.level1, i.level2, i.name, i.direction])).toEqual([
      ['产出指标', '数量指标', '代理非诉案件', '≥'],
      ['产出指标', '数量指标', '代理重大行政案件、民商事诉讼案件', '≥'],
      ['产出指标', '时效指标', '解决案件期限', '≤'],
      ['满意度指标', '服务对象满意度指标', '群众满意度', '≥'],
    ]);
    expect(e.indicators[1]!.actual).toMatchObject({ raw: '70.47%', value: '70.47', percent: true });
    expect(e.indicators[3]!.actual).toMatchObject({ raw: '70.47%', value: '70.47', percent: true });
    expect(e.indicators[0]!.statedScore).toMatchObject({ value: '10' });
    expect(e.indicators[2]!.actual).toMatchObject({ raw: '' });
    expect(e.indicators[3]).toMatchObject({ unit: '%', deviationReason: '宣传不到位' });
    expect(e.indicators[3]!.source).toMatchObject({
      file: 'fixture.xlsx',
      sheet: '案件代理',
      cell: 'E17',
      row: 17,
    });
    expect(e.indicators[3]!.statedScore!.source).toMatchObject({
      sheet: '案件代理',
      cell: 'K17',
      column: '得分',
    });
  });

  it('seed 001 department form as printed: 自评结果 on its own row, 资金来源 numbered, no 年初预算数 for tasks', async () => {
    const wb = new ExcelJS.Workbook();
    departmentSheet(wb);
    const e = (await readXlsx(await bytes(wb), 'dept.xlsx')).evaluations[0]!;
    expect(e).toMatchObject({
      kind: 'department',
      title: '部门整体绩效自评表',
      year: 2021,
      organization: '郑州市上街区司法局机关',
      statedTotal: { value: '99' },
      statedGrade: { raw: '优' },
      goal: '统筹推进全面依法治区，加快法治政府建设，推进依法行政。',
    });
    expect(e.budget.map((b) => [b.label, b.role, b.partOf ?? '', b.executed?.raw ?? ''])).toEqual([
      ['社区矫正', 'task', 'nature-2', '0.25'],
      ['普法宣传', 'task', 'nature-2', '0.09'],
      ['部门预算总额', 'total', '', '717.52'],
      ['财政性资金', 'source', 'total', '717.52'],
      ['其他资金', 'source', 'total', '0'],
      ['基本支出', 'nature', 'total', '621.88'],
      ['项目支出', 'nature', 'total', '95.64'],
    ]);
    expect(e.budget[0]).toMatchObject({ adjustedBudget: { raw: '2' }, executionRate: { raw: '12.50%' } });
    expect(e.budget[2]).toMatchObject({ weight: { value: '10' }, statedScore: { value: '10' } });
    expect(
      e.indicators.map((i) => [i.level1, i.level2, i.name, i.direction, i.target?.raw, i.actual?.raw]),
    ).toEqual([
      ['投入管理指标', '预算和财务管理', '“三公经费”控制率', '≤', '≤95%', '0'],
      ['投入管理指标', '预算和财务管理', '政府采购执行率', '≥', '≥90%', '50%'],
      ['产出指标', '履职目标和主要任务完成情况', '建成三星级以上规范化司法所数量', '≥', '≥2个', '6个'],
      [
        '产出指标',
        '履职目标和主要任务完成情况',
        '上街区行政规范性文件是否全面清理',
        'qualitative',
        '是',
        '是',
      ],
    ]);
    expect(e.indicators[1]!.deviationReason).toBe('严格控制资金支出，压缩支出');
  });

  it('seed 000 汇总表 under a city line; several sheets, one evaluation each; a sheet with no table is reported', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('说明').getCell('A1').value = '本工作簿由财务股填报';
    summarySheet(wb);
    projectSheet(wb, '项目二');
    const doc = await readXlsx(await bytes(wb), 'book.xlsx');
    expect(doc.evaluations.map((e) => [e.id, e.kind, e.title])).toEqual([
      ['eval-1', 'summary', '项目支出绩效自评汇总表'],
      ['eval-2', 'project', '部门预算项目支出绩效自评表（2023年度）'],
    ]);
    expect(doc.issues).toEqual([
      expect.objectContaining({
        severity: 'warning',
        message: expect.stringMatching(/工作表「说明」中没有表格/),
      }),
    ]);
    const rows = doc.evaluations[0]!.summaryRows;
    expect(
      rows.map((r) => [
        r.index,
        r.name,
        r.adjustedBudget?.raw,
        r.executed?.raw,
        r.executionRate?.raw,
        r.statedScore?.raw,
      ]),
    ).toEqual([
      [1, '人民调解', '35.20', '24.81', '70.47%', '93.85'],
      [2, '社区矫正', '40.00', '18.00', '45%', '93.25'],
      [3, '法治宣传及法治文化建设(含法治乡村建设)', '6.4', '0', '0%', '84'],
    ]);
    expect(rows[2]!.deviation).toBe('压缩项目经费，未拨付经费');
    expect(rows[0]!.executionRate!.source).toMatchObject({ sheet: '汇总', cell: 'E4', column: '预算执行率' });
  });

  it('a workbook with no 自评表 in it reads to nothing, with a warning that names the file and no form of ours', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').getCell('A1').value = '工资表';
    const doc = await readXlsx(await bytes(wb), 'pay.xlsx');
    expect(doc.evaluations).toEqual([]);
    expect(doc.issues.map((i) => i.message).join('\n')).toMatch(/pay\.xlsx：没有找到自评表/);
    expect(doc.issues.map((i) => i.message).join('\n')).not.toMatch(/种子|版式/);
  });
});

describe('readXlsx: formulas are read, never run', () => {
  it('a formula saved without its result is read as blank and reported with its cell', async () => {
    const wb = new ExcelJS.Workbook();
    summarySheet(wb);
    const ws = wb.getWorksheet('汇总')!;
    ws.getCell('E5').value = { formula: 'D5/C5' } as ExcelJS.CellFormulaValue; // no cached result
    ws.getCell('E6').value = { formula: 'D6/C6', result: 0 };
    ws.getCell('E6').numFmt = '0%';
    const doc = await readXlsx(await bytes(wb), 'calc.xlsx');
    const rows = doc.evaluations[0]!.summaryRows;
    expect(rows[1]!.executionRate).toMatchObject({ raw: '', value: null });
    expect(rows[2]!.executionRate).toMatchObject({ raw: '0%', value: '0' });
    expect(doc.issues).toEqual([
      expect.objectContaining({
        severity: 'warning',
        message: expect.stringMatching(/「汇总」的 E5 是公式.*没有保存计算结果/),
      }),
    ]);
  });
});

describe('readXlsx: a rate that lost its % format', () => {
  it('0.7047 in the 预算执行率 column is read as 70.47% and reported', async () => {
    const wb = new ExcelJS.Workbook();
    summarySheet(wb);
    wb.getWorksheet('汇总')!.getCell('E4').value = 0.7047;
    wb.getWorksheet('汇总')!.getCell('E4').numFmt = 'General';
    const doc = await readXlsx(await bytes(wb), 'fraction.xlsx');
    expect(doc.evaluations[0]!.summaryRows[0]!.executionRate).toMatchObject({
      raw: '70.47%',
      value: '70.47',
      decimals: 2,
    });
    expect(doc.issues[0]!.message).toMatch(/E4 的预算执行率 0\.7047 没有百分比格式，按 70\.47% 读取/);
  });
});
