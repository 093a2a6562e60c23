import { afterEach, describe, expect, it } from 'vitest';
import { ReportError } from './browser.ts';
import { writeReportPdf } from './pdf.ts';

describe('chromium missing', () => {
  const saved = process.env.JIXIAO_CHROMIUM;
  afterEach(() => {
    if (saved === undefined) delete process.env.JIXIAO_CHROMIUM;
    else process.env.JIXIAO_CHROMIUM = saved;
  });

  it('is a Chinese error that names the Debian package, not a stack trace or a download', async () => {
    process.env.JIXIAO_CHROMIUM = '/nonexistent/chromium';
    const attempt = writeReportPdf([]);
    await expect(attempt).rejects.toBeInstanceOf(ReportError);
    await expect(attempt).rejects.toThrow(
      /未找到 Chromium（\/nonexistent\/chromium）.*apt-get install chromium/,
    );
  });
});

describe('the shared browser', () => {
  it('prints more reports at once than it has pages, each a whole PDF, and again after being reopened', async () => {
    const { closeReportBrowser, openReportBrowser } = await import('./browser.ts');
    await openReportBrowser({ pages: 2, lazy: true });
    try {
      const pdfs = await Promise.all(Array.from({ length: 5 }, () => writeReportPdf([])));
      for (const pdf of pdfs) {
        expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
        expect(pdf.subarray(-8).toString()).toContain('%%EOF');
      }
    } finally {
      await closeReportBrowser();
    }
    await openReportBrowser({ pages: 1 });
    try {
      const [a, b] = await Promise.all([writeReportPdf([]), writeReportPdf([])]);
      expect(a!.subarray(0, 5).toString()).toBe('%PDF-');
      expect(b!.subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      await closeReportBrowser();
    }
  }, 60_000);
});
