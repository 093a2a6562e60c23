import sharp from 'sharp';
import type { ReportChart } from './charts.ts';

/** Twice the chart's CSS size (96 dpi → 192 dpi): crisp when printed. */
const DENSITY = 192;

/**
 * Each chart's SVG as a PNG at twice its size, rendered in process by sharp (libvips + librsvg, CJK text
 * through fontconfig's Noto CJK) — a Word report needs no browser.
 */
export async function chartsToPng(charts: ReportChart[]): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const chart of charts) {
    const png = await sharp(Buffer.from(chart.svg), { density: DENSITY })
      .flatten({ background: '#ffffff' })
      .png()
      .toBuffer();
    out.set(chart.id, png);
  }
  return out;
}
