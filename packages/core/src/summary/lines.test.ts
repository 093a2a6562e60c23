import { describe, expect, it } from 'vitest';
import { newEvaluation } from '../model/build.ts';
import type { Evaluation } from '../model/evaluation.ts';
import { parseStated } from '../numbers/parse.ts';
import { evaluationMoney } from './evaluation-money.ts';
import { groupOf, summaryLines, type SummaryMember } from './lines.ts';

function project(
  name: string,
  department: string,
  adjusted?: string,
  executed?: string,
  rate?: string,
): Evaluation {
  const e = newEvaluation({ id: name, title: `${name}绩效自评表`, kind: 'project' });
  e.projectName = name;
  e.organization = department;
  e.year = 2023;
  e.budget.push({
    id: 'total',
    label: '年度资金总额',
    role: 'total',
    ...(adjusted ? { adjustedBudget: parseStated(adjusted) } : {}),
    ...(executed ? { executed: parseStated(executed) } : {}),
    ...(rate ? { executionRate: parseStated(rate) } : {}),
  });
  return e;
}

function member(e: Evaluation, order: number) {
  const m = evaluationMoney(e, null);
  const entry: SummaryMember = {
    department: e.organization ?? '',
    group: groupOf(e.kind),
    year: e.year ?? null,
    name: e.projectName ?? e.title,
    order,
  };
  return { entry, money: m.money };
}

describe('a 汇总表 over several departments', () => {
  it('recomputes the 合计 执行率 from the lines that have both figures, never from a line missing its 执行数', () => {
    const rows = [
      project('社区矫正', '司法局', '100.00', '80.00'),
      project('法律援助', '司法局', '50.00', '50.00'),
      // No 执行数: its budget is summed but must not pull the rate down.
      project('人民调解', '司法局', '200.00', undefined, '70%'),
    ].map(member);
    const lines = summaryLines(rows);
    const total = lines.find((l) => l.type === 'total');
    expect(total).toMatchObject({
      adjustedBudget: '350.00',
      executed: '130.00',
      rate: '86.67',
      rateCount: 2,
      count: 3,
    });
  });

  it('totals 部门整体 and 项目 apart, and each department gets its own 小计', () => {
    const whole = newEvaluation({ id: 'w', title: '部门整体支出绩效自评表', kind: 'department' });
    whole.organization = '司法局';
    whole.budget.push({
      id: 'total',
      label: '合计',
      role: 'total',
      adjustedBudget: parseStated('1000'),
      executed: parseStated('900'),
    });
    const rows = [
      whole,
      project('社区矫正', '司法局', '100', '80'),
      project('林场建设', '林业局', '32.4', '31.69'),
    ].map(member);
    const lines = summaryLines(rows);
    expect(lines.map((l) => (l.type === 'evaluation' ? l.name : `${l.label}:${l.department ?? ''}`))).toEqual(
      [
        '林场建设',
        '小计（项目支出）:林业局',
        '部门整体支出绩效自评表',
        '小计（部门整体支出）:司法局',
        '社区矫正',
        '小计（项目支出）:司法局',
        '合计（部门整体支出）:',
        '合计（项目支出）:',
      ],
    );
    const projects = lines.find((l) => l.type === 'total' && l.group === 'project');
    // 1000 is the department's whole budget, which already holds its projects: never added to them.
    expect(projects).toMatchObject({ adjustedBudget: '132.40', executed: '111.69', rate: '84.36' });
  });

  it('has no rate at all when no line has both figures', () => {
    const lines = summaryLines([member(project('甲', '局', '10'), 0)]);
    expect(lines.find((l) => l.type === 'total')).toMatchObject({
      rate: null,
      rateCount: 0,
      adjustedBudget: '10.00',
    });
  });
});
