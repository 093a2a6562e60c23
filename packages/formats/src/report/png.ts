import { withBrowser } from './browser.ts';
import type { ReportChart } from './charts.ts';

/** Each chart's SVG as a PNG at twice its size (crisp when printed), drawn by chromium in one page. */
export async function chartsToPng(charts: ReportChart[]): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  if (!charts.length) return out;
  return withBrowser(async (browser) => {
    const context = await browser.newContext({
      javaScriptEnabled: false,
      offline: true,
      deviceScaleFactor: 2,
    });
    try {
      const page = await context.newPage();
      for (const chart of charts) {
        await page.setViewportSize({ width: chart.width, height: chart.height });
        await page.setContent(
          `<!DOCTYPE html><html><head><meta charset="utf-8"><style>html,body{margin:0;background:#fff}</style></head><body>${chart.svg}</body></html>`,
        );
        out.set(chart.id, await page.locator('svg').first().screenshot({ type: 'png' }));
      }
      return out;
    } finally {
      await context.close();
    }
  });
}
