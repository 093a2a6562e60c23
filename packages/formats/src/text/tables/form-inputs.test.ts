import { describe, expect, it } from 'vitest';
import { readText } from '../read-text.ts';

// The head block of the 决策/管理/绩效 form (corpus 010, 海南省商务厅): one cell per line with blank
// lines between, the unit split off onto a cell of its own, and the indicator table after it.
const HEAD = ['一、项目基本情况', '项目实施单位', '省商务厅服务贸易和商贸服务业处', '主管部门', '省商务厅'];
const TABLE = [
  '二、绩效评价指标评分',
  ...['一级指标', '分值', '二级指标', '分值', '三级指标', '分值', '得分'],
  ...['项目管理', '25', '资金到位', '5', '到位率', '3', '3', '到位时效', '2', '2'],
];
const cells = (list: string[]) => `${list.join('\n\n')}\n`;

describe('the form’s head amounts become the evaluation’s named inputs', () => {
  it('reads 计划投资额 and 实际到位资金 with their unit split off onto a cell of its own', () => {
    const text = cells([
      ...HEAD,
      ...['计划投资额', '(万元)', '570', '实际到位资金', '(万元)', '398.88', '实际使用情况(万元)', '395.86'],
      ...TABLE,
    ]);
    const doc = readText(text, 'head.txt');
    const e = doc.evaluations.find((x) => x.indicators.length)!;
    expect(e.inputs['计划投资额']).toMatchObject({ raw: '570', value: '570' });
    expect(e.inputs['实际到位资金']).toMatchObject({ raw: '398.88', value: '398.88' });
    // The figure is the eighth cell (HEAD's five, the label, its unit): line 15, a blank line after each.
    expect(e.inputs['计划投资额']?.source).toMatchObject({ file: 'head.txt', line: 15 });
  });

  it('reads them from pipe cells with the unit in the label', () => {
    const text = [
      '项目实施单位 | 省商务厅 | 主管部门 | 省商务厅 |',
      '计划投资额（万元） | 570 | 实际到位资金（万元） | 398.88 |',
      cells(TABLE),
    ].join('\n');
    const e = readText(text, 'pipe.txt').evaluations.find((x) => x.indicators.length)!;
    expect(e.inputs).toMatchObject({ 计划投资额: { value: '570' }, 实际到位资金: { value: '398.88' } });
  });

  it('says where a label has no figure after it, and still reads the table', () => {
    const text = cells([...HEAD, '计划投资额', '(万元)', '实际到位资金', '(万元)', '398.88', ...TABLE]);
    const doc = readText(text, 'blank.txt');
    const e = doc.evaluations.find((x) => x.indicators.length)!;
    expect(e.inputs['计划投资额']).toBeUndefined();
    expect(e.inputs['实际到位资金']).toMatchObject({ value: '398.88' });
    expect(e.indicators.map((i) => i.name)).toEqual(['到位率', '到位时效']);
    const issue = doc.issues.find((i) => i.code === 'input-unread');
    expect(issue?.message).toBe('第 11 行：「计划投资额」后面没有读到金额，到位率等按它计算的项目无法核对');
  });

  it('leaves a form without named inputs as it was', () => {
    const text = cells(['计划投资额', '570', ...['一级指标', '二级指标', '三级指标', '分值', '得分']]);
    const doc = readText(text, 'other.txt');
    for (const e of doc.evaluations) expect(e.inputs).toEqual({});
  });
});
