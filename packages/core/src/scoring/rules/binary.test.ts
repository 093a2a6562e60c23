import { describe, expect, it } from 'vitest';
import type { RuleOf } from '../../frameworks/schema.ts';
import { scoreBinary } from './binary.ts';
import { ctxOf, base } from './test-kit.ts';

const rule = {
  ...base,
  id: 'c.publication',
  kind: 'binary',
  criterion: '自评公开',
  weight: '2',
  input: '绩效信息随决算公开',
  yesWords: ['是', '已公开'],
} as RuleOf<'binary'>;

describe('自评公开: 2 points or none', () => {
  it('seed 003 published with its 决算: 2', () => {
    const r = scoreBinary(rule, ctxOf('2', { 绩效信息随决算公开: '是' }));
    expect(r.outcome === 'scored' && r.score.toFixed()).toBe('2');
  });
  it('not published: 0', () => {
    const r = scoreBinary(rule, ctxOf('2', { 绩效信息随决算公开: '否' }));
    expect(r.outcome === 'scored' && r.score.toFixed()).toBe('0');
  });
  it('unknown: not judgeable', () => {
    expect(scoreBinary(rule, ctxOf('2', {}))).toMatchObject({ outcome: 'not-judgeable' });
  });
});
