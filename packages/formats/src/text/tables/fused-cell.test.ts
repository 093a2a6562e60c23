import { describe, expect, it } from 'vitest';
import { readText } from '../read-text.ts';

// A government site's metadata table whose 内容概述 cell holds the whole 转移支付 form run together
// (corpus 040, after the traditional characters are converted), then the table itself, cut off.
const fusedForm = (figures: string) =>
  `宣城市转移支付区域(项目)绩效目标自评表(2023年度)转移支付(项目)名称中央农业防灾减灾(动物防疫补助)中央主管部门农业农村部地方主管部门省农业农村厅资金使用单位宣城市农业农村局资金投入情况(万元)全年预算数(A)全年执行数(B)预算执行率(B/A×100%)年度资金总额:${figures}其中:中央财政资金10200%地方资金4646100%其他资金资金管理情况情况说明存在问题和改进措施分配科学性分配科学无`;
const page = (figures: string) =>
  [
    '索引号 | 11341700003244895T/202404-00022 | 组配分类 | 部门项目 |',
    '发布机构 | 宣城市农业农村局 | 发文日期 | 2024-04-15 11:09 |',
    `信息名称 | 2023年宣城市转移支付区域绩效目标自评表 | 内容概述 | ${fusedForm(figures)} |`,
    '宣城市转移支付区域(项目)绩效目标自评表 | |||||||',
    '',
  ].join('\n');

describe('a cell that holds a whole form run together', () => {
  it('reads its budget total where 执行数 ÷ 预算数 gives the printed 执行率, and says so', () => {
    const doc = readText(page('1484631.00%'), 'site.txt');
    const total = doc.evaluations.flatMap((e) => e.budget).find((l) => l.role === 'total')!;
    expect(total.label).toBe('年度资金总额');
    expect([total.adjustedBudget?.raw, total.executed?.raw, total.executionRate?.raw]).toEqual([
      '148',
      '46',
      '31.00%',
    ]);
    expect(total.executed?.source).toMatchObject({ file: 'site.txt', line: 3, column: '全年执行数(B)' });
    const issue = doc.issues.find((i) => i.code === 'cells-fused')!;
    expect(issue.message).toBe(
      '第 3 行：一格里是整张表连写在一起的文字，按执行数 ÷ 预算数 = 执行率拆开，读出「年度资金总额」的全年预算数(A) 148、全年执行数(B) 46、预算执行率(B/A×100%) 31.00%，请核对',
    );
  });

  it('reads nothing from it when no cut of the figures agrees with that arithmetic', () => {
    const doc = readText(page('1484699.00%'), 'site.txt');
    expect(doc.evaluations.flatMap((e) => e.budget)).toEqual([]);
    expect(doc.issues.some((i) => i.code === 'cells-fused')).toBe(false);
  });
});
