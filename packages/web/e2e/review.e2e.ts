import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, loginAs, shot } from './browser.ts';
import { addAccounts, apiSession, ensureBuilt, startServer, type TestServer } from './server.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** axe-core over the page as it is now: the serious and critical violations of WCAG 2.1 A/AA. */
async function axe(page: Page): Promise<string[]> {
  // The app's CSP blocks an inline <script>; evaluating the source through the browser's protocol is not a page script.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const w = window as unknown as {
      axe: { run(ctx: Document, o: object): Promise<{ violations: AxeViolation[] }> };
    };
    const r = await w.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return r.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}（${v.help}）：${v.nodes.map((n) => n.target.join(' ')).join('，')}`);
}

/**
 * 审核往返 — the 填报人 submits with explanations; the reviewer reads them on each finding, marks one
 * 不是问题 and returns (asked first); the 填报人 sees the mark and the explanation on the finding, and the
 * submit dialog leaves the marked one out, counts as the header does and is prefilled; 审核通过 waits for a
 * 复核得分 or 与自评一致. Then axe-core over the main pages, and the portal at 1440 px and on a phone.
 */
describe('the review loop keeps every word', () => {
  let server: TestServer;
  let browser: Browser;
  const filler = {
    username: 'loop-filler',
    password: 'filler-password-9',
    displayName: '安居填报',
    role: 'filler' as const,
  };
  const reviewer = {
    username: 'loop-reviewer',
    password: 'reviewer-password-9',
    displayName: '安居审核',
    role: 'reviewer' as const,
  };
  const desktop = { viewport: { width: 1440, height: 900 } };
  let id = 0;
  const violations: Record<string, string[]> = {};

  beforeAll(async () => {
    const dist = await ensureBuilt();
    server = await startServer(dist);
    browser = await launch();
    const { admin } = await addAccounts(server, '安居', [filler, reviewer]);
    const list = await admin<Array<{ id: number; title: string }>>('GET', '/api/evaluations');
    id = list.find((e) => e.title.includes('社区矫正办公经费'))!.id;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function errorCount(page: Page): Promise<number> {
    const text = await page.getByTestId('finding-counts').innerText();
    return Number(/错误\s*(\d+)/.exec(text)![1]);
  }

  it('the 填报人 submits with an explanation for each error', async () => {
    const page = await browser.newPage(desktop);
    await page.goto(`${server.url}/login`);
    await page.getByLabel('用户名').waitFor();
    violations['登录'] = await axe(page);
    await loginAs(page, server.url, filler.username, filler.password);
    await page.goto(`${server.url}/evaluations`);
    await page.getByRole('link', { name: /社区矫正办公经费/ }).waitFor();
    violations['自评列表'] = await axe(page);
    await page.goto(`${server.url}/evaluations/${id}`);
    await page.getByTestId('computed-total').waitFor();
    violations['自评详情'] = await axe(page);
    const header = await errorCount(page);
    expect(header).toBeGreaterThanOrEqual(2);
    await page.getByRole('button', { name: '提交审核' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.getByTestId('submit-count').innerText()).toContain(`还有 ${header} 条错误`);
    const boxes = dialog.getByRole('textbox');
    expect(await boxes.count()).toBe(header);
    for (let i = 0; i < header; i++) await boxes.nth(i).fill(`原表如此，已核对 ${i + 1}`);
    violations['提交对话框'] = await axe(page);
    await dialog.getByRole('button', { name: /提\s*交/ }).click();
    await page.getByText('已提交，等待财政部门审核').waitFor();
    await page.close();
  });

  it("the reviewer's nav marks 审核队列 on a queued evaluation; titles stay readable at 1440 px and 390 px", async () => {
    const page = await browser.newPage(desktop);
    await loginAs(page, server.url, reviewer.username, reviewer.password);
    const selected = page.locator('nav[aria-label="主菜单"] .ant-menu-item-selected');
    await page
      .getByRole('link', { name: /社区矫正办公经费/ })
      .first()
      .click();
    await page.getByRole('heading', { level: 4 }).first().waitFor();
    await expect.poll(() => selected.innerText()).toBe('审核队列');
    await shot(page, 'review-00-detail-desktop', false);
    // Opened directly by its address, the reviewer's evaluation is still the queue's; 自评列表 is not marked.
    await page.goto(`${server.url}/evaluations/${id}`);
    await page.getByRole('heading', { level: 4 }).first().waitFor();
    await expect.poll(() => selected.innerText()).toBe('审核队列');
    await page.goto(`${server.url}/evaluations`);
    await expect.poll(() => selected.innerText()).toBe('自评列表');
    await page.close();

    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await loginAs(phone, server.url, reviewer.username, reviewer.password);
    const link = phone.getByRole('link', { name: /社区矫正办公经费/ }).first();
    await link.waitFor();
    // A queue title is a few words a line, not one character a line.
    const box = (await link.boundingBox())!;
    expect(box.width).toBeGreaterThan(150);
    expect(box.height).toBeLessThan(80);
    await shot(phone, 'review-00-queue-phone', false);
    await phone.goto(`${server.url}/evaluations/${id}`);
    const title = phone.getByRole('heading', { level: 4 }).first();
    await title.waitFor();
    const head = (await title.boundingBox())!;
    expect(head.width).toBeGreaterThan(200);
    expect(await title.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    await shot(phone, 'review-00-detail-phone', false);
    await phone.close();
  });

  it('the reviewer reads each explanation on its finding, marks one 不是问题 and returns, asked first', async () => {
    const page = await browser.newPage(desktop);
    await loginAs(page, server.url, reviewer.username, reviewer.password);
    await page.getByRole('link', { name: /社区矫正办公经费/ }).waitFor();
    violations['审核队列'] = await axe(page);
    await page.goto(`${server.url}/evaluations/${id}`);
    const explained = page.getByTestId('finding-explanation');
    await explained.first().waitFor();
    expect(await explained.first().innerText()).toMatch(/填报人说明（安居填报，.+）：原表如此，已核对 \d/);
    violations['审核页'] = await axe(page);
    // 审核通过 waits for a 复核得分 or the tick 与自评一致.
    expect(await page.getByRole('button', { name: '审核通过' }).isDisabled()).toBe(true);

    const first = page
      .getByTestId('finding')
      .filter({ has: page.getByTestId('finding-explanation') })
      .first();
    const text = await first.innerText();
    await first.getByRole('button', { name: '标记为不是问题' }).click();
    const mark = page.getByRole('dialog');
    await mark.getByLabel('不是问题的理由').fill('口径不同，不是错误');
    await mark.getByRole('button', { name: '确认标记' }).click();
    await page.getByText('已标记为不是问题').waitFor();
    const dismissed = page.getByTestId('finding-dismissed').first();
    await expect.poll(() => dismissed.innerText()).toContain('口径不同，不是错误');
    // The mark and the 填报人's explanation side by side on the finding.
    expect(await dismissed.innerText()).toContain('填报人说明');
    expect(text).toContain((await dismissed.innerText()).split('\n').find((l) => l.includes('填报人说明')));

    await page.getByLabel('复核意见').fill('请把评价结论改为「优」');
    await page.getByRole('button', { name: /退\s*回/ }).click();
    await page.getByText('退回这份自评？').waitFor();
    await shot(page, 'review-01-return-confirm', false);
    await page.getByRole('button', { name: '确认退回' }).click();
    await page.getByText('退回成功').waitFor();
    await page.close();
  });

  it('the 填报人 sees the mark and the explanations; the dialog counts as the header, prefilled', async () => {
    const page = await browser.newPage(desktop);
    await loginAs(page, server.url, filler.username, filler.password);
    await page.goto(`${server.url}/evaluations/${id}`);
    await page.getByTestId('return-comment').waitFor();
    const dismissed = page.getByTestId('finding-dismissed');
    await dismissed.first().waitFor();
    expect(await dismissed.first().innerText()).toContain('口径不同，不是错误');
    expect(await page.getByTestId('finding-explanation').count()).toBeGreaterThanOrEqual(2);
    await shot(page, 'review-02-returned');
    const header = await errorCount(page);
    await page.getByRole('button', { name: '提交审核' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.getByTestId('submit-count').innerText()).toContain(`还有 ${header} 条错误`);
    const boxes = dialog.getByRole('textbox');
    expect(await boxes.count()).toBe(header);
    for (let i = 0; i < header; i++) expect(await boxes.nth(i).inputValue()).toMatch(/^原表如此，已核对 \d$/);
    await shot(page, 'review-03-resubmit-dialog', false);
    await boxes.first().fill('已按决算核对，数字无误');
    await dialog.getByRole('button', { name: /提\s*交/ }).click();
    await page.getByText('已提交，等待财政部门审核').waitFor();
    await page.close();
  });

  it('the reviewer accepts with 与自评一致 and publishes, asked first', async () => {
    const page = await browser.newPage(desktop);
    await loginAs(page, server.url, reviewer.username, reviewer.password);
    await page.goto(`${server.url}/evaluations/${id}`);
    await expect.poll(() => page.getByText('已按决算核对，数字无误').count()).toBeGreaterThan(0);
    await page.getByRole('checkbox', { name: '与自评一致' }).check();
    await page.getByRole('button', { name: '审核通过' }).click();
    await page.getByText('审核通过成功').waitFor();
    await page.getByRole('button', { name: /公\s*开/ }).click();
    await page.getByText('公开这份自评？').waitFor();
    await page.getByRole('button', { name: '确认公开' }).click();
    await page.getByText('公开成功').waitFor();
    await page.close();
  });

  it('the portal shows every published kind fully, at 1440 px and on a phone', async () => {
    const reader = await apiSession(server.url, 'admin', server.adminPassword);
    const published = await reader<Array<{ id: number; title: string; kind: string }>>(
      'GET',
      '/api/public/reports',
    );
    expect(published.length).toBeGreaterThan(1);
    for (const [name, viewport] of [
      ['desktop', { width: 1440, height: 900 }],
      ['phone', { width: 390, height: 844 }],
    ] as const) {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      await page.goto(`${server.url}/public`);
      await page.getByRole('link', { name: /社区矫正办公经费/ }).waitFor();
      if (name === 'desktop') violations['门户列表'] = await axe(page);
      await shot(page, `review-04-portal-list-${name}`);
      for (const report of published) {
        await page.goto(`${server.url}/public/${report.id}`);
        await page
          .getByRole('heading', { name: report.title })
          .or(page.getByText(report.title).first())
          .first()
          .waitFor();
        await page.waitForTimeout(300);
        // Nothing wider than the window: no table cut off, no sideways page scroll.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${report.title} ${name}`).toBeLessThanOrEqual(0);
        if (report.kind === 'summary') {
          const rows = page.getByTestId('public-summary-rows').locator('tbody tr.ant-table-row');
          await rows.first().waitFor();
          expect(await rows.count()).toBeGreaterThan(1);
        }
        if (name === 'desktop' && !violations[`门户报告（${report.kind}）`])
          violations[`门户报告（${report.kind}）`] = await axe(page);
        await shot(page, `review-05-portal-${report.kind}-${report.id}-${name}`);
      }
      await context.close();
    }
    // A 填报人 on the reviewers' 看板: a permission error said as such, no 加载失败 and no 重试.
    const asFiller = await browser.newPage(desktop);
    await loginAs(asFiller, server.url, filler.username, filler.password);
    await asFiller.goto(`${server.url}/dashboard`);
    await asFiller
      .getByText(/没有权限|无权/)
      .first()
      .waitFor();
    expect(await asFiller.getByText('加载失败').count()).toBe(0);
    expect(await asFiller.getByRole('button', { name: '重试' }).count()).toBe(0);
    await asFiller.close();
    // Another page: /public/abc asks for nothing odd and says there is no such report.
    const page = await browser.newPage(desktop);
    const asked: string[] = [];
    page.on('request', (r) => asked.push(r.url()));
    await page.goto(`${server.url}/public/abc`);
    await page
      .getByText(/没有这份公开报告|页面不存在|不存在/)
      .first()
      .waitFor();
    expect(asked.some((u) => u.includes('NaN'))).toBe(false);
    await page.close();
    expect(violations).toEqual(Object.fromEntries(Object.keys(violations).map((k) => [k, []])));
  });
});
