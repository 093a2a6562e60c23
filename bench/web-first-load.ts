// Benchmark: what a browser downloads for the first visit — the sign-in page, then the list of
// evaluations after signing in — as bytes on the wire (compressed as served) beside the same files
// uncompressed, measured in the same run.
// Run: npx tsx bench/web-first-load.ts   (Debian chromium at /usr/bin/chromium)
import { chromium } from 'playwright-core';
import { CHROMIUM_LAUNCH, ensureBuilt, startServer } from '../packages/web/e2e/server.ts';

const server = await startServer(await ensureBuilt());
const browser = await chromium.launch(CHROMIUM_LAUNCH);
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  const sizes: Array<{ url: string; wire: number; body: number }> = [];
  page.on('requestfinished', (request) => {
    void (async () => {
      const response = await request.response();
      if (!response || request.url().includes('/api/')) return;
      const wire = (await request.sizes()).responseBodySize;
      const body = (await response.body().catch(() => Buffer.alloc(0))).length;
      sizes.push({ url: new URL(request.url()).pathname, wire, body });
    })();
  });
  await page.goto(`${server.url}/login`);
  await page.getByLabel('用户名').waitFor();
  const loginWire = sizes.reduce((a, s) => a + s.wire, 0);
  const loginBody = sizes.reduce((a, s) => a + s.body, 0);
  await page.getByLabel('用户名').fill('admin');
  await page.getByLabel('密码').fill(server.adminPassword);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByTestId('current-user').waitFor();
  await page.waitForLoadState('networkidle');
  const wire = sizes.reduce((a, s) => a + s.wire, 0);
  const body = sizes.reduce((a, s) => a + s.body, 0);
  const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
  console.log(`登录页：传输 ${kb(loginWire)}（未压缩 ${kb(loginBody)}）`);
  console.log(
    `登录页 + 自评列表：传输 ${kb(wire)}，未压缩 ${kb(body)}（压缩后为未压缩的 ${((wire / body) * 100).toFixed(0)}%），共 ${sizes.length} 个文件`,
  );
  for (const s of [...sizes].sort((a, b) => b.wire - a.wire).slice(0, 5))
    console.log(`  ${s.url.padEnd(40)} ${kb(s.wire).padStart(8)}  （未压缩 ${kb(s.body)}）`);
} finally {
  await browser.close();
  await server.stop();
}
