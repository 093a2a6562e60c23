// The typed contract between server and web (core's contract): every route it lists exists, the routes
// the pages read answer within their schemas for each role, and an answer outside its schema fails.
import { API_ROUTES, apiRouteOf, checkApiAnswer, ContractError, type ApiRoute } from '@jixiao/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabaseFor } from '../db/fresh-database.ts';
import { BACKENDS } from '../db/test-databases.ts';
import { regionApp, type RegionApp } from './test-regions.ts';

describe.each(BACKENDS.slice(0, 1))('the API contract on the %s database', (_name, open) => {
  const t = freshDatabaseFor(open);
  let region: RegionApp;

  beforeAll(async () => {
    region = await regionApp(t.db);
  }, 120_000);

  afterAll(async () => {
    await region?.app.close();
  });

  it('lists only routes the server has', () => {
    for (const route of Object.keys(API_ROUTES) as ApiRoute[]) {
      const [method, url] = route.split(' ') as ['GET' | 'POST' | 'PUT', string];
      expect(region.app.hasRoute({ method, url }), route).toBe(true);
    }
  });

  it('answers the pages’ reads within their schemas, for each role (regionApp parses every answer)', async () => {
    const id = region.evaluationId;
    const reads: Array<[Parameters<RegionApp['call']>[0], string]> = [
      ['filler', '/api/me'],
      ['filler', '/api/evaluations'],
      ['filler', `/api/evaluations/${id}`],
      ['filler', `/api/evaluations/${id}/revisions`],
      ['filler', `/api/evaluations/${id}/findings/history`],
      ['filler', `/api/evaluations/${id}/rectifications`],
      ['filler', '/api/rectifications'],
      ['filler', '/api/monitoring'],
      ['filler', '/api/targets'],
      ['filler', '/api/frameworks'],
      ['filler', '/api/years'],
      ['reviewer', '/api/evaluations'],
      ['reviewer', '/api/summary'],
      ['reviewer', '/api/dashboard'],
      ['reviewer', '/api/dashboard?year=2024'],
      ['stranger', '/api/public/reports'],
    ];
    for (const [actor, url] of reads) {
      expect(apiRouteOf('GET', url), url).toBeDefined();
      const r = await region.call(actor, 'GET', url);
      expect(r.statusCode, `${url}: ${r.body}`).toBe(200);
    }
  });

  it('fails an answer outside its schema: a float for a decimal, a field the web does not know', async () => {
    const list = (await region.call('filler', 'GET', '/api/evaluations')).json() as Array<
      Record<string, unknown>
    >;
    expect(list.length).toBeGreaterThan(0);
    expect(() => checkApiAnswer('GET', '/api/evaluations', list)).not.toThrow();
    const floated = list.map((row) => ({ ...row, statedScore: 92.5 }));
    expect(() => checkApiAnswer('GET', '/api/evaluations', floated)).toThrow(ContractError);
    const extra = list.map((row) => ({ ...row, passwordHash: 'x' }));
    expect(() => checkApiAnswer('GET', '/api/evaluations', extra)).toThrow(/不符合约定/);
  });
});
