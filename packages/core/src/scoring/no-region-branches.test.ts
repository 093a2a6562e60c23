import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUILTIN_FRAMEWORK_FILES } from '../frameworks/builtin.ts';
import { parseFramework } from '../frameworks/parse.ts';

/** Every difference between frameworks is data: the scoring and framework code never names a region. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'fixtures' ? [] : sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('frameworks as data', () => {
  it('no scoring or framework code names a shipped framework or its region', () => {
    const here = fileURLToPath(new URL('.', import.meta.url));
    const files = [...sources(here), ...sources(join(here, '../frameworks'))].filter(
      (f) => !f.endsWith('builtin.ts'), // the list of shipped files, nothing more
    );
    expect(files.length).toBeGreaterThan(20);
    const ids = Object.entries(BUILTIN_FRAMEWORK_FILES).map(([file, json]) => parseFramework(json, file).id);
    const words = [...ids, '郑州', '上街', '衡阳', '雁峰', '遂宁', '安居', '红河'];
    const hits = files.flatMap((f) => {
      const text = readFileSync(f, 'utf8');
      return words.filter((w) => text.includes(w)).map((w) => `${f}: ${w}`);
    });
    expect(hits).toEqual([]);
  });
});
