import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { findingKey, type Finding } from '@jixiao/core';
import { launch, loginAs, shot } from './browser.ts';
import { addAccounts, apiSession, ensureBuilt, startServer, type TestServer } from './server.ts';

/**
 * 满意度调查 — 遂宁市安居区司法局's 填报人 opens the 案件代理 draft (seed 003: 群众满意度 ≥ 95%, 分值 10, 完成值 left
 * blank), records seed 004's survey (发出 30 份，收回有效 30 份，满意 29 份) in the 满意度调查 dialog, sees 96.67% and
 * its formula live, and after saving sees it as the 群众满意度 完成值 with its 规则得分 10.00; the region's 财政审核人
 * sees the counts and formula read-only once the evaluation is submitted.
 */
describe('satisfaction survey in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  const filler = { username: 'survey-filler', password: 'survey-password-1' };
  const reviewer = { username: 'survey-reviewer', password: 'survey-password-2' };
  const wide = { viewport: { width: 1440, height: 900 } };
  const row = (page: Page) => page.locator('tr[data-indicator="群众满意度"]');
  let evaluationUrl = '';

  beforeAll(async () => {
    server = await startServer(await ensureBuilt());
    browser = await launch();
    await addAccounts(server, '安居', [
      { ...filler, displayName: '安居填报员', role: 'filler' },
      { ...reviewer, displayName: '安居审核员', role: 'reviewer' },
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the 填报人 records the counts; the rate becomes the 完成值 and is scored', async () => {
    const page = await (await browser.newContext(wide)).newPage();
    await loginAs(page, server.url, filler.username, filler.password);
    await page.getByRole('link', { name: /案件代理/ }).click();
    await page.waitForURL(/\/evaluations\/\d+$/);
    evaluationUrl = page.url();
    await expect(page.getByLabel('群众满意度 完成值').inputValue()).resolves.toBe('');
    await row(page).getByRole('button', { name: '群众满意度 满意度调查' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('满意度调查 · 群众满意度').waitFor();
    // The usual four grades, the first three counted as satisfied.
    for (const [label, satisfied] of [
      ['非常满意', true],
      ['满意', true],
      ['基本满意', true],
      ['不满意', false],
    ] as const)
      await expect(dialog.getByLabel(`${label} 计为满意`, { exact: true }).isChecked(), label).resolves.toBe(
        satisfied,
      );
    await dialog.getByLabel('发出问卷数').fill('30');
    await dialog.getByLabel('收回有效问卷数').fill('30');
    await dialog.getByLabel('非常满意 份数').fill('20');
    await dialog.getByLabel('满意 份数', { exact: true }).fill('6');
    await dialog.getByLabel('基本满意 份数').fill('2');
    // 28 of 30 answered: the counts do not add up, and saving is not offered.
    await dialog.getByText('各选项合计 28 份，与收回有效问卷 30 份不一致').waitFor();
    await expect(dialog.getByRole('button', { name: '保存并填入完成值' }).isDisabled()).resolves.toBe(true);
    await dialog.getByLabel('基本满意 份数').fill('3');
    await dialog.getByLabel('不满意 份数').fill('1');
    await expect
      .poll(() => dialog.getByTestId('survey-formula').textContent(), { timeout: 15_000 })
      .toBe('非常满意、满意、基本满意 29 份 ÷ 收回有效问卷 30 份 = 96.67%');
    await dialog.getByText('满意度 96.67%').waitFor();
    await shot(page, 'survey-dialog', false);
    await dialog.getByRole('button', { name: '保存并填入完成值' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect
      .poll(() => page.getByLabel('群众满意度 完成值').inputValue(), { timeout: 15_000 })
      .toBe('96.67');
    await expect
      .poll(() => row(page).locator('[data-testid^="computed-"]').innerText(), { timeout: 15_000 })
      .toBe('10.00');
    // Stored, not only on the page: a reload shows the same 完成值 and score.
    await page.reload();
    await expect
      .poll(() => page.getByLabel('群众满意度 完成值').inputValue(), { timeout: 15_000 })
      .toBe('96.67');
    await expect(row(page).locator('[data-testid^="computed-"]').innerText()).resolves.toBe('10.00');
    await shot(page, 'survey-filler');
  });

  it('the reviewer sees the counts and formula read-only once submitted', async () => {
    const id = Number(evaluationUrl.split('/').pop());
    const call = await apiSession(server.url, filler.username, filler.password);
    const page = await call<{ findings: Finding[] }>('GET', `/api/evaluations/${id}`);
    // The seed's own mistakes are explained, as a 填报人 would before submitting.
    const explanations = Object.fromEntries(
      page.findings.filter((f) => f.severity === 'error').map((f) => [findingKey(f), '原表如此，已核实']),
    );
    await call('POST', `/api/evaluations/${id}/submit`, { explanations });

    const other = await (await browser.newContext(wide)).newPage();
    await loginAs(other, server.url, reviewer.username, reviewer.password);
    await other.goto(evaluationUrl);
    await row(other).getByRole('button', { name: '群众满意度 满意度调查' }).click();
    const dialog = other.getByRole('dialog');
    await dialog.getByText('非常满意、满意、基本满意 29 份 ÷ 收回有效问卷 30 份 = 96.67%').waitFor();
    const counts = await dialog.locator('.ant-descriptions').textContent();
    expect(counts).toContain('发出问卷数30 份');
    expect(counts).toContain('收回有效问卷数30 份');
    await expect(dialog.locator('tr', { hasText: '非常满意' }).textContent()).resolves.toContain('20 份');
    await expect(dialog.getByRole('button', { name: '保存并填入完成值' }).count()).resolves.toBe(0);
    await expect(dialog.getByLabel('不满意 计为满意', { exact: true }).isDisabled()).resolves.toBe(true);
    await shot(other, 'survey-reviewer', false);
  });
});
