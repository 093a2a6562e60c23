import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUILTIN_FRAMEWORK_FILES } from '../frameworks/builtin.ts';
import { parseFramework } from '../frameworks/parse.ts';

/** Every difference between frameworks is data: no module of core names a region or one framework's case. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'fixtures' ? [] : sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

const REGIONS = [
  ...['郑州', '上街', '衡阳', '雁峰', '遂宁', '安居', '红河', '岳阳', '山西', '湖北', '河北', '云南'],
  ...['宁夏', '四川', '安徽', '新疆', '湖南', '河南', '江西', '广东', '浙江', '江苏', '山东', '贵州'],
];
/** Words that only one framework's table uses: a module naming them is a case written in code. */
const ONE_FRAMEWORK_CASES = ['第1种情形', '第2种情形', '第3种情形', '调整取消额', '结余注销额', '抽查得分'];

describe('frameworks as data', () => {
  it('no module of core (scoring, frameworks, audit, model, numbers) names a region or a single framework’s case', () => {
    const core = fileURLToPath(new URL('..', import.meta.url));
    const files = sources(core).filter(
      (f) => !f.endsWith('builtin.ts'), // the list of shipped files, nothing more
    );
    expect(files.length).toBeGreaterThan(60);
    const ids = Object.entries(BUILTIN_FRAMEWORK_FILES).map(([file, json]) => parseFramework(json, file).id);
    const words = [...ids, ...REGIONS, ...ONE_FRAMEWORK_CASES];
    const hits = files.flatMap((f) => {
      const text = readFileSync(f, 'utf8');
      return words.filter((w) => text.includes(w)).map((w) => `${f}: ${w}`);
    });
    expect(hits).toEqual([]);
  });
});
