// 评分框架版本与提交冻结：a submission stays scored under the framework version it was submitted with, a
// newer version gives a separate labelled result, and stored versions are never replaced — on both databases.
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FrameworkRegistry, parseFramework, type Evaluation } from '@jixiao/core';
import { loadBuiltinRegistry, readDocumentFile } from '@jixiao/formats';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../auth/users.ts';
import { BACKENDS, type TestDatabase } from '../../db/test-databases.ts';
import { createEvaluation, ensureDepartment } from '../../store/evaluations.ts';
import { buildApp } from '../app.ts';
import { assess, findingKey } from '../assess.ts';

const seeds = join(resolve(dirname(fileURLToPath(import.meta.url)), '../../../../..'), 'examples/seeds');
const PASSWORD = 'correct-horse-42';
type Actor = 'stranger' | 'admin' | 'reviewer' | 'filler';

/** Seed 001's 部门整体 framework: its 99.11 grades 优 as shipped. */
const FW = 'zhengzhou-shangjie-department-2021';

/** FW as shipped, with new grade bands: 优 only from 99.99, so seed 001's 优 becomes 差. */
async function stricterVersion(version: string) {
  const files = await loadBuiltinRegistry();
  const shipped = JSON.parse(JSON.stringify(files.get(FW))) as {
    version: string;
    grades: { bands: Array<{ label: string; min: number }> };
  };
  shipped.version = version;
  shipped.grades.bands = shipped.grades.bands.map((b) => ({
    ...b,
    min: { 优: 99.99, 良: 99.98, 中: 99.97, 差: 0 }[b.label] ?? b.min,
  }));
  return shipped;
}

