import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FINDING_CODES } from '../model/finding.ts';
import { AUDIT_RULE_NAMES, FINDING_CODE_NAMES, ruleName } from './rule-names.ts';

describe('rule names a reviewer reads', () => {
  it('every built-in check a finding can name has Chinese words, and every finding code too', () => {
    const dir = fileURLToPath(new URL('./checks/', import.meta.url));
    const used = new Set<string>();
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts'))) {
      for (const m of readFileSync(dir + f, 'utf8').matchAll(/'(audit\.[a-z-]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(30);
    expect([...used].filter((r) => !AUDIT_RULE_NAMES[r])).toEqual([]);
    for (const code of FINDING_CODES) expect(FINDING_CODE_NAMES[code]).toMatch(/[\u4e00-\u9fff]/);
  });

  it("never shows an id: a framework rule by the framework's name for it, an unknown one as a plain label", () => {
    expect(ruleName('audit.narrative-same-fact')).toBe('同一事项在正文中只有一个数');
    expect(ruleName('budget-execution', { 'budget-execution': '预算执行率得分 = 执行率 × 分值' })).toBe(
      '预算执行率得分 = 执行率 × 分值',
    );
    expect(ruleName('x-unknown')).toBe('评分框架规则');
    expect(ruleName(undefined)).toBe('');
  });
});
