import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Converter } from 'opencc-js/cn2t';
import { describe, expect, it } from 'vitest';
import { readDocumentBytes } from '../read-file.ts';
import { modelDigest } from '../xlsx/digest.ts';
import { scriptNormaliser } from './script.ts';

/** The opening of a real mirror page (../shared/corpus/040.txt, 宣城市农业农村局), as published. */
const MIRROR = [
  '索引號(hào) | 11341700003244895T/202404-00022 | 組配分類(lèi) | 部門(mén)項(xiàng)目 |',
  '發(fā)布機(jī)構(gòu) | 宣城市農(nóng)業(yè)農(nóng)村局 | 發(fā)文日期 | 2024-04-15 11:09 |',
  '宣城市轉(zhuǎn)移支付區(qū)域(項(xiàng)目)績(jī)效目標(biāo)自評(píng)表 | |||||||',
];

describe('traditional characters and mirror-site pinyin', () => {
  it('strips the pinyin a mirror inserted after each character and converts to simplified (t2cn)', () => {
    const n = scriptNormaliser(MIRROR);
    expect(n.traditional).toBe(true);
    expect(MIRROR.map(n.apply)).toEqual([
      '索引号 | 11341700003244895T/202404-00022 | 组配分类 | 部门项目 |',
      '发布机构 | 宣城市农业农村局 | 发文日期 | 2024-04-15 11:09 |',
      '宣城市转移支付区域(项目)绩效目标自评表 | |||||||',
    ]);
  });

  it('leaves a simplified report alone: brackets that are no pinyin stay, and so does one quoted old name', () => {
    const lines = [
      '年初目标值(A) | 实际完成值(B) | 全年预算数(万元)',
      '项目名称：臺灣同胞接待经费（2023年度）',
    ];
    const n = scriptNormaliser(lines);
    expect(n.traditional).toBe(false);
    expect(n.pinyin).toBe(0);
    expect(lines.map(n.apply)).toEqual(lines);
  });

  it('a 自评表 page in traditional characters with pinyin reads to the same model as the simplified page', async () => {
    const html = readFileSync(
      join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/html/project-003-legal-aid.html'),
      'utf8',
    );
    const toTraditional = Converter({ from: 'cn', to: 't' });
    const mirrored = toTraditional(html).replace(/項/g, '項(xiàng)').replace(/績/g, '績(jī)');
    expect(mirrored).toContain('項(xiàng)目');
    const plain = await readDocumentBytes(Buffer.from(html), 'page.html');
    const mirror = await readDocumentBytes(Buffer.from(mirrored), 'page.html');
    expect(mirror.evaluations.map(modelDigest)).toEqual(plain.evaluations.map(modelDigest));
    expect(mirror.issues[0]!.message).toMatch(/去掉了网站插在字后的 \d+ 处拼音注音.*已按 OpenCC 转为简体字/);
  });

  it('a long text is judged by pieces spread over it, in either script, without converting all of it', () => {
    const simplified = '部门预算绩效目标完成情况良好，资金使用规范。'.repeat(40_000);
    const t0 = performance.now();
    expect(scriptNormaliser([simplified]).traditional).toBe(false);
    expect(performance.now() - t0).toBeLessThan(1000);
    const traditional = Converter({ from: 'cn', to: 't' })(
      '部门预算绩效目标完成情况良好，资金使用规范。',
    ).repeat(40_000);
    expect(scriptNormaliser([traditional]).traditional).toBe(true);
  });
});
