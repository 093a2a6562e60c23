// 满意度调查 through the API on both databases: 红河州司法局's 填报人 records seed 004's survey (发出 30 份，收回
// 有效 30 份，满意 29 份) on a 满意度指标; core's rate 96.67% becomes the indicator's 完成值 in a new version of the
// evaluation, its source naming the survey and formula, and the indicator is scored by it. Counts that cannot
// be are a Chinese 400 naming the problem and nothing is changed; a stale version is a conflict that keeps both.
import { readDocumentFile } from '@jixiao/formats';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabaseFor } from '../../db/fresh-database.ts';
import { BACKENDS } from '../../db/test-databases.ts';
import { createEvaluation } from '../../store/evaluations.ts';
import { regionApp, type RegionApp } from '../test-regions.ts';

const seed003 = join(
  resolve(dirname(fileURLToPath(import.meta.url)), '../../../../..'),
  'examples/seeds/003_cbcf39354c9835b0.txt',
);

/** Seed 004's survey: 30 sent, 30 back, 29 satisfied (here 20 + 6 + 3 over the three satisfied grades). */
const seed004Survey = (version: number) => ({
  version,
  issued: 30,
  returned: 30,
  options: [
    { label: '非常满意', count: 20, satisfied: true },
    { label: '满意', count: 6, satisfied: true },
    { label: '基本满意', count: 3, satisfied: true },
    { label: '不满意', count: 1, satisfied: false },
  ],
});

