import { withPage } from './browser.ts';
import type { ReportChart } from './charts.ts';

/**
 * Each chart's SVG as a PNG at twice its size (crisp when printed). All charts go into one page
 * and are shot element by element: a page costs far more than a screenshot.
 */
export async function chartsToPng(charts: ReportChart[]): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  if (!charts.length) return out;
  const width = Math.max(...charts.map((c) => c.width));
  const body = charts
    .map((c, i) => `<div id="c${i}" style="width:${c.width}px;height:${c.height}px">${c.svg}</div>`)
    .join('');
  return withPage('image', async (page) => {
    await page.setViewportSize({ width, height: 800 });
    await page.setContent(
      `<!DOCTYPE html><html><head><meta charset="utf-8"><style>html,body{margin:0;background:#fff}div{overflow:hidden}</style></head><body>${body}</body></html>`,
    );
    for (let i = 0; i < charts.length; i++) {
      const chart = charts[i];
      if (chart) out.set(chart.id, await page.locator(`#c${i}`).screenshot({ type: 'png' }));
    }
    return out;
  });
}
