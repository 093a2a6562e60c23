import { describe, expect, it } from 'vitest';
import { apiRouteOf, checkApiAnswer, ContractError } from './routes.ts';

const row = {
  id: 7,
  title: '2024年度项目支出绩效自评表 · 法律援助',
  kind: 'project',
  year: 2024,
  status: 'submitted',
  version: 3,
  departmentId: 2,
  department: '司法局',
  region: '某地',
  updatedAt: '2025-03-01T08:00:00.000Z',
  statedScore: '92.50',
  computedScore: '90.00',
  totalIncomplete: false,
  grade: '优',
  computedGrade: '优',
  scoredBy: {
    frameworkId: 'f',
    frameworkVersion: '1',
    engineVersion: '1',
    computedAt: '2025-03-01T08:00:00.000Z',
    current: true,
  },
};

describe('the API contract', () => {
  it('finds the route of a request, parameters and query left out', () => {
    expect(apiRouteOf('GET', '/api/evaluations/7?year=2024')).toBe('GET /api/evaluations/:id');
    expect(apiRouteOf('post', '/api/evaluations/7/submit')).toBe('POST /api/evaluations/:id/submit');
    expect(apiRouteOf('GET', '/api/evaluations/7/export')).toBeUndefined();
  });

  it('passes an answer of its schema', () => {
    expect(() => checkApiAnswer('GET', '/api/evaluations', [row])).not.toThrow();
  });

  it('fails an answer outside its schema, naming the route and the place in Chinese', () => {
    const bad = () => checkApiAnswer('GET', '/api/evaluations', [{ ...row, statedScore: 92.5 }]);
    expect(bad).toThrow(ContractError);
    expect(bad).toThrow(/接口 GET \/api\/evaluations 的应答不符合约定：0\.statedScore/);
    // A field the contract does not know is outside it too: the web would never read it.
    expect(() => checkApiAnswer('GET', '/api/evaluations', [{ ...row, secret: 'x' }])).toThrow(ContractError);
    // A float where a decimal is due, a missing field.
    const { grade: _g, ...missing } = row;
    expect(() => checkApiAnswer('GET', '/api/public/reports', [missing])).toThrow(/grade/);
  });
});
