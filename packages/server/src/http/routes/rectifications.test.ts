// 问题整改 through the API on both databases: the department registers a problem of its self-evaluation, the
// region's 财政审核人 one of its review, the department moves each on and cannot close one without saying
// what was done, and an item past its deadline is overdue on the region's list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabaseFor } from '../../db/fresh-database.ts';
import { BACKENDS } from '../../db/test-databases.ts';
import { regionApp, type RegionApp } from '../test-regions.ts';

describe.each(BACKENDS)('rectification of problems on the %s database', (_name, open) => {
  const t = freshDatabaseFor(open);
  let region: RegionApp;
  let id = 0;
  const call: RegionApp['call'] = (...args) => region.call(...args);

  beforeAll(async () => {
    region = await regionApp(t.db);
    id = region.evaluationId;
  }, 120_000);

  afterAll(async () => {
    await region?.app.close();
  });

  it('the department and the region register problems; strangers and other places cannot', async () => {
    const url = `/api/evaluations/${id}/rectifications`;
    const own = await call('filler', 'POST', url, {
      problem: '部分项目预算执行率偏低',
      measure: '按月通报执行进度',
      owner: '财务科',
      due: '2025-06-30',
    });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({
      foundBy: 'self',
      status: 'open',
      statusName: '未开始',
      due: '2025-06-30',
    });
    const review = await call('reviewer', 'POST', url, {
      problem: '满意度调查样本未说明',
      due: '2020-01-31',
    });
    expect(review.json()).toMatchObject({ foundBy: 'review', createdBy: 'reviewer名' });
    for (const actor of ['otherFiller', 'otherReviewer'] as const)
      expect((await call(actor, 'POST', url, { problem: 'x' })).statusCode, actor).toBe(403);
    expect((await call('stranger', 'POST', url, { problem: 'x' })).statusCode).toBe(401);
    expect((await call('stranger', 'GET', url)).statusCode).toBe(401);
    expect((await call('otherReviewer', 'GET', url)).statusCode).toBe(403);
    expect((await call('reviewer', 'GET', url)).json()).toHaveLength(2);
  });

  it('refuses an empty problem and an impossible deadline in Chinese, storing nothing', async () => {
    const url = `/api/evaluations/${id}/rectifications`;
    expect((await call('filler', 'POST', url, { problem: '  ' })).json().error).toContain('存在问题');
    const bad = await call('filler', 'POST', url, { problem: '问题', due: '2025-02-30' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toContain('整改期限');
    expect((await call('filler', 'GET', url)).json()).toHaveLength(2);
  });

  it('only the department moves an item on, and closes it only with its result; the overdue one leads', async () => {
    const items = (await call('filler', 'GET', `/api/evaluations/${id}/rectifications`)).json() as Array<{
      id: number;
      foundBy: string;
    }>;
    const own = items.find((i) => i.foundBy === 'self')!;
    expect(
      (await call('reviewer', 'PUT', `/api/rectifications/${own.id}`, { status: 'done', result: 'x' }))
        .statusCode,
    ).toBe(403);
    const noResult = await call('filler', 'PUT', `/api/rectifications/${own.id}`, { status: 'done' });
    expect(noResult.statusCode).toBe(400);
    expect(noResult.json().error).toBe('整改完成须写明整改结果');
    const done = await call('filler', 'PUT', `/api/rectifications/${own.id}`, {
      status: 'done',
      result: '执行率提高到 96%',
    });
    expect(done.json()).toMatchObject({
      status: 'done',
      statusName: '已完成',
      overdue: false,
      updatedBy: 'filler名',
    });
    const list = (await call('reviewer', 'GET', '/api/rectifications')).json() as Array<{
      problem: string;
      overdue: boolean;
      evaluation: { id: number };
    }>;
    expect(list.map((i) => [i.problem, i.overdue])).toEqual([
      ['满意度调查样本未说明', true],
      ['部分项目预算执行率偏低', false],
    ]);
    expect(list[0]!.evaluation.id).toBe(id);
    expect((await call('otherReviewer', 'GET', '/api/rectifications')).json()).toEqual([]);
    expect((await call('filler', 'PUT', '/api/rectifications/999999', { status: 'open' })).statusCode).toBe(
      404,
    );
  });
});
