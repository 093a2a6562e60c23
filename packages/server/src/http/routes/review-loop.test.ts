// 审核往返：the 填报人's explanations and the reviewer's 不是问题 marks are kept on the evaluation across a 退回
// and a resubmission; a marked finding needs no explanation again; 审核通过 needs a 复核得分 or 与自评一致.
import { findingKey, parseStated, type Evaluation, type Finding } from '@jixiao/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabaseFor } from '../../db/fresh-database.ts';
import { BACKENDS } from '../../db/test-databases.ts';
import { regionApp, type RegionApp } from '../test-regions.ts';

interface Detail {
  status: string;
  version: number;
  evaluation: Evaluation;
  findings: Finding[];
  dispositions: Array<{ key: string; dismissed: boolean; reason: string; authorName: string }>;
  explanations: Array<{ key: string; text: string; authorName: string; version: number }>;
}

describe.each(BACKENDS)('the review loop on the %s database', (_name, open) => {
  const t = freshDatabaseFor(open);
  let region: RegionApp;
  let url = '';
  let errors: Finding[] = [];

  async function detail(actor: 'filler' | 'reviewer'): Promise<Detail> {
    const r = await region.call(actor, 'GET', url);
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as Detail;
  }

  beforeAll(async () => {
    region = await regionApp(t.db);
    url = `/api/evaluations/${region.evaluationId}`;
  }, 120_000);

  afterAll(async () => {
    await region?.app.close();
  });

  it('keeps each explanation on the evaluation after submitting, for the 填报人 and the reviewer', async () => {
    // One more error than the file has: a line's 实际支出 no longer adds up to the total's.
    const loaded = await detail('filler');
    const budget = loaded.evaluation.budget.map((b, n) =>
      n === 0 ? { ...b, executed: parseStated('500.00') } : b,
    );
    const saved = await region.call('filler', 'PUT', url, {
      version: loaded.version,
      evaluation: { ...loaded.evaluation, budget },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const before = await detail('filler');
    errors = before.findings.filter((f) => f.severity === 'error');
    expect(errors.length).toBeGreaterThanOrEqual(2);
    expect(before.explanations).toEqual([]);
    const explanations = Object.fromEntries(errors.map((f, i) => [findingKey(f), `原表如此 ${i + 1}`]));
    const r = await region.call('filler', 'POST', `${url}/submit`, { explanations });
    expect(r.statusCode, r.body).toBe(200);
    for (const actor of ['filler', 'reviewer'] as const) {
      const after = await detail(actor);
      expect(after.explanations.map((e) => [e.key, e.text])).toEqual(
        errors.map((f, i) => [findingKey(f), `原表如此 ${i + 1}`]),
      );
      expect(after.explanations[0]!.authorName).toBe('filler名');
    }
    // Another region's reviewer reads none of it.
    expect((await region.call('otherReviewer', 'GET', url)).statusCode).toBe(403);
  });

  it('refuses 审核通过 with neither a 复核得分 nor 与自评一致, in Chinese', async () => {
    const r = await region.call('reviewer', 'POST', `${url}/accept`, {});
    expect(r.statusCode).toBe(409);
    expect(r.json().error).toBe('审核通过前请先保存复核得分，或确认复核得分与自评一致');
  });

  it('after a 退回, a finding marked 不是问题 needs no explanation and the others keep theirs', async () => {
    const [dismissed, ...rest] = errors;
    const mark = await region.call('reviewer', 'POST', `${url}/findings/dismiss`, {
      key: findingKey(dismissed!),
      reason: '口径不同，不是错误',
    });
    expect(mark.statusCode, mark.body).toBe(200);
    const back = await region.call('reviewer', 'POST', `${url}/return`, {
      comment: '请把评价结论改为「优」',
    });
    expect(back.statusCode, back.body).toBe(200);

    const returned = await detail('filler');
    expect(returned.status).toBe('returned');
    // The mark is kept and shown to the 填报人, with its reason and who made it.
    expect(returned.dispositions).toEqual([
      expect.objectContaining({ key: findingKey(dismissed!), dismissed: true, reason: '口径不同，不是错误' }),
    ]);
    expect(returned.explanations).toHaveLength(errors.length);

    // Leaving out one of the other errors is still refused, and says how many are left.
    const partial = Object.fromEntries(rest.slice(1).map((f) => [findingKey(f), '仍为原表数字']));
    const refused = await region.call('filler', 'POST', `${url}/submit`, { explanations: partial });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatch(/^还有 1 条错误未处理/);

    // The dismissed one left out, one explanation rewritten: accepted.
    const again = Object.fromEntries(
      rest.map((f, i) => [findingKey(f), i === 0 ? '已核对，数字按决算' : `原表如此 ${i + 2}`]),
    );
    const r = await region.call('filler', 'POST', `${url}/submit`, { explanations: again });
    expect(r.statusCode, r.body).toBe(200);
    const resubmitted = await detail('reviewer');
    const byKey = new Map(resubmitted.explanations.map((e) => [e.key, e]));
    expect(byKey.get(findingKey(rest[0]!))?.text).toBe('已核对，数字按决算');
    // The first submission's explanation of the dismissed finding is still there to read.
    expect(byKey.get(findingKey(dismissed!))?.text).toBe('原表如此 1');
    expect(byKey.get(findingKey(rest[0]!))!.version).toBeGreaterThan(
      byKey.get(findingKey(dismissed!))!.version,
    );
  });

  it('accepts with 与自评一致 ticked', async () => {
    const r = await region.call('reviewer', 'POST', `${url}/accept`, { sameAsSelf: true });
    expect(r.statusCode, r.body).toBe(200);
    expect((await detail('reviewer')).status).toBe('accepted');
  });
});
