// 计分结果的保存与重算: a result is stored once, kept while it holds, and recomputed after an edit.
import { ENGINE_VERSION, newEvaluation, parseStated } from '@jixiao/core';
import { loadBuiltinRegistry } from '@jixiao/formats';
import { describe, expect, it } from 'vitest';
import { BACKENDS, freshDatabaseFor } from '../db/test-databases.ts';
import { createEvaluation, ensureDepartment, getEvaluation, saveEvaluation } from './evaluations.ts';
import { dueForRecompute, recomputeDue, resultsOf } from './results.ts';

describe.each(BACKENDS)('stored results on the %s database', (_name, open) => {
  const t = freshDatabaseFor(open);

  it('stores a result with its versions and recomputes it after an edit', async () => {
    const registry = await loadBuiltinRegistry();
    const dept = await ensureDepartment(t.db, '司法局', '安居区');
    const created = await createEvaluation(t.db, {
      departmentId: dept,
      evaluation: newEvaluation({
        id: 'e1',
        title: '部门预算项目支出绩效自评表',
        kind: 'project',
        projectName: '法律援助',
        year: 2023,
        statedTotal: parseStated('100'),
      }),
      author: { name: '张三' },
    });
    expect(await dueForRecompute(t.db, registry)).toEqual([created.id]);
    const first = (await resultsOf(t.db, registry, [created])).get(created.id)!;
    expect(first.scoredBy.engineVersion).toBe(ENGINE_VERSION);
    expect(first.result.score.statedTotal).toBe('100');
    expect(await dueForRecompute(t.db, registry)).toEqual([]);

    await saveEvaluation(t.db, created.id, {
      expectedVersion: 1,
      evaluation: { ...created.evaluation, statedTotal: parseStated('95') },
      author: { name: '张三' },
    });
    expect(await dueForRecompute(t.db, registry)).toEqual([created.id]);
    expect(await recomputeDue(t.db, registry)).toBe(1);
    expect(await dueForRecompute(t.db, registry)).toEqual([]);
    const again = await resultsOf(t.db, registry, [await getEvaluation(t.db, created.id)]);
    expect(again.get(created.id)!.result.score.statedTotal).toBe('95');
  });
});
