import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fill, loadReportLayout, ReportLayoutError } from './layout.ts';
import { tempDir } from './test-support.ts';

const work = tempDir('jixiao-layout-');
afterAll(() => work.remove());

function layoutFile(name: string, text: string): string {
  const file = join(work.dir, name);
  writeFileSync(file, text);
  return file;
}

describe('report layouts', () => {
  it('the standard layout names the six sections of a 自评报告', () => {
    expect(loadReportLayout().sections.map((s) => s.heading)).toEqual([
      '一、基本情况',
      '二、预算执行情况',
      '三、绩效目标完成情况',
      '四、偏差原因与存在问题',
      '五、改进措施',
      '六、结果应用',
    ]);
  });

  it('a broken layout file is a Chinese error naming the file', () => {
    const file = layoutFile('broken.json', '{ "sections": [');
    expect(() => loadReportLayout(file)).toThrow(ReportLayoutError);
    expect(() => loadReportLayout(file)).toThrow(/broken\.json 无法读取或不是有效的 JSON/);
  });

  it('a table the code has no data for is named, with the ones there are', () => {
    const standard = loadReportLayout();
    const custom = structuredClone(standard);
    custom.tables.assets = { caption: '资产', columns: [{ header: '名称', field: 'name' }] };
    custom.sections[1]!.blocks.push({ type: 'table', table: 'assets' });
    const file = layoutFile('assets.json', JSON.stringify(custom));
    expect(() => loadReportLayout(file)).toThrow(/表格 assets 没有对应的数据，可用的表格为 budget、/);
  });

  it('fill: unknown fields print the blank mark, empty optional notes print nothing', () => {
    expect(fill('得分 {a} 分{note}，等级「{grade}」', { a: '96.12', note: '' }, '—')).toBe(
      '得分 96.12 分，等级「—」',
    );
  });
});
