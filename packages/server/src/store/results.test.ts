// 计分结果的保存与重算: a result is stored once, kept while it holds, and recomputed after an edit.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENGINE_VERSION, newEvaluation, parseStated } from '@jixiao/core';
import { loadBuiltinRegistry, readDocumentFile } from '@jixiao/formats';
import { describe, expect, it } from 'vitest';
import { freshDatabaseFor } from '../db/fresh-database.ts';
import { BACKENDS } from '../db/test-databases.ts';
import { assessStored } from '../http/assess.ts';
import { createDocument } from './documents.ts';
import {
  createEvaluation,
  createEvaluationIn,
  ensureDepartment,
  getEvaluation,
  saveEvaluation,
} from './evaluations.ts';
import { computeResult, dueForRecompute, recomputeDue, refreshResults, resultsOf } from './results.ts';

/** Seed 003: one file of several project tables, whose audit holds each against the others and the prose. */
const SEED_003 = join(
  resolve(dirname(fileURLToPath(import.meta.url)), '../../../..'),
  'examples/seeds/003_cbcf39354c9835b0.txt',
);

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

  it('computing one table of a file stores every table of it, each as auditing it alone with the file would', async () => {
    const registry = await loadBuiltinRegistry();
    const document = await readDocumentFile(SEED_003);
    expect(document.evaluations.length).toBeGreaterThan(2);
    const dept = await ensureDepartment(t.db, '某区司法局', '安居区');
    const members = await t.db.transaction(async (tx) => {
      const documentId = await createDocument(tx, document);
      const out = [];
      for (const evaluation of document.evaluations)
        out.push(
          await createEvaluationIn(tx, {
            departmentId: dept,
            evaluation,
            author: { name: '张三' },
            documentId,
          }),
        );
      return out;
    });
    const ids = members.map((m) => m.id);
    const due = () => dueForRecompute(t.db, registry).then((d) => d.filter((id) => ids.includes(id)));
    expect(await due()).toEqual(ids);
    await computeResult(t.db, registry, members[1]!);
    expect(await due()).toEqual([]);
    const stored = await resultsOf(t.db, registry, members);
    for (const m of members) {
      const alone = (await assessStored(t.db, registry, m)).result;
      const kept = stored.get(m.id)!.result;
      expect(kept.score).toEqual(alone.score);
      expect(kept.findings).toEqual(alone.findings);
    }
    // Editing one table changes the basis of all; the refresh after a save brings them all back.
    const first = members[0]!;
    await saveEvaluation(t.db, first.id, {
      expectedVersion: first.version,
      evaluation: { ...first.evaluation, statedTotal: parseStated('60') },
      author: { name: '张三' },
    });
    expect(await due()).toEqual(ids);
    await refreshResults(t.db, registry, first.id);
    expect(await due()).toEqual([]);
    const after = await resultsOf(t.db, registry, [await getEvaluation(t.db, first.id)]);
    expect(after.get(first.id)!.result.score.statedTotal).toBe('60');
  });
});
