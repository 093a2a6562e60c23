import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { emptyNarrativeFacts } from '../narrative/extract.ts';
import { readText } from '../read-text.ts';

const seeds = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../examples/seeds');
const read = (text: string) => readText(text, 'x.txt', { narrative: emptyNarrativeFacts });

describe('the form’s head and signature fields, by core’s one list of labels', () => {
  it('seed 003: 项目负责人：顾震 under each project form; the printed instruction is no 年度目标完成情况', () => {
    const file = join(seeds, '003_cbcf39354c9835b0.txt');
    const doc = read(readFileSync(file, 'utf8'));
    const projects = doc.evaluations.slice(1);
    expect(projects.map((p) => [p.projectLead, p.financeLead])).toEqual(
      projects.map(() => ['顾震', '杨光辉']),
    );
    // 实施单位 is the department itself: no second unit.
    expect(projects.every((p) => p.organization === '遂宁市安居区司法局' && !p.implementingUnit)).toBe(true);
    expect(projects.every((p) => p.goalAchieved === undefined)).toBe(true);
    expect(doc.issues.some((i) => i.message.includes('「年度目标完成情况」栏里是表格的填写说明'))).toBe(true);
  });

  it('a pipe table: 项目实施单位 beside 主管部门, 实际完成情况 under its label, signatures and a date', () => {
    const doc = read(
      [
        '项目支出绩效自评表',
        '项目名称 | 农田建设 | 主管部门 | 某县农业农村局 | 项目实施单位 | 某县土壤肥料工作站 |',
        '年度总体目标 | 预期目标 | 实际完成情况 |',
        '| 建成高标准农田1万亩 | 建成1.02万亩 |',
        '一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 指标解释 |',
        '产出指标 | 数量指标 | 建设面积 | ≥1万亩 | 1.02万亩 | 50 | 50 | 当年建成并验收的面积 |',
        '效益指标 | 社会效益指标 | 受益农户 | ≥500户 | 520户 | 50 | 50 | 按户籍统计 |',
        '总分 | 100 |',
        '填报人：李明 | 联系电话：0871-6543210 | 填报日期：2024年3月15日 |',
        '项目负责人: | 财务负责人: |',
      ].join('\n'),
    );
    const e = doc.evaluations[0]!;
    expect([e.organization, e.implementingUnit]).toEqual(['某县农业农村局', '某县土壤肥料工作站']);
    expect([e.goal, e.goalAchieved]).toEqual(['建成高标准农田1万亩', '建成1.02万亩']);
    expect([e.preparer, e.phone, e.filledDate]).toEqual(['李明', '0871-6543210', '2024年3月15日']);
    // Labels signed with nothing beside them take no value from elsewhere.
    expect([e.projectLead, e.financeLead]).toEqual([undefined, undefined]);
    expect(e.indicators.map((i) => i.explanation)).toEqual(['当年建成并验收的面积', '按户籍统计']);
  });

  it('a phone label followed by another caption takes no value that is not a number', () => {
    const doc = read(
      ['项目支出绩效自评表', '项目名称 | 服务贸易 |', '项目负责人 | 李鹏 | 联系电话 | 地址 | 海口市 |'].join(
        '\n',
      ),
    );
    const e = doc.evaluations[0];
    expect(e?.projectLead).toBe('李鹏');
    expect(e?.phone).toBeUndefined();
  });
});
