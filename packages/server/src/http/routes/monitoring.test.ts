// 绩效运行监控 through the API on both databases: the 填报人 reports cumulative execution at the plan's
// checkpoint months (seed 004, 红河州: 9月 ≥80%, 11月 ≥95%), core judges the lamp, a yellow or red one is
// refused without its reason and nothing is stored, and the region's 财政审核人 sees the lamps in-year.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabaseFor } from '../../db/fresh-database.ts';
import { BACKENDS } from '../../db/test-databases.ts';
import { regionApp, type RegionApp } from '../test-regions.ts';

describe.each(BACKENDS)('in-year execution monitoring on the %s database', (_name, open) => {
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

  it('shows the plan that monitors the framework, every checkpoint 无法判定 until reported', async () => {
    const r = await call('filler', 'GET', `/api/evaluations/${id}/monitoring`);
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.plan.name).toContain('红河州');
    expect(body.checkpoints.map((c: { month: number; lampName: string }) => [c.month, c.lampName])).toEqual([
      [9, '无法判定'],
      [11, '无法判定'],
    ]);
  });

  it('a lag without its reason is refused with the figures, and nothing is stored', async () => {
    // 700 of 898.33 万元 = 77.92%, 2.08 points behind 80%: yellow.
    const r = await call('filler', 'PUT', `/api/evaluations/${id}/monitoring/9`, {
      executed: '700',
      budget: '898.33',
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toContain('9 月实际执行进度 77.92%，目标 80%，落后 2.08 个百分点');
    expect(r.json().error).toContain('黄灯，请填写未达进度原因');
    const after = (await call('filler', 'GET', `/api/evaluations/${id}/monitoring`)).json();
    expect(after.checkpoints[0].report).toBeNull();
  });

  it('with the reason the report is kept, the lamp yellow; on target it is green without one', async () => {
    const nine = await call('filler', 'PUT', `/api/evaluations/${id}/monitoring/9`, {
      executed: '700',
      budget: '898.33',
      reason: '受财政收入影响，资金未按进度拨付',
    });
    expect(nine.statusCode).toBe(200);
    const eleven = await call('filler', 'PUT', `/api/evaluations/${id}/monitoring/11`, {
      executed: '880.00',
      budget: '898.33',
    });
    expect(eleven.statusCode).toBe(200);
    const body = eleven.json();
    expect(body.checkpoints.map((c: { lampName: string; actual: string }) => [c.lampName, c.actual])).toEqual(
      [
        ['黄灯', '77.92'],
        ['绿灯', '97.96'],
      ],
    );
    expect(body.checkpoints[0].report).toMatchObject({
      executed: '700.00',
      budget: '898.33',
      reason: '受财政收入影响，资金未按进度拨付',
      reportedBy: 'filler名',
    });
  });

  it('a month the plan does not monitor, or a figure that is not money, is a Chinese 400', async () => {
    const june = await call('filler', 'PUT', `/api/evaluations/${id}/monitoring/6`, {
      executed: '100',
      budget: '898.33',
    });
    expect(june.statusCode).toBe(400);
    expect(june.json().error).toContain('没有 6 月的监控时点（监控时点为 9 月、11 月）');
    for (const executed of ['-1', '1e5', '12.345', '七百']) {
      const r = await call('filler', 'PUT', `/api/evaluations/${id}/monitoring/9`, { executed });
      expect(r.statusCode, executed).toBe(400);
      expect(r.json().error).toContain('累计执行数');
    }
  });

  it('only the department reports; the region sees the lamps while the evaluation is still a draft', async () => {
    expect(
      (
        await call('otherFiller', 'PUT', `/api/evaluations/${id}/monitoring/9`, {
          executed: '1',
          budget: '898.33',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await call('reviewer', 'PUT', `/api/evaluations/${id}/monitoring/9`, {
          executed: '1',
          budget: '898.33',
        })
      ).statusCode,
    ).toBe(403);
    expect((await call('stranger', 'GET', `/api/evaluations/${id}/monitoring`)).statusCode).toBe(401);
    expect((await call('otherReviewer', 'GET', `/api/evaluations/${id}/monitoring`)).statusCode).toBe(403);
    const seen = await call('reviewer', 'GET', `/api/evaluations/${id}/monitoring`);
    expect(seen.statusCode).toBe(200);
    const board = await call('reviewer', 'GET', '/api/monitoring');
    expect(board.statusCode).toBe(200);
    expect(board.json()).toHaveLength(1);
    expect(board.json()[0]).toMatchObject({ worstName: '黄灯', evaluation: { id } });
    expect((await call('otherReviewer', 'GET', '/api/monitoring')).json()).toEqual([]);
  });
});
