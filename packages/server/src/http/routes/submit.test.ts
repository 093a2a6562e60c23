// 提交: a form typed in the app with its fields left blank is refused until they are filled — explaining
// each blank, as one may explain an error of an imported file, is not enough.
import { blankEvaluation } from '@jixiao/core';
import { loadBuiltinRegistry } from '@jixiao/formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabaseFor } from '../../db/fresh-database.ts';
import { BACKENDS } from '../../db/test-databases.ts';
import { assess, findingKey } from '../assess.ts';
import { regionApp, type RegionApp } from '../test-regions.ts';

describe.each(BACKENDS)('submitting on the %s database', (_name, open) => {
  const t = freshDatabaseFor(open);
  let region: RegionApp;

  beforeAll(async () => {
    region = await regionApp(t.db);
  }, 120_000);

  afterAll(async () => {
    await region?.app.close();
  });

  it('refuses a blank form whose every error is explained, and keeps it a draft', async () => {
    const registry = await loadBuiltinRegistry();
    const evaluation = blankEvaluation(registry.get('mof-project-2020')!, { year: 2025 });
    const created = await region.call('filler', 'POST', '/api/evaluations', { evaluation });
    expect(created.statusCode, created.body).toBe(200);
    const { id } = created.json() as { id: number };
    const errors = assess(registry, evaluation).findings.filter((f) => f.severity === 'error');
    expect(errors.some((f) => f.code === 'incomplete')).toBe(true);
    const explanations = Object.fromEntries(errors.map((f) => [findingKey(f), '原表如此']));

    const r = await region.call('filler', 'POST', `/api/evaluations/${id}/submit`, { explanations });
    expect(r.statusCode).toBe(422);
    expect(r.json().error).toMatch(/^还有 \d+ 项必填内容未填写，填写后才能提交（项目名称未填写/);
    const after = await region.call('filler', 'GET', `/api/evaluations/${id}`);
    expect(after.json().status).toBe('draft');
  });
});
