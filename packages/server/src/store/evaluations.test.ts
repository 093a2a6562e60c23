import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newEvaluation, parseStated } from '@jixiao/core';
import { loadBuiltinRegistry } from '@jixiao/formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../db/migrate.ts';
import { BACKENDS, type TestDatabase } from '../db/test-databases.ts';
import { buildApp } from '../http/app.ts';
import { ConflictError } from './errors.ts';
import {
  createEvaluation,
  ensureDepartment,
  getEvaluation,
  listRevisions,
  saveEvaluation,
} from './evaluations.ts';
import { importSamples } from './samples.ts';

const seeds = join(resolve(dirname(fileURLToPath(import.meta.url)), '../../../..'), 'examples/seeds');

const sample = () =>
  newEvaluation({
    id: 'e1',
    title: '部门预算项目支出绩效自评表',
    kind: 'project',
    projectName: '法律援助',
    year: 2023,
    statedTotal: parseStated('100'),
  });

describe.each(BACKENDS)('persistence on the %s database', (_name, open) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await open();
  }, 60_000);
  afterAll(async () => {
    await t?.drop();
  });

  it('migrates once: a second run applies nothing', async () => {
    expect(await migrate(t.db)).toEqual([]);
  });

  it('answers the health check', async () => {
    const app = await buildApp(t.db, await loadBuiltinRegistry());
    const r = await app.inject({ method: 'GET', url: '/api/health' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ status: 'ok', database: t.db.kind });
    await app.close();
  });

  it('keeps every save as a revision and refuses a save from a stale version', async () => {
    const dept = await ensureDepartment(t.db, '遂宁市安居区司法局');
    const created = await createEvaluation(t.db, {
      departmentId: dept,
      evaluation: sample(),
      author: { name: '张三' },
    });
    expect(created.version).toBe(1);
    const edited = { ...created.evaluation, statedTotal: parseStated('95') };
    const saved = await saveEvaluation(t.db, created.id, {
      expectedVersion: 1,
      evaluation: edited,
      author: { name: '张三' },
    });
    expect(saved.version).toBe(2);
    const stale = { ...created.evaluation, statedTotal: parseStated('90') };
    const refused = saveEvaluation(t.db, created.id, {
      expectedVersion: 1,
      evaluation: stale,
      author: { name: '李四' },
    });
    await expect(refused).rejects.toBeInstanceOf(ConflictError);
    await expect(refused).rejects.toThrow(/张三.*第 2 版.*第 1 版/);
    const now = await getEvaluation(t.db, created.id);
    expect(now.evaluation.statedTotal?.raw).toBe('95');
    const revisions = await listRevisions(t.db, created.id);
    expect(revisions.map((r) => [r.version, r.authorName, r.evaluation.statedTotal?.raw])).toEqual([
      [1, '张三', '100'],
      [2, '张三', '95'],
    ]);
  });

  it('lets exactly one of two simultaneous saves win, and loses no revision', async () => {
    const dept = await ensureDepartment(t.db, '红河州司法局');
    const created = await createEvaluation(t.db, {
      departmentId: dept,
      evaluation: sample(),
      author: { name: '甲' },
    });
    const attempt = (who: string, total: string) =>
      saveEvaluation(t.db, created.id, {
        expectedVersion: 1,
        evaluation: { ...created.evaluation, statedTotal: parseStated(total) },
        author: { name: who },
      });
    const results = await Promise.allSettled([attempt('甲', '91'), attempt('乙', '92')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(ConflictError);
    const revisions = await listRevisions(t.db, created.id);
    expect(revisions.map((r) => r.version)).toEqual([1, 2]);
  });

  it('imports the five seeds as sample data once, on an empty database only, each at its sample status', async () => {
    await t.db.query('delete from evaluations');
    const registry = await loadBuiltinRegistry();
    expect(await importSamples(t.db, seeds, registry)).toBe(10); // 1 + 1 + 1 + 6 + 1 evaluations
    expect(await importSamples(t.db, seeds, registry)).toBe(0);
    const r = await t.db.query<{ name: string; region: string; statuses: string[]; frozen: boolean[] }>(
      `select d.name, d.region, array_agg(e.status order by e.id) as statuses,
              array_agg(e.framework_version is not null and e.submitted_version is not null order by e.id) as frozen
         from departments d join evaluations e on e.department_id = d.id group by d.name, d.region order by d.name`,
    );
    // As examples/seeds/samples.json says: every role has something to look at on the first start.
    expect(r.rows).toEqual(
      expect.arrayContaining([
        { name: '郑州市上街区司法局机关', region: '郑州市上街区', statuses: ['published'], frozen: [true] },
        { name: '雁峰区司法局', region: '衡阳市雁峰区', statuses: ['submitted'], frozen: [true] },
        { name: '红河州司法局', region: '红河州', statuses: ['accepted'], frozen: [true] },
        {
          name: '遂宁市安居区司法局',
          region: '遂宁市安居区',
          statuses: Array(6).fill('draft'),
          frozen: Array(6).fill(false),
        },
      ]),
    );
    // Each step is a revision, as a real submission, acceptance and publication would be.
    const published = await t.db.query<{ id: number }>(
      "select e.id from evaluations e join departments d on d.id = e.department_id where d.name = '郑州市上街区司法局机关'",
    );
    const revisions = await listRevisions(t.db, published.rows[0]!.id);
    expect(revisions.map((x) => x.status)).toEqual(['draft', 'submitted', 'accepted', 'published']);
    expect(JSON.parse(revisions[1]!.note).explanations).not.toEqual({});
  });
});
