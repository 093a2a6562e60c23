// Benchmark: the editor's keystroke-to-updated-score in a real browser. A 填报人 types into a 完成值 cell
// and the time from the key's keydown to the frame that shows the row's new rule score is measured, one key
// at a time (each key changes the score), beside a bare input's keystroke-to-paint on the same page in the
// same run (a plain <input> whose text is echoed into the page). Printed: p50/p95 of each and their ratio.
// Sizes: seed 001 as published (30 indicator rows, in its file with its prose) and the same evaluation with
// its rows repeated to 139 — seed 004's indicator count (seed 004 itself has no indicator rows to type into:
// its 139 are counts by type, and its framework publishes no formula, so no score follows a keystroke).
// Run: npm run bench:editor [-- --keys 30]   (Debian chromium at /usr/bin/chromium; builds the UI if stale)
import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Evaluation } from '@jixiao/core';
import { chromium, type Page } from 'playwright-core';
import {
  addAccounts,
  apiSession,
  CHROMIUM_LAUNCH,
  ensureBuilt,
  REPO,
  startServer,
} from '../packages/web/e2e/server.ts';

const { values } = parseArgs({ options: { keys: { type: 'string', default: '30' } } });
const KEYS = Number(values.keys);
const SEED = '001_5414547721c2c4a3.txt';
const ROW = '“三公经费”控制率'; // 反向指标 ≤95%: 完成值 100 scores 1.90, 1000 scores 0.19
const SIZES = process.env.PROFILE ? [139] : [30, 139];

// The seeds with seed 001 left as a draft, so its department's 填报人 can edit it.
const seeds = await mkdtemp(join(tmpdir(), 'jixiao-bench-editor-'));
const source = join(REPO, 'examples/seeds');
for (const f of await readdir(source)) await copyFile(join(source, f), join(seeds, f));
const manifest = JSON.parse(await readFile(join(source, 'samples.json'), 'utf8')) as {
  files: Record<string, { status?: string }>;
};
manifest.files[SEED] = { ...manifest.files[SEED], status: 'draft' };
await writeFile(join(seeds, 'samples.json'), JSON.stringify(manifest));

const server = await startServer(await ensureBuilt(), seeds);
const browser = await chromium.launch(CHROMIUM_LAUNCH);
const filler = { username: 'bench-filler', password: 'bench-password-1' };

// The page-side probes, as JavaScript the page runs (the bench itself is typed for Node, not the DOM).
/** Keydown time (capture phase), and a bare input echoing its text into a span: the same-page baseline. */
const PROBES = `(() => {
  window.__keyAt = 0;
  document.addEventListener('keydown', (e) => { window.__keyAt = e.timeStamp; }, true);
  const bare = document.createElement('input');
  bare.id = 'bench-bare';
  bare.setAttribute('aria-label', '基线输入框');
  const echo = document.createElement('span');
  echo.id = 'bench-echo';
  bare.addEventListener('input', () => { echo.textContent = bare.value; });
  document.body.prepend(bare, echo);
})()`;

/**
 * Arms a watch on `selector`'s text: window.__result resolves with ms from the last keydown to the
 * animation frame after the text changed (the frame that paints it), or null when it did not change in 5 s.
 */
const arm = (page: Page, selector: string) =>
  page.evaluate(`(() => {
    const sel = ${JSON.stringify(selector)};
    const text = () => document.querySelector(sel)?.textContent ?? '';
    const before = text();
    window.__result = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (text() === before) return;
        observer.disconnect();
        clearTimeout(timer);
        requestAnimationFrame(() => resolve(performance.now() - window.__keyAt));
      });
      const timer = setTimeout(() => { observer.disconnect(); resolve(null); }, 5000);
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    });
  })()`);

const waitResult = (page: Page) => page.evaluate<number | null>('window.__result');

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
}

