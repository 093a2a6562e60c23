import { describe, expect, it } from 'vitest';
import { newEvaluation } from '../model/build.ts';
import { parseStated } from '../numbers/parse.ts';
import {
  buildLibrary,
  libraryProblems,
  searchLibrary,
  targetFromLibrary,
  WHOLE_DEPARTMENT,
} from './library.ts';
import type { TargetIndicator } from './targets.ts';

const row = (
  id: string,
  name: string,
  target: string,
  extra: Partial<TargetIndicator> = {},
): TargetIndicator => ({
  id,
  level1: '产出指标',
  level2: '数量指标',
  name,
  direction: '≥',
  target,
  unit: '',
  weight: '20',
  ...extra,
});

const accepted = newEvaluation({
  id: 'e',
  title: '2024年度项目支出绩效自评表',
  kind: 'project',
  year: 2024,
  projectName: '法律援助',
  indicators: [
    {
      id: 'ind-1',
      level1: '产出指标',
      level2: '数量指标',
      name: '法律援助案件数',
      direction: '≥',
      target: parseStated('≥500件'),
      actual: parseStated('526件'),
      weight: parseStated('45'),
    },
    {
      id: 'ind-2',
      level1: '满意度指标',
      level2: '服务对象满意度',
      name: '受援人满意度',
      direction: '≥',
      target: parseStated('≥90%'),
      actual: parseStated('96.67%'),
      weight: parseStated('10'),
    },
  ],
});

const library = buildLibrary(
  [
    {
      targetId: 7,
      year: 2024,
      departmentId: 1,
      department: '司法局',
      projectName: '法律援助',
      rows: [row('ind-1', '法律援助案件数', '≥500件'), row('ind-3', '普法宣传场次', '≥20场')],
    },
    {
      targetId: 8,
      year: 2025,
      departmentId: 1,
      department: '司法局',
      projectName: '法律援助',
      rows: [row('ind-1', '法律援助案件数', '≥520件')],
    },
  ],
  [{ evaluationId: 3, departmentId: 1, department: '司法局', evaluation: accepted }],
);

describe('指标库', () => {
  it('keeps the approved target and takes the actual from the accepted self-evaluation', () => {
    expect(library.map((r) => [r.year, r.name, r.target, r.actual, r.targetId, r.evaluationId])).toEqual([
      [2025, '法律援助案件数', '≥520件', null, 8, null],
      [2024, '法律援助案件数', '≥500件', '526件', 7, 3],
      [2024, '普法宣传场次', '≥20场', null, 7, null],
      [2024, '受援人满意度', '≥90%', '96.67%', null, 3],
    ]);
  });

  it('files a 部门整体 evaluation under the department as a whole', () => {
    const whole = newEvaluation({
      id: 'd',
      title: '部门整体',
      kind: 'department',
      year: 2024,
      indicators: accepted.indicators,
    });
    const [first] = buildLibrary(
      [],
      [{ evaluationId: 4, departmentId: 2, department: '乙局', evaluation: whole }],
    );
    expect(first!.projectName).toBe(WHOLE_DEPARTMENT);
  });

  it('finds rows by every word of the query, within a year and project', () => {
    expect(searchLibrary(library, { q: '法律援助 案件' }).map((r) => r.year)).toEqual([2025, 2024]);
    expect(searchLibrary(library, { q: '满意度', year: 2024 }).map((r) => r.name)).toEqual(['受援人满意度']);
    expect(searchLibrary(library, { projectName: '其他项目' })).toEqual([]);
    expect(searchLibrary(library, { q: '案件 不存在' })).toEqual([]);
  });

  it('makes a new row from a library indicator with last year’s actual beside it', () => {
    const last = library.find((r) => r.year === 2024 && r.name === '受援人满意度')!;
    expect(targetFromLibrary(last, 'ind-9')).toMatchObject({
      id: 'ind-9',
      name: '受援人满意度',
      target: '≥90%',
      lastActual: '96.67%',
    });
  });
});

describe('与上年指标比对', () => {
  const lastYear = searchLibrary(library, { year: 2024, projectName: '法律援助' });

  it('warns of a target below last year’s actual and of last year’s indicators left out without a reason', () => {
    const problems = libraryProblems([row('ind-1', '法律援助案件数', '≥510件')], lastYear);
    expect(problems.map((p) => p.message)).toEqual([
      '第 1 行「法律援助案件数」：年度指标值 ≥510件 低于上年（2024 年度）完成值 526件',
      '上年（2024 年度）指标「普法宣传场次」本年未再设置，请说明原因',
      '上年（2024 年度）指标「受援人满意度」（完成值 96.67%）本年未再设置，请说明原因',
    ]);
    expect(problems.every((p) => p.severity === 'warning')).toBe(true);
  });

  it('is satisfied by a target at or above last year’s actual and a reason for each row left out', () => {
    const problems = libraryProblems(
      [row('ind-1', '法律援助案件数', '≥530件'), row('ind-2', '受援人满意度', '≥96.67%')],
      lastYear,
      [{ name: '普法宣传场次', reason: '普法宣传改由普法项目实施' }],
    );
    expect(problems).toEqual([]);
  });

  it('does not count a blank reason, and compares a percent only with a percent', () => {
    const problems = libraryProblems(
      [row('ind-1', '法律援助案件数', '≥500件', { direction: '≤' }), row('ind-2', '受援人满意度', '95')],
      lastYear,
      [{ name: '普法宣传场次', reason: '  ' }],
    );
    expect(problems.map((p) => p.message)).toEqual([
      '上年（2024 年度）指标「普法宣传场次」本年未再设置，请说明原因',
    ]);
  });
});
