import { describe, expect, it } from 'vitest';
import { sameOrganization } from './same.ts';

describe('sameOrganization', () => {
  it('matches the names a form writes for one body', () => {
    expect(sameOrganization('遂宁市安居区司法局', '安居区司法局')).toBe(true);
    expect(sameOrganization('安居区司法局（盖章）', '遂宁市安居区司法局')).toBe(true);
    expect(sameOrganization('郑州市上街区司法局机关', '郑州市上街区司法局')).toBe(true);
    expect(sameOrganization('红河州司法局(本级)', '红河州司法局')).toBe(true);
    expect(sameOrganization('金安区 司法局', '金安区司法局')).toBe(true);
    expect(sameOrganization('ＡＢ区司法局', 'AB区司法局')).toBe(true);
  });

  it('does not match another body, a unit under it, or a blank name', () => {
    expect(sameOrganization('雁峰区司法局', '遂宁市安居区司法局')).toBe(false);
    expect(sameOrganization('安居区法律援助中心', '遂宁市安居区司法局')).toBe(false);
    expect(sameOrganization('', '遂宁市安居区司法局')).toBe(false);
    expect(sameOrganization('（盖章）', '安居区司法局')).toBe(false);
  });
});