try {
  const { admin } = await addAccounts(server, '上街', [
    { ...filler, displayName: '基准填报员', role: 'filler' },
  ]);
  const list = await admin<{ items: Array<{ id: number; region: string; status: string }> }>(
    'GET',
    '/api/evaluations?page=1&pageSize=100',
  );
  const target = list.items.find((e) => e.status === 'draft' && e.region === '郑州市上街区');
  if (!target) throw new Error('没有找到示例 001 的草稿');
  const original = await admin<{ version: number; evaluation: Evaluation }>(
    'GET',
    `/api/evaluations/${target.id}`,
  );
  const rows = original.evaluation.indicators;
  const filled = await apiSession(server.url, filler.username, filler.password);
  console.log(
    `负载（1/5/15 分钟）：${(await readFile('/proc/loadavg', 'utf8')).split(' ').slice(0, 3).join(' ')}`,
  );
  for (const size of SIZES) {
    // Rows repeated (each copy named apart) up to `size`, saved as the filler would save them.
    const indicators = Array.from({ length: size }, (_, i) => {
      const row = rows[i % rows.length]!;
      const copy = Math.floor(i / rows.length);
      return copy === 0 ? row : { ...row, id: `${row.id}-${copy}`, name: `${row.name}（${copy + 1}）` };
    });
    const current = await filled<{ version: number }>('GET', `/api/evaluations/${target.id}`);
    await filled('PUT', `/api/evaluations/${target.id}`, {
      version: current.version,
      evaluation: { ...original.evaluation, indicators },
    });
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByLabel('用户名').fill(filler.username);
    await page.getByLabel('密码').fill(filler.password);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByTestId('current-user').waitFor();
    await page.goto(`${server.url}/evaluations/${target.id}`);
    await page.getByTestId('computed-total').waitFor();
    await page
      .locator('tbody tr[data-indicator]')
      .nth(size - 1)
      .waitFor();
    await page.evaluate(PROBES);
    const cell = page.getByLabel(`${ROW} 完成值`, { exact: true });
    const score = `tr[data-indicator="${ROW}"] [data-testid^="computed-"]`;
    await cell.fill('100');
    await page.waitForTimeout(1500);
    await cell.press('End');
    const cdp = process.env.PROFILE ? await context.newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    const typed: number[] = [];
    let missed = 0;
    for (let k = 0; k < KEYS; k++) {
      await arm(page, score);
      await page.keyboard.press(k % 2 === 0 ? '0' : 'Backspace');
      const ms = await waitResult(page);
      if (ms === null) missed++;
      else typed.push(ms);
    }
    if (cdp) {
      const { profile } = await cdp.send('Profiler.stop');
      const self = new Map<string, number>();
      const dt = profile.timeDeltas ?? [];
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      (profile.samples ?? []).forEach((id, i) => {
        const f = byId.get(id)!.callFrame;
        const k = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}:${f.columnNumber}`;
        self.set(k, (self.get(k) ?? 0) + (dt[i] ?? 0) / 1000);
      });
      for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25))
        console.log(v.toFixed(0).padStart(7), k);
    }
    const bare: number[] = [];
    await page.locator('#bench-bare').focus();
    for (let k = 0; k < KEYS; k++) {
      await arm(page, '#bench-echo');
      await page.keyboard.press(String(k % 10));
      const ms = await waitResult(page);
      if (ms !== null) bare.push(ms);
    }
    const line = (xs: number[]) =>
      `p50 ${quantile(xs, 0.5).toFixed(1)} ms，p95 ${quantile(xs, 0.95).toFixed(1)} ms`;
    console.log(
      `${size} 个指标行：逐键到得分更新 ${line(typed)}（${typed.length} 键${missed ? `，${missed} 键 5 秒内未更新` : ''}）；` +
        `同页基线输入框 ${line(bare)}；倍数 p50 ${(quantile(typed, 0.5) / quantile(bare, 0.5)).toFixed(1)}×，` +
        `p95 ${(quantile(typed, 0.95) / quantile(bare, 0.95)).toFixed(1)}×`,
    );
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
  await rm(seeds, { recursive: true, force: true });
}
