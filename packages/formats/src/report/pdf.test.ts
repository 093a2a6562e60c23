import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentAudit } from '@jixiao/core';
import { closeReportBrowser, openReportBrowser } from './browser.ts';
import { writeReportPdf } from './pdf.ts';
import { SEED_EXPECTATIONS } from './expectations.ts';
import { auditSeeds, inspectPdf, requireProgram, squash } from './test-support.ts';

let seeds: Array<{ name: string; audit: DocumentAudit }> = [];

beforeAll(async () => {
  requireProgram('pdftotext', 'poppler-utils');
  seeds = await auditSeeds();
  await openReportBrowser();
}, 60_000);
afterAll(closeReportBrowser);

describe('自评报告 PDF (chromium)', () => {
  it('covers every seed', () => {
    expect(seeds.map((s) => s.name)).toEqual(Object.keys(SEED_EXPECTATIONS));
  });

  for (const name of Object.keys(SEED_EXPECTATIONS)) {
    it(`seed ${name}: title, organization, figures; no findings unless asked`, async () => {
      const expected = SEED_EXPECTATIONS[name]!;
      const audit = seeds.find((s) => s.name === name)!.audit;
      const pdf = await writeReportPdf(audit);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const { text, fonts, pages, tagged } = inspectPdf(pdf);
      const flat = squash(text);
      expect(flat).toContain(expected.title);
      expect(flat).toContain(expected.organization);
      for (const figure of expected.figures) expect(flat).toContain(squash(figure));
      for (const heading of ['一、基本情况', '二、预算执行情况', '三、绩效目标完成情况', '六、结果应用']) {
        expect(flat).toContain(heading);
      }
      expect(flat).not.toContain('审核发现');
      expect(flat).not.toContain(expected.findingCode);
      expect(pages).toBeGreaterThan(0);
      // Every font a named, subsetted CID font (Debian's TrueType CJK fonts; no Type 3 outlines), and
      // the PDF tagged.
      const fontRows = fonts
        .split('\n')
        .slice(2)
        .filter((l) => l.trim());
      expect(fontRows.length).toBeGreaterThan(0);
      for (const row of fontRows) {
        expect(row).toMatch(/^[A-Z]{6}\+\S+\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes\s/);
      }
      expect(fonts).toMatch(/\+BousungEG-Light-GB\s/); // 宋 (AR PL SungtiL GB): body and tables
      expect(fonts).toMatch(/\+WenQuanYiMicroHei\s/); // 黑体: headings
      expect(tagged).toBe(true);
    });
  }

  it('seed 001 with includeFindings: the internal appendix lists severity, kind and evidence', async () => {
    const audit = seeds.find((s) => s.name === '001')!.audit;
    const flat = squash(inspectPdf(await writeReportPdf(audit, { includeFindings: true })).text);
    expect(flat).toContain('审核发现（内部使用）');
    expect(flat).toContain('内部使用');
    expect(flat).toContain('合计与明细不符'); // the finding's kind in words, not its code
    expect(flat).not.toContain('sum-mismatch');
    expect(flat).toContain('错误');
    // The 项目支出 subtotal 95.64 against its tasks 105.34 (seed 001, 年度主要任务 table).
    expect(flat).toContain('填报95.64');
  });
});
