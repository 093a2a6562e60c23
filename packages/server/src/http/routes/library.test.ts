// 指标库 through the API on both databases: 红河州司法局's accepted 2024 evaluation of 法律援助 and its approved
// 2025 targets are searchable by the department and 红河州's 财政审核人 (no one else); a 2025 table started blank
// hears which of last year's indicators it left out, until it says why; the editor's picker offers the year's
// targets and last year's indicators of the same project.
import { newEvaluation, parseStated, type LibraryIndicator, type TargetIndicator } from '@jixiao/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabaseFor } from '../../db/fresh-database.ts';
import { BACKENDS } from '../../db/test-databases.ts';
import { createEvaluation } from '../../store/evaluations.ts';
import { regionApp, type RegionApp } from '../test-regions.ts';

describe.each(BACKENDS)('指标库 on the %s database', (_name, open) => {
  const t = freshDatabaseFor(open);
  let region: RegionApp;
  let lastYear = 0;
  const call: RegionApp['call'] = (...args) => region.call(...args);

  beforeAll(async () => {
    region = await regionApp(t.db);
    const dept = (await t.db.query<{ id: number }>("select id from departments where name = '红河州司法局'"))
      .rows[0]!.id;
    const indicator = (id: string, name: string, target: string, actual: string) => ({
      id,
      level1: '产出指标',
      level2: '数量指标',
      name,
      direction: '≥' as const,
      target: parseStated(target),
      actual: parseStated(actual),
      weight: parseStated('45'),
    });
    const e = newEvaluation({
      id: 'eval-1',
      title: '2024年度项目支出绩效自评表',
      kind: 'project',
      year: 2024,
      projectName: '法律援助',
      indicators: [
        indicator('ind-1', '法律援助案件数', '≥500件', '526件'),
        indicator('ind-2', '普法宣传场次', '≥20场', '24场'),
      ],
    });
    lastYear = (
      await createEvaluation(t.db, { departmentId: dept, evaluation: e, author: { name: 'setup' } })
    ).id;
    await t.db.query("update evaluations set status = 'accepted' where id = $1", [lastYear]);
  }, 120_000);

  afterAll(async () => {
    await region?.app.close();
  });

  it('lists last year’s accepted indicators with their actuals to the department and its region only', async () => {
    expect((await call('stranger', 'GET', '/api/indicators')).statusCode).toBe(401);
    const own = (await call('filler', 'GET', '/api/indicators?q=法律援助 案件')).json() as {
      total: number;
      rows: LibraryIndicator[];
    };
    expect(own.rows.map((r) => [r.year, r.projectName, r.name, r.target, r.actual])).toEqual([
      [2024, '法律援助', '法律援助案件数', '≥500件', '526件'],
    ]);
    expect((await call('reviewer', 'GET', '/api/indicators?year=2024')).json().total).toBeGreaterThanOrEqual(
      2,
    );
    for (const actor of ['otherFiller', 'otherReviewer'] as const)
      expect((await call(actor, 'GET', '/api/indicators')).json().rows, actor).toEqual([]);
    expect((await call('filler', 'GET', '/api/indicators?year=24')).json().error).toBe('年度应为四位数字');
  });

  it('says which of last year’s indicators a new table left out and which target is below last year’s actual', async () => {
    const made = await call('filler', 'POST', '/api/targets', { year: 2025, projectName: '法律援助' });
    expect(made.statusCode).toBe(200);
    const id = made.json().id as number;
    const view = (await call('filler', 'GET', `/api/targets/${id}`)).json() as {
      lastYear: LibraryIndicator[];
      problems: Array<{ severity: string; message: string }>;
    };
    expect(view.lastYear.map((r) => r.name)).toEqual(['法律援助案件数', '普法宣传场次']);
    expect(view.problems.filter((p) => p.message.includes('本年未再设置')).map((p) => p.message)).toEqual([
      '上年（2024 年度）指标「法律援助案件数」（完成值 526件）本年未再设置，请说明原因',
      '上年（2024 年度）指标「普法宣传场次」（完成值 24场）本年未再设置，请说明原因',
    ]);
    const rows: TargetIndicator[] = [
      {
        id: 'ind-1',
        level1: '产出指标',
        level2: '数量指标',
        name: '法律援助案件数',
        direction: '≥',
        target: '≥510件',
        unit: '件',
        weight: '90',
      },
    ];
    const saved = await call('filler', 'PUT', `/api/targets/${id}`, {
      revision: 1,
      indicators: rows,
      dropped: [{ name: '普法宣传场次', reason: '普法宣传改由普法项目实施' }],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((saved.json().problems as Array<{ message: string }>).map((p) => p.message)).toEqual([
      '第 1 行「法律援助案件数」：年度指标值 ≥510件 低于上年（2024 年度）完成值 526件',
    ]);
    expect(saved.json().revisions[0].dropped).toEqual([
      { name: '普法宣传场次', reason: '普法宣传改由普法项目实施' },
    ]);
    const bad = await call('filler', 'PUT', `/api/targets/${id}`, {
      revision: 1,
      indicators: rows,
      dropped: [{ name: '', reason: 'x' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toContain('请填写未再设置的上年指标');

    // Approved, the 2025 rows join the library; the 2025 self-evaluation's picker offers both years.
    await call('filler', 'POST', `/api/targets/${id}/submit`, {});
    expect((await call('reviewer', 'POST', `/api/targets/${id}/approve`, {})).statusCode).toBe(200);
    const evaluation = await call('filler', 'POST', `/api/targets/${id}/evaluation`, {});
    expect(evaluation.statusCode, evaluation.body).toBe(200);
    const url = `/api/evaluations/${evaluation.json().id}/indicator-choices`;
    const choices = (await call('filler', 'GET', url)).json() as {
      thisYear: LibraryIndicator[];
      lastYear: LibraryIndicator[];
    };
    expect(choices.thisYear.map((r) => [r.name, r.target])).toEqual([['法律援助案件数', '≥510件']]);
    expect(choices.lastYear.map((r) => [r.name, r.actual])).toEqual([
      ['法律援助案件数', '526件'],
      ['普法宣传场次', '24场'],
    ]);
    expect((await call('stranger', 'GET', url)).statusCode).toBe(401);
    expect((await call('otherFiller', 'GET', url)).statusCode).toBe(403);
    expect((await call('reviewer', 'GET', url)).statusCode).toBe(200);
  });
});
