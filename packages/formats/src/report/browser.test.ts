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