describe.each(BACKENDS)('satisfaction surveys on the %s database', (_name, open) => {
  const t = freshDatabaseFor(open);
  let region: RegionApp;
  let id = 0;
  /** 群众满意度 of seed 003's project: 指标值 95, 分值 10, 完成值 left blank. */
  const indicator = 'ind-6';
  const call: RegionApp['call'] = (...args) => region.call(...args);
  const url = () => `/api/evaluations/${id}/indicators/${indicator}/survey`;
  const version = async () =>
    (await call('filler', 'GET', `/api/evaluations/${id}`)).json().version as number;

  beforeAll(async () => {
    region = await regionApp(t.db);
    const doc = await readDocumentFile(seed003);
    const project = doc.evaluations.find((e) =>
      e.indicators.some((i) => i.id === indicator && i.name === '群众满意度' && i.target?.raw === '95'),
    )!;
    const dept = (await t.db.query<{ id: number }>("select id from departments where name = '红河州司法局'"))
      .rows[0]!.id;
    id = (
      await createEvaluation(t.db, { departmentId: dept, evaluation: project, author: { name: 'setup' } })
    ).id;
  }, 120_000);

  afterAll(async () => {
    await region?.app.close();
  });

  it('has no survey until one is recorded', async () => {
    const r = await call('filler', 'GET', url());
    expect(r.statusCode).toBe(200);
    expect(r.json()).toBeNull();
  });

  it('counts that cannot be are refused naming the problem, and nothing is changed', async () => {
    const before = await call('filler', 'GET', `/api/evaluations/${id}`);
    const v = before.json().version as number;
    const bad = [
      [{ ...seed004Survey(v), returned: 31 }, '收回 31 份多于发出的 30 份'],
      [{ ...seed004Survey(v), issued: 40, returned: 28 }, '各选项合计 30 份，与收回有效问卷 28 份不一致'],
      [
        { ...seed004Survey(v), returned: 0, options: [{ label: '满意', count: 0, satisfied: true }] },
        '没有收回有效问卷',
      ],
      [{ ...seed004Survey(v), issued: -1 }, '发出问卷数不能为负数'],
      [{ ...seed004Survey(v), issued: 2.5 }, '发出问卷数应为整数'],
      [{ ...seed004Survey(v), options: [] }, '请至少列出一个选项'],
      [
        { ...seed004Survey(v), options: [{ label: '满\u202e意', count: 30, satisfied: true }] },
        '选项名称含有改变文字方向的控制字符',
      ],
      [{ issued: 30, returned: 30, options: [] }, 'version'],
    ] as const;
    for (const [body, message] of bad) {
      const r = await call('filler', 'PUT', url(), body);
      expect(r.statusCode, message).toBe(400);
      expect(r.json().error, message).toContain(message);
    }
    expect((await call('filler', 'GET', url())).json()).toBeNull();
    const after = await call('filler', 'GET', `/api/evaluations/${id}`);
    expect(after.json().version).toBe(v);
    expect(
      after.json().evaluation.indicators.find((i: { id: string }) => i.id === indicator).actual.raw,
    ).toBe('');
  });

  it('a survey of an indicator the evaluation does not have is a 404', async () => {
    const r = await call(
      'filler',
      'PUT',
      `/api/evaluations/${id}/indicators/no-such/survey`,
      seed004Survey(await version()),
    );
    expect(r.statusCode).toBe(404);
    expect(r.json().error).toContain('没有这项指标');
  });

  it('seed 004’s counts give 96.67%: the 完成值, a new version saying so, and the indicator scored by it', async () => {
    const v = await version();
    const r = await call('filler', 'PUT', url(), seed004Survey(v));
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({
      indicatorName: '群众满意度',
      rate: '96.67',
      satisfied: 29,
      returnRate: '100.00',
      formula: '非常满意、满意、基本满意 29 份 ÷ 收回有效问卷 30 份 = 96.67%',
      version: v + 1,
      actual: '96.67',
      recordedBy: 'filler名',
    });
    const page = (await call('filler', 'GET', `/api/evaluations/${id}`)).json();
    const row = page.evaluation.indicators.find((i: { id: string }) => i.id === indicator);
    expect(row.actual).toMatchObject({ raw: '96.67', value: '96.67' });
    expect(row.actual.source.derivation).toBe(
      '满意度调查：非常满意、满意、基本满意 29 份 ÷ 收回有效问卷 30 份 = 96.67%',
    );
    // 96.67 ≥ 95: met, full marks of its 10.
    const score = page.score.indicators.find((s: { indicatorId: string }) => s.indicatorId === indicator);
    expect(score).toMatchObject({ met: true, computed: '10.00' });
    const revisions = (await call('filler', 'GET', `/api/evaluations/${id}/revisions`)).json();
    expect(revisions.at(-1)).toMatchObject({
      version: v + 1,
      authorName: 'filler名',
      note: '满意度调查「群众满意度」：非常满意、满意、基本满意 29 份 ÷ 收回有效问卷 30 份 = 96.67%',
    });
    expect((await call('filler', 'GET', url())).json()).toMatchObject({
      issued: 30,
      returned: 30,
      rate: '96.67',
    });
  });

  it('a stale version is a conflict: neither the counts nor the 完成值 change', async () => {
    const v = await version();
    const r = await call('filler', 'PUT', url(), {
      ...seed004Survey(v - 1),
      options: [
        { label: '满意', count: 15, satisfied: true },
        { label: '不满意', count: 15, satisfied: false },
      ],
    });
    expect(r.statusCode).toBe(409);
    expect(r.json().error).toContain('你的修改没有丢失');
    expect((await call('filler', 'GET', url())).json().rate).toBe('96.67');
    expect(await version()).toBe(v);
  });

  it('only the department records it while a draft; the region reads it once submitted', async () => {
    const body = seed004Survey(await version());
    expect((await call('otherFiller', 'PUT', url(), body)).statusCode).toBe(403);
    expect((await call('reviewer', 'PUT', url(), body)).statusCode).toBe(403);
    expect((await call('stranger', 'GET', url())).statusCode).toBe(401);
    expect((await call('otherFiller', 'GET', url())).statusCode).toBe(403);
    // A draft is the department's own.
    expect((await call('reviewer', 'GET', url())).statusCode).toBe(403);
    await t.db.query("update evaluations set status = 'submitted' where id = $1", [id]);
    const seen = await call('reviewer', 'GET', url());
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ rate: '96.67', formula: expect.stringContaining('29 份') });
    expect((await call('otherReviewer', 'GET', url())).statusCode).toBe(403);
    const frozen = await call('filler', 'PUT', url(), body);
    expect(frozen.statusCode).toBe(409);
    expect(frozen.json().error).toContain('已提交，不能再登记满意度调查');
  });
});
