// 整改 across years and 结果应用 through the API on both databases: next year's evaluation of the same
// department's 部门整体 shows last year's 整改 items (the open one flagged, the overdue one counted) and last
// year's actuals from the 指标库; the 结果应用表 applies the bureau's rule to the year's grades and budgets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  builtinBudgetUseRule,
  newEvaluation,
  parseStated,
  type Evaluation,
  type FrameworkRegistry,
} from '@jixiao/core';
import { loadBuiltinRegistry } from '@jixiao/formats';
import { freshDatabaseFor } from '../../db/fresh-database.ts';
import { BACKENDS } from '../../db/test-databases.ts';
import { reportApplicationOf } from '../../store/carry-over.ts';
import { createEvaluation, ensureDepartment, getEvaluation } from '../../store/evaluations.ts';
import { regionApp, type RegionApp } from '../test-regions.ts';

describe.each(BACKENDS)('整改 carried into next year and 结果应用 on the %s database', (_name, open) => {
  const t = freshDatabaseFor(open);
  let region: RegionApp;
  /** seed 004's 部门整体 of 红河州司法局 (2024) and the department's 2025 one */
  let last = 0;
  let next = 0;
  /** 法律援助 2024 (accepted, with actuals) and 2025 (its name written with a space) */
  let project = 0;
  let projectNext = 0;
  let elsewhere = 0;
  let registry: FrameworkRegistry;
  const call: RegionApp['call'] = (...args) => region.call(...args);

  const legalAid = (year: number, name: string, budget: string): Evaluation =>
    newEvaluation({
      id: `legal-aid-${year}`,
      title: `${year}年度项目支出绩效自评表`,
      kind: 'project',
      year,
      projectName: name,
      budget: [
        {
          id: 'total',
          label: '年度资金总额',
          role: 'total',
          initialBudget: parseStated(budget),
          adjustedBudget: parseStated(budget),
          executed: parseStated(budget),
        },
      ],
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
      ],
    });

  beforeAll(async () => {
    region = await regionApp(t.db);
    registry = await loadBuiltinRegistry();
    last = region.evaluationId;
    const stored = await getEvaluation(t.db, last);
    const dept = stored.departmentId;
    const author = { name: 'setup' };
    const following: Evaluation = { ...stored.evaluation, year: 2025 };
    next = (await createEvaluation(t.db, { departmentId: dept, evaluation: following, author })).id;
    project = (
      await createEvaluation(t.db, {
        departmentId: dept,
        evaluation: legalAid(2024, '法律援助', '120'),
        author,
      })
    ).id;
    projectNext = (
      await createEvaluation(t.db, {
        departmentId: dept,
        evaluation: legalAid(2025, '法律 援助', '100'),
        author,
      })
    ).id;
    const other = await ensureDepartment(t.db, '某县财政局', '某县');
    elsewhere = (await createEvaluation(t.db, { departmentId: other, evaluation: following, author })).id;
  }, 120_000);

  afterAll(async () => {
    await region?.app.close();
  });

  it("next year's 部门整体 shows last year's items, the open one flagged and the overdue one counted", async () => {
    const url = `/api/evaluations/${last}/rectifications`;
    const done = await call('filler', 'POST', url, {
      problem: '预算编制不够科学、准确',
      measure: '细化预算编制',
    });
    await call('reviewer', 'POST', url, { problem: '法律援助案件补贴未及时到位', due: '2020-03-31' });
    expect(
      (
        await call('filler', 'PUT', `/api/rectifications/${done.json().id}`, {
          status: 'done',
          result: '已按项目细化编制 2025 年预算',
        })
      ).statusCode,
    ).toBe(200);
    const r = await call('filler', 'GET', `/api/evaluations/${next}/carry-over`);
    expect(r.statusCode).toBe(200);
    const c = r.json();
    expect(c.year).toBe(2024);
    expect(c.previous.map((p: { evaluation: { id: number } }) => p.evaluation.id)).toEqual([last]);
    expect(
      c.previous[0].rectifications.map((i: { problem: string; statusName: string; overdue: boolean }) => [
        i.problem,
        i.statusName,
        i.overdue,
      ]),
    ).toEqual([
      ['预算编制不够科学、准确', '已完成', false],
      ['法律援助案件补贴未及时到位', '未开始', true],
    ]);
    expect([c.openCount, c.overdueCount]).toEqual([1, 1]);
    // The reviewer of the region reads the same; the project of the same department carries none of them.
    expect((await call('reviewer', 'GET', `/api/evaluations/${next}/carry-over`)).json().openCount).toBe(1);
    expect((await call('filler', 'GET', `/api/evaluations/${projectNext}/carry-over`)).json().openCount).toBe(
      0,
    );
    // Another department's 部门整体 of the same year carries nothing of this one.
    const other = (await call('otherFiller', 'GET', `/api/evaluations/${elsewhere}/carry-over`)).json();
    expect([other.previous, other.actuals]).toEqual([[], []]);
    expect((await call('filler', 'GET', `/api/evaluations/${last}/carry-over`)).json().previous).toEqual([]);
    expect((await call('otherFiller', 'GET', `/api/evaluations/${next}/carry-over`)).statusCode).toBe(403);
    expect((await call('stranger', 'GET', `/api/evaluations/${next}/carry-over`)).statusCode).toBe(401);
    expect((await call('filler', 'GET', '/api/evaluations/99999999/carry-over')).statusCode).toBe(404);
  });

  it("a project's next year shows last year's actuals once last year's evaluation is accepted", async () => {
    const url = `/api/evaluations/${projectNext}/carry-over`;
    const draft = (await call('filler', 'GET', url)).json();
    expect(draft.previous.map((p: { evaluation: { id: number } }) => p.evaluation.id)).toEqual([project]);
    expect(draft.actuals.map((a: { name: string; actual: string | null }) => [a.name, a.actual])).toEqual([]);
    await t.db.query(`update evaluations set status = 'accepted' where id = $1`, [project]);
    const accepted = (await call('filler', 'GET', url)).json();
    expect(
      accepted.actuals.map((a: { year: number; name: string; target: string; actual: string | null }) => [
        a.year,
        a.name,
        a.target,
        a.actual,
      ]),
    ).toEqual([[2024, '法律援助案件数', '≥500件', '526件']]);
  });

  it("the 结果应用表 grades by the review and computes the rule's cut on next year's 年初预算", async () => {
    // 复核得分 75 under the national framework (60–80 中).
    await t.db.query('insert into reviews (evaluation_id, review_total) values ($1, 75)', [project]);
    const r = await call('reviewer', 'GET', '/api/results-use?year=2024');
    expect(r.statusCode).toBe(200);
    const table = r.json();
    expect(table.rule.name).toBe('绩效评价结果与下年度预算安排挂钩（按等级）');
    const row = table.rows.find((x: { evaluation: { id: number } }) => x.evaluation.id === project);
    expect([row.project, row.score, row.gradeBasis, row.budget, row.basis]).toEqual([
      '法律援助',
      '75.00',
      '复核等级',
      '120.00',
      '下年度年初预算',
    ]);
    expect(row.use.words).toBe(
      '等级「中」：压减 5%–10%，以下年度年初预算 100.00 万元计，压减 5.00–10.00 万元，建议安排 90.00–95.00 万元。',
    );
    // The 部门整体 (submitted by no one: still a draft) is not in the table; the other region sees neither.
    expect(table.rows.some((x: { evaluation: { id: number } }) => x.evaluation.id === last)).toBe(false);
    const other = (await call('otherReviewer', 'GET', '/api/results-use?year=2024')).json();
    expect(other.rows).toEqual([]);
    expect((await call('filler', 'GET', '/api/results-use?year=2024')).statusCode).toBe(403);
    expect((await call('stranger', 'GET', '/api/results-use?year=2024')).statusCode).toBe(401);
  });

  it("the 自评报告's 结果应用 is given the items and the rule's words, and the department's docx export with them succeeds", async () => {
    const rule = builtinBudgetUseRule();
    const today = new Date().toISOString().slice(0, 10);
    const scope = await getEvaluation(t.db, project);
    const given = await reportApplicationOf(
      t.db,
      registry,
      rule,
      {
        id: project,
        departmentId: scope.departmentId,
        year: 2024,
        kind: 'project',
        projectName: '法律援助',
      },
      today,
    );
    expect(given).toEqual({
      thisYear: [],
      budgetUse: {
        rule: '绩效评价结果与下年度预算安排挂钩（按等级）',
        words:
          '等级「中」：压减 5%–10%，以下年度年初预算 100.00 万元计，压减 5.00–10.00 万元，建议安排 90.00–95.00 万元。',
      },
    });
    const nextYear = await reportApplicationOf(
      t.db,
      registry,
      rule,
      {
        id: next,
        departmentId: scope.departmentId,
        year: 2025,
        kind: 'department',
        projectName: null,
      },
      today,
    );
    expect(nextYear.lastYear?.items.map((i) => [i.problem, i.statusName, i.done, i.overdue])).toEqual([
      ['预算编制不够科学、准确', '已完成', true, false],
      ['法律援助案件补贴未及时到位', '未开始', false, true],
    ]);
    expect(nextYear.budgetUse).toBeUndefined();
    const docx = await call('filler', 'GET', `/api/evaluations/${project}/export?format=docx`);
    expect([docx.statusCode, String(docx.headers['content-type'])]).toEqual([
      200,
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ]);
  }, 120_000);

  it('refuses a table without a year or with a malformed one, in Chinese', async () => {
    const none = await call('reviewer', 'GET', '/api/results-use');
    expect([none.statusCode, none.json().error]).toEqual([400, '请选择年度（year，四位数字）']);
    const bad = await call('reviewer', 'GET', '/api/results-use?year=20x4');
    expect([bad.statusCode, bad.json().error]).toEqual([400, '年度应为四位数字']);
    const hostile = await call(
      'reviewer',
      'GET',
      `/api/results-use?year=${encodeURIComponent("2024' or 1=1")}`,
    );
    expect(hostile.statusCode).toBe(400);
  });
});
