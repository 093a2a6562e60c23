// Test support: an app on a fresh database with seed 004's 部门整体 evaluation in 红河州司法局 and four
// signed-in accounts — its department's 填报人, another department's, 红河州's 财政审核人 and another
// region's — plus `call`, which sends a request as one of them (or as a stranger, without a cookie).
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkApiAnswer } from '@jixiao/core';
import { loadBuiltinRegistry, readDocumentFile } from '@jixiao/formats';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createUser } from '../auth/users.ts';
import type { Database } from '../db/database.ts';
import { createEvaluation, ensureDepartment } from '../store/evaluations.ts';
import { buildApp } from './app.ts';

const seeds = join(resolve(dirname(fileURLToPath(import.meta.url)), '../../../..'), 'examples/seeds');
const PASSWORD = 'correct-horse-42';

export type RegionActor = 'stranger' | 'filler' | 'otherFiller' | 'reviewer' | 'otherReviewer';

export interface RegionApp {
  app: FastifyInstance;
  /** The 部门整体 evaluation of 红河州司法局 (seed 004), a draft. */
  evaluationId: number;
  call(
    actor: RegionActor,
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    payload?: object,
  ): Promise<LightMyRequestResponse>;
}

/**
 * Every successful JSON answer a test receives is held to its route's schema in core's contract, the one
 * the web reads: a route answering something else fails the test that called it.
 */
export function checkAnswer(method: string, url: string, r: LightMyRequestResponse): void {
  if (r.statusCode < 200 || r.statusCode >= 300) return;
  if (!String(r.headers['content-type'] ?? '').startsWith('application/json')) return;
  checkApiAnswer(method, url, r.json());
}

export async function regionApp(db: Database): Promise<RegionApp> {
  const app = await buildApp(db, await loadBuiltinRegistry());
  const dept = await ensureDepartment(db, '红河州司法局', '红河州');
  const other = await ensureDepartment(db, '某县财政局', '某县');
  const users: Array<[Exclude<RegionActor, 'stranger'>, object]> = [
    ['filler', { role: 'filler', departmentId: dept }],
    ['otherFiller', { role: 'filler', departmentId: other }],
    ['reviewer', { role: 'reviewer', region: '红河州' }],
    ['otherReviewer', { role: 'reviewer', region: '某县' }],
  ];
  const auth: Partial<Record<RegionActor, { cookie: string; csrf: string }>> = {};
  for (const [username, extra] of users) {
    await createUser(db, {
      username,
      displayName: `${username}名`,
      password: PASSWORD,
      ...extra,
    } as Parameters<typeof createUser>[1]);
    const r = await app.inject({
      method: 'POST',
      url: '/api/login',
      payload: { username, password: PASSWORD },
    });
    auth[username] = { cookie: String(r.headers['set-cookie']).split(';')[0]!, csrf: r.json().csrfToken };
  }
  const doc = await readDocumentFile(join(seeds, '004_bfa41fd3fc706bb4.txt'));
  const evaluation = doc.evaluations.find((e) => e.kind === 'department')!;
  const evaluationId = (
    await createEvaluation(db, { departmentId: dept, evaluation, author: { name: 'setup' } })
  ).id;
  return {
    app,
    evaluationId,
    async call(actor, method, url, payload) {
      const a = auth[actor];
      const headers: Record<string, string> = a ? { cookie: a.cookie, 'x-csrf-token': a.csrf } : {};
      const r = await app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
      checkAnswer(method, url, r);
      return r;
    },
  };
}
