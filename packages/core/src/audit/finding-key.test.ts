import { describe, expect, it } from 'vitest';
import type { Finding } from '../model/finding.ts';
import { findingKey } from './finding-key.ts';

const finding = (over: Partial<Finding> & { evidence?: Finding['evidence'] }): Finding => ({
  code: 'narrative-conflict',
  severity: 'error',
  message: 'x',
  location: { line: 160 },
  evidence: {},
  ...over,
});

describe('findingKey', () => {
  it('tells apart two conflicts on the same line about different subjects (seed 003)', () => {
    const a = finding({ evidence: { about: '列管社区矫正对象', stated: '366人' } });
    const b = finding({ evidence: { about: '年末在册', stated: '240人' } });
    expect(findingKey(a)).not.toBe(findingKey(b));
  });

  it('is the same for the same finding re-audited, whatever its message says', () => {
    const a = finding({ message: '旧的说法', evidence: { about: '年末在册', stated: '240人' } });
    const b = finding({ message: '新的说法', evidence: { about: '年末在册', stated: '240人' } });
    expect(findingKey(a)).toBe(findingKey(b));
  });

  it('changes when the filed figure changes', () => {
    const a = finding({ location: { line: 3, indicator: '群众满意度' }, evidence: { stated: '95%' } });
    const b = finding({ location: { line: 3, indicator: '群众满意度' }, evidence: { stated: '96%' } });
    expect(findingKey(a)).not.toBe(findingKey(b));
  });
});
