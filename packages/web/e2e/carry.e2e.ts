import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, loginAs, shot } from './browser.ts';
import { addAccounts, apiSession, ensureBuilt, startServer, type TestServer } from './server.ts';

/**
 * 整改 across years — 红河州司法局's 2024 部门整体 (seed 004, 已审核) has two 整改 items, one closed with its
 * result and one past its deadline; the department's 2025 部门整体 shows both with their status, the open one
 * flagged; the region's 财政审核人 reads the 2024 结果应用表 with the rule's words for the grade.
 */
describe("next year's evaluation carries last year's 整改 items", () => {
  let server: TestServer;
  let browser: Browser;
  const filler = { username: 'carry-filler', password: 'carry-password-1' };
  const reviewer = { username: 'carry-reviewer', password: 'carry-password-2' };
  const wide = { viewport: { width: 1440, height: 900 } };
  let next = 0;
  let last = 0;

  beforeAll(async () => {
    server = await startServer(await ensureBuilt());
    browser = await launch();
    await addAccounts(server, '红河', [
      { ...filler, displayName: '红河填报员', role: 'filler' },
      { ...reviewer, displayName: '红河审核员', role: 'reviewer' },
    ]);
    const asFiller = await apiSession(server.url, filler.username, filler.password);
    const asReviewer = await apiSession(server.url, reviewer.username, reviewer.password);
    const list = await asFiller<Array<{ id: number; year: number | null; kind: string }>>(
      'GET',
      '/api/evaluations',
    );
    last = list.find((e) => e.year === 2024 && e.kind === 'department')!.id;
    const url = `/api/evaluations/${last}/rectifications`;
    const closed = await asFiller<{ id: number }>('POST', url, {
      problem: '预算编制不够科学、准确',
      measure: '加强预算绩效管理，避免预算编制和实际使用脱节',
      owner: '财务科',
      due: '2025-06-30',
    });
    await asFiller('PUT', `/api/rectifications/${closed.id}`, {
      status: 'done',
      result: '2025 年预算按项目逐项测算编制',
    });
    await asReviewer('POST', url, { problem: '法律援助案件补贴未及时足额到位', due: '2025-03-31' });
    const base = await asFiller<{ evaluation: Record<string, unknown> }>('GET', `/api/evaluations/${last}`);
    next = (
      await asFiller<{ id: number }>('POST', '/api/evaluations', {
        evaluation: { ...base.evaluation, year: 2025, title: '红河州司法局2025年度部门整体支出绩效自评' },
      })
    ).id;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("the 填报人 opens 2025's evaluation and sees 2024's items, the open and overdue one flagged", async () => {
    const page = await (await browser.newContext(wide)).newPage();
    await loginAs(page, server.url, filler.username, filler.password);
    await page.goto(`${server.url}/evaluations/${next}`);
    const card = page.getByTestId('carry-over');
    await card.waitFor({ timeout: 15_000 });
    await expect(card.locator('.ant-card-head-title').textContent()).resolves.toBe(
      '上年（2024 年度）整改与完成情况',
    );
    await expect(card.getByTestId('carry-over-open').textContent()).resolves.toBe(
      '上年有 1 项整改尚未完成，其中 1 项已逾期，请在本年自评中说明进展',
    );
    const done = card.locator('tr', { hasText: '预算编制不够科学、准确' });
    await expect(done.getByText('已完成').isVisible()).resolves.toBe(true);
    await expect(done.getByText('2025 年预算按项目逐项测算编制').isVisible()).resolves.toBe(true);
    const open = card.locator('tr', { hasText: '法律援助案件补贴未及时足额到位' });
    await expect(open.getByText('未开始').isVisible()).resolves.toBe(true);
    await expect(open.getByText('逾期').isVisible()).resolves.toBe(true);
    await expect(open.getByText('2025-03-31').isVisible()).resolves.toBe(true);
    // The link leads back to last year's evaluation, which itself has no year before it on record.
    await card.getByRole('link').first().click();
    await page.waitForURL(`${server.url}/evaluations/${last}`);
    await shot(page, 'carry-over-filler');
  });

  it("the reviewer reads the 2024 结果应用表 with the rule's words for each grade", async () => {
    const asReviewer = await apiSession(server.url, reviewer.username, reviewer.password);
    const table = await asReviewer<{ rows: Array<{ evaluation: { id: number }; use: { words: string } }> }>(
      'GET',
      '/api/results-use?year=2024',
    );
    const row = table.rows.find((r) => r.evaluation.id === last)!;
    const page = await (await browser.newContext(wide)).newPage();
    await loginAs(page, server.url, reviewer.username, reviewer.password);
    await page.getByRole('menuitem', { name: '结果应用' }).click();
    await page.getByTestId('results-use-year').click();
    await page.locator('.ant-select-item-option', { hasText: '2024 年度' }).click();
    const line = page.getByTestId('results-use-table').locator('tr', { hasText: '红河州司法局' });
    await line.first().waitFor({ timeout: 15_000 });
    await expect(line.first().getByText(row.use.words).isVisible()).resolves.toBe(true);
    await expect(line.first().getByText('1 项').isVisible()).resolves.toBe(true);
    await shot(page, 'results-use-reviewer');
  });
});
