import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FINDING_CODE_NAMES, type DocumentAudit, type FindingCode } from '@jixiao/core';
import { closeReportBrowser, openReportBrowser } from './browser.ts';
import { writeReportDocx } from './docx.ts';
import { SEED_EXPECTATIONS } from './expectations.ts';
import {
  auditSeeds,
  libreofficeToPdf,
  pdfFile,
  requireProgram,
  squash,
  tempDir,
  zipEntry,
} from './test-support.ts';

let seeds: Array<{ name: string; audit: DocumentAudit }> = [];
const docs = new Map<string, Buffer>();
const work = tempDir('jixiao-docx-');

beforeAll(async () => {
  requireProgram('soffice', 'libreoffice-writer');
  requireProgram('pdftotext', 'poppler-utils');
  seeds = await auditSeeds();
  await openReportBrowser();
  for (const { name, audit } of seeds) {
    docs.set(name, await writeReportDocx(audit, { includeFindings: name === '001' }));
  }
}, 60_000);
afterAll(async () => {
  await closeReportBrowser();
  work.remove();
});

describe('自评报告 DOCX', () => {
  it('is Word XML with bordered tables, repeated header rows, 黑体/仿宋/宋体 and chart images', async () => {
    const docx = docs.get('001')!;
    const xml = await zipEntry(docx, 'word/document.xml');
    expect(xml).toContain('<w:tblHeader/>');
    expect(xml).toMatch(/<w:insideH w:val="single"/);
    expect(xml).toContain('w:eastAsia="黑体"');
    expect(xml).toContain('w:eastAsia="宋体"');
    expect(xml).toContain('<w:vMerge w:val="restart"/>');
    const styles = await zipEntry(docx, 'word/styles.xml');
    expect(styles).toContain('w:eastAsia="仿宋"');
    // seed 001 has a budget-by-task bar, a 基本/项目 pie and a 一级 score bar: three images, SVG + PNG.
    expect(xml.match(/<pic:pic /g)?.length).toBe(3);
    const rels = await zipEntry(docx, 'word/_rels/document.xml.rels');
    expect(rels.match(/\.png"/g)?.length).toBe(3);
    expect(rels.match(/\.svg"/g)?.length).toBe(3);
    // A picture sets its own single spacing: the body's exact line pitch would clip it to one line.
    const pictures = xml.split('</w:p>').filter((p) => p.includes('<pic:pic '));
    expect(pictures).toHaveLength(3);
    for (const p of pictures) expect(p).toContain('w:lineRule="auto"');
  });

  it('is set as a 公文 (GB/T 9704): margins 37/35/28/26 mm, 3号仿宋 body on a fixed pitch, 黑体/楷体 headings, page numbers "— N —" right on odd pages and left on even', async () => {
    const docx = docs.get('002')!;
    const xml = await zipEntry(docx, 'word/document.xml');
    const mm = (twips: string) => Math.round((Number(twips) / 1440) * 25.4);
    const margin = /<w:pgMar ([^>]*)\/>/.exec(xml)![1]!;
    const attr = (name: string) => mm(new RegExp(`w:${name}="(\\d+)"`).exec(margin)![1]!);
    expect([attr('top'), attr('bottom'), attr('left'), attr('right')]).toEqual([37, 35, 28, 26]);
    const styles = await zipEntry(docx, 'word/styles.xml');
    // 3号 = 16 pt = 32 half-points.
    expect(styles).toMatch(
      /<w:docDefaults>[\s\S]*w:eastAsia="仿宋"[\s\S]*<w:sz w:val="32"\/>[\s\S]*<\/w:docDefaults>/,
    );
    expect(styles).toMatch(/<w:docDefaults>[\s\S]*<w:spacing w:line="580" w:lineRule="exact"\/>/);
    // 二级标题 (one per evaluation of a file with several: seed 003's five tables) in 楷体.
    expect(await zipEntry(docs.get('003')!, 'word/document.xml')).toContain('w:eastAsia="楷体"');
    const settings = await zipEntry(docx, 'word/settings.xml');
    expect(settings).toContain('<w:evenAndOddHeaders/>');
    const footers = await Promise.all(['footer1.xml', 'footer2.xml'].map((f) => zipEntry(docx, `word/${f}`)));
    const aligned = footers.map((f) => /<w:jc w:val="(\w+)"\/>/.exec(f)![1]).sort();
    expect(aligned).toEqual(['left', 'right']);
    for (const f of footers) expect(f).toMatch(/— <\/w:t>[\s\S]*PAGE[\s\S]* —/);
  });

  it('converted by LibreOffice, every seed gives pages with the title, organization and figures', () => {
    const files = [...docs].map(([name, buf]) => {
      const file = join(work.dir, `${name}.docx`);
      writeFileSync(file, buf);
      return file;
    });
    libreofficeToPdf(files, work.dir);
    for (const [name, expected] of Object.entries(SEED_EXPECTATIONS)) {
      const { text, pages } = pdfFile(join(work.dir, `${name}.pdf`));
      const flat = squash(text);
      expect(pages, name).toBeGreaterThan(0);
      expect(flat, name).toContain(expected.title);
      expect(flat, name).toContain(expected.organization);
      for (const figure of expected.figures) expect(flat, `${name} ${figure}`).toContain(squash(figure));
      expect(flat, name).toContain('三、绩效目标完成情况');
      if (name === '001') {
        expect(flat).toContain('审核发现（内部使用）');
        expect(flat).toContain(FINDING_CODE_NAMES[expected.findingCode as FindingCode]);
      } else {
        expect(flat, name).not.toContain('审核发现');
        expect(flat, name).not.toContain(expected.findingCode);
      }
    }
  }, 90_000);
});
