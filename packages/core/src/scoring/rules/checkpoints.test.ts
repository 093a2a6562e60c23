import { describe, expect, it } from 'vitest';
import type { RuleOf } from '../../frameworks/schema.ts';
import { scoreCheckpoints } from './checkpoints.ts';
import { ctxOf, base } from './test-kit.ts';

const rule = {
  ...base,
  id: 'c.progress',
  kind: 'checkpoints',
  criterion: '执行进度',
  weight: '10',
  points: [
    { input: '6月执行进度', target: '40', score: '3' },
    { input: '9月执行进度', target: '67.5', score: '4' },
    { input: '11月执行进度', target: '82.5', score: '3' },
  ],
} as RuleOf<'checkpoints'>;

describe('执行进度 6/9/11月 → 40% / 67.5% / 82.5%, worth 3 / 4 / 3', () => {
  it('all reached: 10', () => {
    const r = scoreCheckpoints(
      rule,
      ctxOf('10', { '6月执行进度': '40%', '9月执行进度': '67.5%', '11月执行进度': '90%' }),
    );
    expect(r.outcome === 'scored' && r.score.toFixed()).toBe('10');
  });
  it('9月 at 60%: 3 + 60 ÷ 67.5 × 4 + 3 = 9.56', () => {
    const r = scoreCheckpoints(
      rule,
      ctxOf('10', { '6月执行进度': '45%', '9月执行进度': '60%', '11月执行进度': '82.5%' }),
    );
    expect(r.outcome === 'scored' && r.score.toFixed(2)).toBe('9.56');
  });
  it('seed 004 progress 75.89% at 9月 and 92.28% at 11月, but no 6月 figure: not judgeable', () => {
    const r = scoreCheckpoints(rule, ctxOf('10', { '9月执行进度': '75.89%', '11月执行进度': '92.28%' }));
    expect(r).toMatchObject({ outcome: 'not-judgeable', missing: ['6月执行进度'] });
  });
});
