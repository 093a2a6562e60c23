import { describe, expect, it } from 'vitest';
import { builtinRegistry } from '../frameworks/builtin.ts';
import { newEvaluation } from '../model/build.ts';
import type { Indicator } from '../model/evaluation.ts';
import { parseStated } from '../numbers/parse.ts';
import {
  blankTargets,
  evaluationFromTargets,
  targetProblems,
  targetsFromEvaluation,
  targetsReady,
  traceTargets,
  type TargetIndicator,
} from './targets.ts';

const indicator = (id: string, name: string, target: string, extra: Partial<Indicator> = {}): Indicator => ({
  id,
  level1: '产出指标',
  level2: '数量指标',
  name,
  direction: null,
  target: parseStated(target),
  weight: parseStated('20'),
  ...extra,
});

const lastYear = newEvaluation({
  id: 'eval-1',
  title: '2024年度项目支出绩效自评表',
  kind: 'project',
  year: 2024,
  projectName: '法律援助',
  indicators: [
    indicator('ind-1', '法律援助案件数', '≥500件', { actual: parseStated('526件'), unit: '件' }),
    indicator('ind-2', '群众满意度', '≥90%', {
      adjustedTarget: parseStated('≥92%'),
      actual: parseStated('91.50%'),
    }),
    indicator('ind-3', '服务质量', '优良', { actual: parseStated('优良') }),
    indicator('ind-4', '已取消的指标', '1', { notApplicable: true }),
  ],
});

describe('绩效目标', () => {
  it('copies last year: names, units and 分值 kept, the adjusted 指标值 as the start, last year’s 完成值 beside it', () => {
    const rows = targetsFromEvaluation(lastYear);
    expect(rows.map((r) => [r.name, r.direction, r.target, r.unit, r.weight, r.lastActual])).toEqual([
      ['法律援助案件数', '≥', '≥500件', '件', '20', '526件'],
      ['群众满意度', '≥', '≥92%', '', '20', '91.50%'],
      ['服务质量', 'qualitative', '优良', '', '20', '优良'],
    ]);
    expect(targetsReady(rows)).toBe(true);
  });

  it('warns of a 正向 target below last year’s actual, and refuses blank, non-numeric and doubled rows', () => {
    const rows = targetsFromEvaluation(lastYear);
    rows[0]!.target = '≥480件';
    const warned = targetProblems(rows);
    expect(warned).toEqual([
      {
        severity: 'warning',
        row: 1,
        indicatorId: 'ind-1',
        message: '第 1 行「法律援助案件数」：年度指标值 ≥480件 低于上年完成值 526件',
      },
    ]);
    expect(targetsReady(rows)).toBe(true);
    const bad: TargetIndicator[] = [
      { ...rows[0]!, name: '', target: '' },
      { ...rows[1]!, target: '较好', weight: '二十' },
      { ...rows[2]!, name: '群众满意度' },
    ];
    expect(targetProblems(bad).map((p) => p.message)).toEqual([
      '第 1 行：请填写三级指标名称',
      '第 1 行：请填写年度指标值',
      '第 2 行「群众满意度」：指标性质为「≥」，年度指标值「较好」应为数值',
      '第 2 行「群众满意度」：分值「二十」应为数值',
      '第 3 行「群众满意度」：与第 2 行指标名称相同',
    ]);
    expect(targetsReady(bad)).toBe(false);
    expect(targetProblems([]).map((p) => p.message)).toEqual(['目标表没有任何指标，请至少填写一行三级指标']);
  });

  it('starts a blank table from the framework’s 一级 rows', () => {
    const f = builtinRegistry().get('project-10-90')!;
    const rows = blankTargets(f, 2025);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.name === '' && r.target === '')).toBe(true);
    expect(new Set(rows.map((r) => r.level1)).size).toBe(rows.length);
  });

  it('makes the self-evaluation’s rows from the approved targets and traces each 指标值 back to them', () => {
    const approved = targetsFromEvaluation(lastYear);
    const form = newEvaluation({
      id: 'eval-1',
      title: '2025年度项目支出绩效自评表',
      kind: 'project',
      year: 2025,
    });
    const e = evaluationFromTargets(form, approved);
    expect(e.indicators.map((i) => [i.id, i.name, i.target?.raw, i.actual?.raw, i.weight?.value])).toEqual([
      ['ind-1', '法律援助案件数', '≥500件', '', '20'],
      ['ind-2', '群众满意度', '≥92%', '', '20'],
      ['ind-3', '服务质量', '优良', '', '20'],
    ]);
    expect(traceTargets(e, approved).every((t) => t.same)).toBe(true);
    // The 填报人 changes one 指标值 at year end and drops another row: both show against the approval.
    e.indicators[0]!.target = parseStated('≥450件');
    e.indicators.splice(2, 1);
    const trace = traceTargets(e, approved);
    expect(trace.map((t) => [t.name, t.approved, t.current, t.same])).toEqual([
      ['法律援助案件数', '≥500件', '≥450件', false],
      ['群众满意度', '≥92%', '≥92%', true],
      ['服务质量', '优良', null, false],
    ]);
    // Same figure written differently is the same value; 92% is not 92.
    e.indicators[1]!.target = parseStated('≥92.00%');
    expect(traceTargets(e, approved)[1]!.same).toBe(true);
    e.indicators[1]!.target = parseStated('≥92');
    expect(traceTargets(e, approved)[1]!.same).toBe(false);
  });
});
