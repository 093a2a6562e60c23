// 单份自评页与自评列表读保存的结果: the page and the list (whole and paged) serve the stored score, never
// recompute one that holds; an edit makes the next read compute and store again; a bad page query is
// answered in Chinese naming the parameter. On both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, type TestDatabase } from '../../db/test-databases.ts';
import { regionApp, type RegionApp } from '../test-regions.ts';

interface Listed {
  id: number;
  status: string;
  statedScore: string | null;
  computedScore: string | null;
  scoredBy: { frameworkVersion: string; current: boolean };
  updatedAt: string;
}

describe.each(BACKENDS)('evaluation reads on the %s database', (_name, open) => {
  let t: TestDatabase;
  let r: RegionApp;

  beforeAll(async () => {
    t = await open();
    r = await regionApp(t.db);
  }, 120_000);
  afterAll(async () => {
    await r?.app.close();
    await t?.drop();
  });

  /** Marks the stored result so that a read which recomputed could not show it. */
  async function markStored(id: number, total: string) {
    await t.db.query(
      `update evaluation_results
          set computed_score = $2::numeric,
              result = jsonb_set(result, '{score,computedTotal}', to_jsonb($3::text))
        where evaluation_id = $1`,
      [id, total, total],
    );
  }

  it('the page, the list and a page of the list show the stored result, computed once at save', async () => {
    const id = r.evaluationId;
    const first = (await r.call('filler', 'GET', `/api/evaluations/${id}`)).json();
    expect(first.scoredBy.current).toBe(true);
    expect(first.evaluation.kind).toBe('department');
    await markStored(id, '12.34');

    const page = await r.call('filler', 'GET', `/api/evaluations/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/application\/json/);
    const shown = page.json();
    expect(shown.score.computedTotal).toBe('12.34');
    expect(shown.findings).toEqual(first.findings);
    expect(shown.evaluation).toEqual(first.evaluation);
    expect(shown.review).toBeNull();
    expect(shown.dispositions).toEqual([]);

    const all = (await r.call('filler', 'GET', '/api/evaluations')).json() as Listed[];
    expect(all.find((x) => x.id === id)!.computedScore).toBe('12.34');
    const paged = (await r.call('filler', 'GET', '/api/evaluations?page=1&pageSize=5')).json() as {
      items: Listed[];
      total: number;
      page: number;
      pageSize: number;
    };
    expect(paged).toMatchObject({ total: 1, page: 1, pageSize: 5 });
    expect(paged.items[0]!.computedScore).toBe('12.34');
  });

  it('an edit makes the stored result stale: the next page read computes and stores it again', async () => {
    const id = r.evaluationId;
    await markStored(id, '12.34');
    // A change of the evaluation behind the app's back (its version moves, as any save's does).
    await t.db.query('update evaluations set version = version + 1 where id = $1', [id]);
    const shown = (await r.call('filler', 'GET', `/api/evaluations/${id}`)).json();
    expect(shown.score.computedTotal).not.toBe('12.34');
    const stored = await t.db.query<{ computed_score: string }>(
      'select computed_score::text as computed_score from evaluation_results where evaluation_id = $1',
      [id],
    );
    expect(stored.rows[0]!.computed_score).not.toBe('12.34');
  });

  it('the review queue pages, filters by status and sorts on the server', async () => {
    const base = (await r.call('filler', 'GET', `/api/evaluations/${r.evaluationId}`)).json();
    // Five more of the same department, submitted one after another.
    for (let k = 0; k < 5; k++) {
      const created = await r.call('filler', 'POST', '/api/evaluations', {
        evaluation: { ...base.evaluation, title: `${base.evaluation.title}（${k}）` },
      });
      expect(created.statusCode).toBe(200);
      await t.db.query(
        `update evaluations set status = 'submitted', updated_at = now() + make_interval(secs => $2)
          where id = $1`,
        [created.json().id, k],
      );
    }
    const first = (
      await r.call('reviewer', 'GET', '/api/evaluations?status=submitted&page=1&pageSize=2&sort=updated')
    ).json() as { items: Listed[]; total: number };
    expect(first.total).toBe(5);
    expect(first.items).toHaveLength(2);
    expect(first.items[0]!.updatedAt < first.items[1]!.updatedAt).toBe(true);
    const last = (
      await r.call('reviewer', 'GET', '/api/evaluations?status=submitted&page=3&pageSize=2&sort=updated')
    ).json() as { items: Listed[]; total: number };
    expect(last.items).toHaveLength(1);
    const beyond = (
      await r.call('reviewer', 'GET', '/api/evaluations?status=submitted&page=9&pageSize=2')
    ).json() as { items: Listed[]; total: number };
    expect(beyond).toMatchObject({ items: [], total: 5 });
    // A reviewer never sees drafts, even when asking for them.
    const drafts = (await r.call('reviewer', 'GET', '/api/evaluations?status=draft&page=1')).json() as {
      total: number;
    };
    expect(drafts.total).toBe(0);
    const newest = (
      await r.call('reviewer', 'GET', '/api/evaluations?page=1&pageSize=1&sort=updated&order=desc')
    ).json() as { items: Listed[] };
    expect(newest.items[0]!.updatedAt).toBe(last.items[0]!.updatedAt);
  });

  it('answers a bad list query in Chinese, naming the parameter', async () => {
    for (const [query, words] of [
      ['page=0', '页码（page）'],
      ['page=1&pageSize=100000', '每页行数（pageSize）'],
      ['page=1&sort=name', '排序（sort）'],
      ['page=1&order=up', '顺序（order）'],
      ['status=done', '状态（status）'],
      ['kind=other', '类型（kind）'],
    ] as const) {
      const res = await r.call('reviewer', 'GET', `/api/evaluations?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.body, query).toContain(words);
    }
  });
});
