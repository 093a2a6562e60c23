import { describe, expect, it } from 'vitest';
import type { RuleOf } from '../../frameworks/schema.ts';
import { scoreManual } from './manual.ts';
import { ctxOf, base } from './test-kit.ts';

describe('酌情扣分', () => {
  it('seed 003 目标制定 (10): only 0 ≤ 得分 ≤ 10 can be checked', () => {
    const rule = {
      ...base,
      id: 'c.goal',
      kind: 'manual',
      criterion: '目标制定',
      weight: '10',
    } as RuleOf<'manual'>;
    const r = scoreManual(rule, ctxOf('10', {}));
    expect(r.outcome).toBe('manual');
    expect(r.outcome === 'manual' && r.range.map((x) => x.toFixed())).toEqual(['0', '10']);
  });
});
