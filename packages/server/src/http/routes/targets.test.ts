// 绩效目标 through the API on both databases: 红河州司法局's 填报人 copies last year's evaluation of a project
// into this year's targets, submits, is returned with a comment, corrects and is approved by 红河州's
// 财政审核人; adjusts an approved row with a reason, approved again; and creates the year-end self-evaluation
// from the approved rows, each 指标值 traced to the approval. Bad input is refused in Chinese.
import { newEvaluation, parseStated, type TargetIndicator } from '@jixiao/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabaseFor } from '../../db/fresh-database.ts';
import { BACKENDS } from '../../db/test-databases.ts';
import { createEvaluation } from '../../store/evaluations.ts';
import { regionApp, type RegionApp } from '../test-regions.ts';

interface Shown {
  id: number;
  status: string;
  statusName: string;
  revision: number;
  approvedRevision: number | null;
  problems: Array<{ severity: string; message: string }>;
  revisions: Array<{
    id: number;
    revision: number;
    indicators: TargetIndicator[];
    reason: string;
    decisionComment: string;
    decidedBy: string | null;
  }>;
}

describe.each(BACKENDS)('绩效目标 on the %s database', (_name, open) => {
  const t = freshDatabaseFor(open);
  let region: RegionApp;
  let lastYear = 0;
  let targetId = 0;
  const call: RegionApp['call'] = (...args) => region.call(...args);
  const current = (s: Shown) => s.revisions[s.revisions.length - 1]!;

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
        indicator('ind-2', '群众满意度', '≥90%', '96.67%'),
      ],
    });
    lastYear = (
      await createEvaluation(t.db, { departmentId: dept, evaluation: e, author: { name: 'setup' } })
    ).id;
  }, 120_000);

  afterAll(async () => {
    await region?.app.close();
  });

  it('the department copies last year’s evaluation of the project; others cannot, and a wrong year is said', async () => {
    for (const [actor, want] of [
      ['stranger', 401],
      ['reviewer', 403],
      ['otherFiller', 403],
    ] as const)
      expect(
        (await call(actor, 'POST', '/api/targets', { year: 2025, fromEvaluationId: lastYear })).statusCode,
        actor,
      ).toBe(want);
    const wrongYear = await call('filler', 'POST', '/api/targets', {
      year: 2026,
      fromEvaluationId: lastYear,
    });
    expect(wrongYear.statusCode).toBe(400);
    expect(wrongYear.json().error).toBe(
      '只能复制上一年度（2025 年度）同一项目的自评，所选自评是 2024 年度的',
    );
    const department = await call('filler', 'POST', '/api/targets', {
      year: 2025,
      fromEvaluationId: region.evaluationId,
    });
    expect(department.json().error).toBe('只能从项目支出自评复制指标');
    expect((await call('filler', 'POST', '/api/targets', { year: 'next' })).json().error).toBe(
      '年度应为四位数的年份',
    );

    const r = await call('filler', 'POST', '/api/targets', { year: 2025, fromEvaluationId: lastYear });
    expect(r.statusCode).toBe(200);
    const s = r.json() as Shown & { projectName: string };
    targetId = s.id;
    expect(s).toMatchObject({ projectName: '法律援助', status: 'draft', statusName: '草稿', revision: 1 });
    expect(current(s).indicators.map((i) => [i.name, i.target, i.lastActual])).toEqual([
      ['法律援助案件数', '≥500件', '526件'],
      ['群众满意度', '≥90%', '96.67%'],
    ]);
    // Last year's targets were below what was achieved: said before anything is submitted.
    expect(s.problems.map((p) => p.severity)).toEqual(['warning', 'warning']);
    const again = await call('filler', 'POST', '/api/targets', { year: 2025, fromEvaluationId: lastYear });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toContain('「法律援助」2025 年度的绩效目标已经建立');
    // A first draft is the department's own: the bureau does not see it yet.
    expect((await call('reviewer', 'GET', '/api/targets')).json()).toEqual([]);
    expect((await call('otherFiller', 'GET', `/api/targets/${targetId}`)).statusCode).toBe(403);
  });

  it('refuses to submit a table with a blank 指标值; the reviewer returns it only with a comment', async () => {
    const s = (await call('filler', 'GET', `/api/targets/${targetId}`)).json() as Shown;
    const rows = current(s).indicators.map((i) => ({ ...i }));
    rows[0]!.target = '';
    const saved = await call('filler', 'PUT', `/api/targets/${targetId}`, { revision: 1, indicators: rows });
    expect(saved.statusCode).toBe(200);
    const blocked = await call('filler', 'POST', `/api/targets/${targetId}/submit`, {});
    expect(blocked.statusCode).toBe(422);
    expect(blocked.json().error).toBe(
      '目标表还有 1 处须改正才能提交：第 1 行「法律援助案件数」：请填写年度指标值',
    );
    rows[0]!.target = '≥520件';
    await call('filler', 'PUT', `/api/targets/${targetId}`, { revision: 1, indicators: rows });
    expect((await call('reviewer', 'POST', `/api/targets/${targetId}/approve`, {})).json().error).toBe(
      '绩效目标第 1 版是草稿，尚未提交，不能批复',
    );
    expect((await call('filler', 'POST', `/api/targets/${targetId}/submit`, {})).json().statusName).toBe(
      '已提交',
    );
    expect(
      (await call('filler', 'PUT', `/api/targets/${targetId}`, { revision: 1, indicators: rows })).statusCode,
    ).toBe(409);
    expect(
      (await call('otherReviewer', 'POST', `/api/targets/${targetId}/return`, { comment: 'x' })).statusCode,
    ).toBe(403);
    expect((await call('filler', 'POST', `/api/targets/${targetId}/approve`, {})).statusCode).toBe(403);
    expect((await call('reviewer', 'POST', `/api/targets/${targetId}/return`, {})).json().error).toBe(
      '退回须写明退回意见，让填报人知道要改什么',
    );
    const returned = (
      await call('reviewer', 'POST', `/api/targets/${targetId}/return`, {
        comment: '满意度目标应不低于上年完成值',
      })
    ).json() as Shown;
    expect(returned.statusName).toBe('退回');
    expect(current(returned)).toMatchObject({
      decisionComment: '满意度目标应不低于上年完成值',
      decidedBy: 'reviewer名',
    });
    expect(((await call('reviewer', 'GET', '/api/targets')).json() as Shown[]).map((x) => x.id)).toEqual([
      targetId,
    ]);
  });

  it('approves the corrected table; an adjustment needs its reason and a second approval, the first stays in force', async () => {
    const s = (await call('filler', 'GET', `/api/targets/${targetId}`)).json() as Shown;
    const rows = current(s).indicators.map((i) => ({ ...i }));
    rows[1]!.target = '≥97%';
    await call('filler', 'PUT', `/api/targets/${targetId}`, { revision: 1, indicators: rows });
    await call('filler', 'POST', `/api/targets/${targetId}/submit`, {});
    const approved = (
      await call('reviewer', 'POST', `/api/targets/${targetId}/approve`, { comment: '同意' })
    ).json() as Shown;
    expect(approved).toMatchObject({ status: 'approved', statusName: '已批复', approvedRevision: 1 });
    const locked = await call('filler', 'PUT', `/api/targets/${targetId}`, { revision: 1, indicators: rows });
    expect(locked.json().error).toBe('绩效目标第 1 版已批复，不能再修改；年度中需要调整请点「调整目标」');
    expect(
      (await call('filler', 'POST', `/api/targets/${targetId}/adjust`, { reason: ' ' })).json().error,
    ).toBe('请填写调整原因');
    expect(
      (await call('reviewer', 'POST', `/api/targets/${targetId}/adjust`, { reason: '预算调减' })).statusCode,
    ).toBe(403);
    const adjusting = (
      await call('filler', 'POST', `/api/targets/${targetId}/adjust`, {
        reason: '年中预算调减 20 万元，案件数相应调减',
      })
    ).json() as Shown;
    expect(adjusting).toMatchObject({
      revision: 2,
      status: 'draft',
      statusName: '调整草稿',
      approvedRevision: 1,
    });
    rows[0]!.target = '≥480件';
    await call('filler', 'PUT', `/api/targets/${targetId}`, { revision: 2, indicators: rows });
    expect(
      (await call('filler', 'POST', `/api/targets/${targetId}/adjust`, { reason: '再调' })).statusCode,
    ).toBe(409);
    await call('filler', 'POST', `/api/targets/${targetId}/submit`, {});
    const second = (await call('reviewer', 'POST', `/api/targets/${targetId}/approve`, {})).json() as Shown;
    expect(second).toMatchObject({ approvedRevision: 2, statusName: '已批复' });
    expect(second.revisions.map((r) => [r.revision, r.reason, r.indicators[0]!.target])).toEqual([
      [1, '', '≥520件'],
      [2, '年中预算调减 20 万元，案件数相应调减', '≥480件'],
    ]);
  });

  it('creates the self-evaluation from the approved rows, each 指标值 traced to the approval', async () => {
    expect((await call('reviewer', 'POST', `/api/targets/${targetId}/evaluation`, {})).statusCode).toBe(403);
    const r = await call('filler', 'POST', `/api/targets/${targetId}/evaluation`, {});
    expect(r.statusCode).toBe(200);
    const { id } = r.json() as { id: number; revision: number };
    expect(r.json().revision).toBe(2);
    const e = (await call('filler', 'GET', `/api/evaluations/${id}`)).json();
    expect(e.evaluation).toMatchObject({ year: 2025, projectName: '法律援助', organization: '红河州司法局' });
    expect(
      e.evaluation.indicators.map((i: { name: string; target: { raw: string }; actual: { raw: string } }) => [
        i.name,
        i.target.raw,
        i.actual.raw,
      ]),
    ).toEqual([
      ['法律援助案件数', '≥480件', ''],
      ['群众满意度', '≥97%', ''],
    ]);
    const trace = (await call('reviewer', 'GET', `/api/evaluations/${id}/targets`)).json();
    expect(trace).toMatchObject({ targetId, revision: 2, approvedBy: 'reviewer名', laterRevision: null });
    expect(
      trace.rows.map((x: { name: string; approved: string; same: boolean }) => [x.name, x.approved, x.same]),
    ).toEqual([
      ['法律援助案件数', '≥480件', true],
      ['群众满意度', '≥97%', true],
    ]);
    expect((await call('otherReviewer', 'GET', `/api/evaluations/${id}/targets`)).statusCode).toBe(403);
    expect((await call('filler', 'GET', `/api/evaluations/${lastYear}/targets`)).json()).toBeNull();
    const twice = await call('filler', 'POST', `/api/targets/${targetId}/evaluation`, {});
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error).toBe(`已由这个项目的绩效目标生成过年度自评（编号 ${id}），请打开它`);
    // Two adjustments started at once: one revision 3, the other told, never a second revision 3 or a 500.
    const both = await Promise.all(
      ['甲', '乙'].map((k) =>
        call('filler', 'POST', `/api/targets/${targetId}/adjust`, { reason: `调整${k}` }),
      ),
    );
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const after = (await call('filler', 'GET', `/api/targets/${targetId}`)).json() as Shown;
    expect(after.revisions.map((r) => r.revision)).toEqual([1, 2, 3]);
    expect(after.approvedRevision).toBe(2);
  });

  it('starts a blank table from the framework, and needs a project name and approved targets', async () => {
    expect((await call('filler', 'POST', '/api/targets', { year: 2025 })).json().error).toBe(
      '请填写项目名称',
    );
    const blank = (
      await call('filler', 'POST', '/api/targets', { year: 2025, projectName: '人民调解' })
    ).json() as Shown;
    expect(current(blank).indicators.length).toBeGreaterThan(0);
    expect(current(blank).indicators.every((i) => i.name === '' && i.target === '')).toBe(true);
    expect(blank.problems.some((p) => p.message.endsWith('请填写三级指标名称'))).toBe(true);
    const early = await call('filler', 'POST', `/api/targets/${blank.id}/evaluation`, {});
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toBe('绩效目标尚未批复，批复后才能生成年度自评');
    const badRow = await call('filler', 'PUT', `/api/targets/${blank.id}`, {
      revision: 1,
      indicators: [
        { id: 'a', level1: '', level2: '', name: 'x', direction: '>', target: '1', unit: '', weight: '' },
      ],
    });
    expect(badRow.json().error).toBe('指标性质应为 ≥、≤、= 或 定性');
    expect((await call('filler', 'GET', '/api/targets/99999')).statusCode).toBe(404);
  });
});