describe.each(BACKENDS)('framework versions and frozen submissions on the %s database', (_name, open) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  const auth: Partial<Record<Actor, { cookie: string; csrf: string }>> = {};
  const ids: Record<string, number> = {};
  let evaluation: Evaluation;
  let shippedVersion = '';

  function call(actor: Actor, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) {
    const a = auth[actor];
    const headers: Record<string, string> = a ? { cookie: a.cookie, 'x-csrf-token': a.csrf } : {};
    return app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  }

  async function login(target: FastifyInstance) {
    for (const actor of ['admin', 'reviewer', 'filler'] as const) {
      const r = await target.inject({
        method: 'POST',
        url: '/api/login',
        payload: { username: actor, password: PASSWORD },
      });
      expect(r.statusCode, actor).toBe(200);
      auth[actor] = { cookie: String(r.headers['set-cookie']).split(';')[0]!, csrf: r.json().csrfToken };
    }
  }

  beforeAll(async () => {
    t = await open();
    const files = await loadBuiltinRegistry();
    shippedVersion = files.get(FW)!.version;
    app = await buildApp(t.db, files);
    const dept = await ensureDepartment(t.db, '司法局', '安居区');
    await createUser(t.db, { username: 'admin', displayName: '管理员', role: 'admin', password: PASSWORD });
    await createUser(t.db, {
      username: 'reviewer',
      displayName: '审核人',
      role: 'reviewer',
      region: '安居区',
      password: PASSWORD,
    });
    await createUser(t.db, {
      username: 'filler',
      displayName: '填报人',
      role: 'filler',
      departmentId: dept,
      password: PASSWORD,
    });
    // Seed 001, scored under FW with a complete total that grades 优 today.
    for (const f of readdirSync(seeds).filter((x) => x.endsWith('.txt'))) {
      for (const e of (await readDocumentFile(join(seeds, f))).evaluations) {
        const { score } = assess(files, e);
        if (score.frameworkId === FW && score.computedGrade && score.computedGrade !== '差') {
          evaluation ??= e;
        }
      }
    }
    expect(evaluation).toBeDefined();
    for (const name of ['frozen', 'draft']) {
      ids[name] = (
        await createEvaluation(t.db, { departmentId: dept, evaluation, author: { name: 'setup' } })
      ).id;
    }
    await login(app);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('lists the shipped frameworks to anyone, each the current version of its id', async () => {
    const r = await call('stranger', 'GET', '/api/frameworks');
    expect(r.statusCode).toBe(200);
    const list = r.json() as Array<{ id: string; version: string; origin: string; current: boolean }>;
    expect(list.map((f) => f.id)).toContain(FW);
    expect(list.every((f) => f.origin === 'builtin' && f.current)).toBe(true);
    const one = await call('stranger', 'GET', `/api/frameworks/${FW}/${shippedVersion}`);
    expect(one.json()).toMatchObject({ id: FW, version: shippedVersion });
    expect((await call('stranger', 'GET', `/api/frameworks/${FW}/0.0`)).statusCode).toBe(404);
    const definitions = (await call('stranger', 'GET', '/api/frameworks/definitions')).json() as unknown[];
    // The browser parses these into its registry: each must parse as a framework again.
    const reg = new FrameworkRegistry();
    for (const d of definitions) reg.add(parseFramework(d, 'api'));
    expect(
      reg
        .list()
        .map((f) => f.id)
        .sort(),
    ).toEqual(list.map((f) => f.id).sort());
  });

  it('freezes the framework version at submission', async () => {
    const errors = assess(await loadBuiltinRegistry(), evaluation).findings.filter(
      (f) => f.severity === 'error',
    );
    const explanations = Object.fromEntries(errors.map((f) => [findingKey(f), '已核实，系原表如此']));
    const r = await call('filler', 'POST', `/api/evaluations/${ids.frozen}/submit`, { explanations });
    expect(r.statusCode, r.body).toBe(200);
    const detail = (await call('reviewer', 'GET', `/api/evaluations/${ids.frozen}`)).json();
    expect(detail.frozen).toMatchObject({ frameworkId: FW, frameworkVersion: shippedVersion });
    expect(detail.frozen.version).toBe(detail.version);
    expect(detail.score.frameworkVersion).toBe(shippedVersion);
    expect(detail.rescored).toBeNull();
  });

  it('lets only the admin add a version, checked like a file, never replacing a stored one', async () => {
    const next = await stricterVersion('2099.1');
    expect((await call('stranger', 'POST', '/api/frameworks', next)).statusCode).toBe(401);
    expect((await call('filler', 'POST', '/api/frameworks', next)).statusCode).toBe(403);
    expect((await call('reviewer', 'POST', '/api/frameworks', next)).statusCode).toBe(403);
    const broken = {
      ...next,
      version: '2099.0',
      rules: [{ id: 'x', kind: 'no-such-kind', cite: 'nowhere' }],
    };
    const bad = await call('admin', 'POST', '/api/frameworks', broken);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatch(/上传的评分框架.*rules/);
    const again = await call('admin', 'POST', '/api/frameworks', {
      ...(await stricterVersion(shippedVersion)),
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toContain('不能修改');
    const ok = await call('admin', 'POST', '/api/frameworks', next);
    expect(ok.statusCode, ok.body).toBe(200);
    const list = (await call('filler', 'GET', '/api/frameworks')).json() as Array<{
      id: string;
      version: string;
      origin: string;
      current: boolean;
    }>;
    const versions = list.filter((f) => f.id === FW);
    expect(versions.map((f) => [f.version, f.origin, f.current])).toEqual([
      [shippedVersion, 'builtin', false],
      ['2099.1', 'admin', true],
    ]);
  });

  it('keeps the submission under its version and shows the newer one beside it, labelled', async () => {
    const detail = (await call('reviewer', 'GET', `/api/evaluations/${ids.frozen}`)).json();
    expect(detail.score.frameworkVersion).toBe(shippedVersion);
    expect(detail.score.computedGrade).not.toBe('差');
    expect(detail.rescored).toMatchObject({ frameworkId: FW, frameworkVersion: '2099.1' });
    expect(detail.rescored.score.computedGrade).toBe('差');
    expect(detail.rescored.label).toContain('仅供对照');
    // A draft is new work: scored with the current version.
    const draft = (await call('filler', 'GET', `/api/evaluations/${ids.draft}`)).json();
    expect(draft.frozen).toBeNull();
    expect(draft.score.frameworkVersion).toBe('2099.1');
    expect(draft.rescored).toBeNull();
  });

  it('publishes the frozen result: the portal and its download read the submitted version', async () => {
    expect(
      (await call('reviewer', 'POST', `/api/evaluations/${ids.frozen}/accept`, { sameAsSelf: true }))
        .statusCode,
    ).toBe(200);
    expect((await call('reviewer', 'POST', `/api/evaluations/${ids.frozen}/publish`, {})).statusCode).toBe(
      200,
    );
    const report = (await call('stranger', 'GET', `/api/public/reports/${ids.frozen}`)).json();
    expect(report.score.frameworkVersion).toBe(shippedVersion);
    expect(report.score.computedGrade).not.toBe('差');
    expect(report.frozen.frameworkVersion).toBe(shippedVersion);
    // The portal's list shows the same stored score, under the same version, and no findings.
    const listed = (await call('stranger', 'GET', '/api/public/reports')).json() as Array<
      Record<string, unknown>
    >;
    const row = listed.find((x) => x.id === ids.frozen)!;
    expect(row).toMatchObject({
      computedScore: report.score.computedTotal,
      computedGrade: report.score.computedGrade,
      scoredBy: { frameworkVersion: shippedVersion, current: true },
    });
    expect(row).not.toHaveProperty('findings');
    const xlsx = await call('stranger', 'GET', `/api/public/reports/${ids.frozen}/export?format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
  });

  it('after a restart the uploaded version is still current, the frozen one still frozen, and a changed file with a stored version does not move it', async () => {
    await app.close();
    const files = await loadBuiltinRegistry();
    // A shipped file edited without a new version number: the stored definition wins.
    files.add(parseFramework(await stricterVersion(shippedVersion), 'edited.json'));
    const warnings: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => (
      warnings.push(String(chunk)),
      true
    )) as typeof process.stderr.write;
    try {
      app = await buildApp(t.db, files);
    } finally {
      process.stderr.write = write;
    }
    expect(warnings.join('')).toContain(`${FW} 的 ${shippedVersion} 版`);
    await login(app);
    const frozen = (await call('admin', 'GET', `/api/evaluations/${ids.frozen}`)).json();
    expect(frozen.score.frameworkVersion).toBe(shippedVersion);
    expect(frozen.score.computedGrade).not.toBe('差');
    const draft = (await call('filler', 'GET', `/api/evaluations/${ids.draft}`)).json();
    expect(draft.score.frameworkVersion).toBe('2099.1');
  });

  it('a 退回 needs a comment, and the 填报人 sees it; a returned evaluation is no longer frozen', async () => {
    // The draft is scored under 2099.1: its 优 beside a recomputed 差 is one more error to explain.
    const findings = (await call('filler', 'GET', `/api/evaluations/${ids.draft}`)).json().findings as Array<
      Parameters<typeof findingKey>[0]
    >;
    expect(findings.some((f) => f.code === 'grade-mismatch' || f.message.includes('差'))).toBe(true);
    const explanations = Object.fromEntries(
      findings.filter((f) => f.severity === 'error').map((f) => [findingKey(f), '已核实']),
    );
    const submitted = await call('filler', 'POST', `/api/evaluations/${ids.draft}/submit`, { explanations });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const empty = await call('reviewer', 'POST', `/api/evaluations/${ids.draft}/return`, { comment: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error).toContain('意见');
    expect(
      (await call('reviewer', 'POST', `/api/evaluations/${ids.draft}/return`, { comment: '请补充完成值' }))
        .statusCode,
    ).toBe(200);
    const detail = (await call('filler', 'GET', `/api/evaluations/${ids.draft}`)).json();
    expect(detail.lastReturn).toMatchObject({ comment: '请补充完成值', by: '审核人' });
    expect(detail.frozen).toBeNull();
  });
});
