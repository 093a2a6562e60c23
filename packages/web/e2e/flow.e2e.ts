import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, loginAs, shot } from './browser.ts';
import { apiSession, ensureBuilt, REPO, startServer, type TestServer } from './server.ts';

/**
 * 端到端流程 — admin creates a 填报人 and a 财政审核人; the 填报人 fills blank 完成值 of a seed
 * evaluation (scores and findings update live), meets a save conflict, saves, submits with reasons;
 * the reviewer scores differently, accepts and publishes; the public reads it logged out.
 */
describe('web UI end to end', () => {
  let server: TestServer;
  let browser: Browser;
  const filler = { username: 'anju-filler', password: 'filler-password-1' };
  const reviewer = { username: 'caizheng-reviewer', password: 'reviewer-password-1' };
  let evaluationId = 0;
  const desktop = { viewport: { width: 1366, height: 768 } };

  beforeAll(async () => {
    const dist = await ensureBuilt();
    server = await startServer(dist);
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('admin logs in and creates the accounts through the API', async () => {
    const page = await browser.newPage(desktop);
    await page.goto(`${server.url}/evaluations`);
    await page.waitForURL(/\/login$/);
    await shot(page, '01-login');
    // A wrong password: the server's Chinese message, no stack trace.
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill('wrong-password');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByText('用户名或密码不正确').waitFor();
    await shot(page, '01b-login-error', false);
    await loginAs(page, server.url, 'admin', server.adminPassword);
    await page.getByRole('link', { name: /社区矫正办公经费/ }).waitFor();
    await shot(page, '02-list-admin');

    const admin = await apiSession(server.url, 'admin', server.adminPassword);
    const departments = await admin<Array<{ id: number; name: string }>>('GET', '/api/departments');
    const anju = departments.find((d) => d.name.includes('安居'));
    expect(anju).toBeDefined();
    await admin('POST', '/api/users', {
      ...filler,
      displayName: '安居区填报员',
      role: 'filler',
      departmentId: anju!.id,
    });
    await admin('POST', '/api/users', {
      ...reviewer,
      displayName: '财政局审核员',
      role: 'reviewer',
      // The sample departments sit in their regions (examples/seeds/samples.json): this reviewer sees 安居区 only.
      region: '遂宁市安居区',
    });
    const list = await admin<Array<{ id: number; title: string }>>('GET', '/api/evaluations');
    evaluationId = list.find((e) => e.title.includes('社区矫正办公经费'))!.id;

    await page.goto(`${server.url}/users`);
    await page.getByRole('cell', { name: filler.username }).waitFor();
    await shot(page, '03-users');

    // A whole-department evaluation (seed 001, 30 indicators) as the admin reads it: no editable cells.
    const big = list.find((e) => e.title === '部门整体绩效自评表')!;
    await page.goto(`${server.url}/evaluations/${big.id}`);
    await page.getByTestId('computed-total').waitFor();
    expect(await page.locator('td input').count()).toBe(0);
    expect(await page.getByText('浏览器内的计分与服务器不一致').count()).toBe(0);
    await shot(page, '03b-detail-department', false);
    await page.mouse.wheel(0, 900); // the indicator header stays in view while the long table scrolls
    await page.waitForTimeout(300);
    await shot(page, '03b2-sticky-header', false);

    await page.goto(`${server.url}/dashboard`);
    await page.getByRole('img', { name: '各部门预算执行率' }).locator('canvas').waitFor();
    await page.waitForTimeout(800);
    await shot(page, '03c-dashboard-admin');

    // A 汇总表 (seed 000) opens on its summary table.
    const summary = list.find((e) => e.title === '项目支出绩效自评汇总表')!;
    await page.goto(`${server.url}/evaluations/${summary.id}`);
    await page.getByRole('tab', { name: /汇总表/, selected: true }).waitFor();
    await shot(page, '03f-summary', false);

    // Error and empty states: an evaluation that does not exist; a portal with nothing published yet.
    await page.goto(`${server.url}/evaluations/99999`);
    await page.getByTestId('not-found').waitFor(); // a missing record is said as such, with no 重试
    await shot(page, '03d-error-state', false);
    // The portal opens on the published samples; a search that finds nothing shows the empty state.
    await page.goto(`${server.url}/public`);
    await page.getByRole('link', { name: /部门整体绩效自评表/ }).waitFor();
    await page.getByLabel('搜索').fill('没有这个部门');
    await page.getByLabel('搜索').press('Enter');
    await page.getByText('暂无公开的报告').waitFor();
    await shot(page, '03e-portal-empty', false);
    await page.close();
  });

  it('the 填报人 fills blank 完成值, sees the score update, resolves a save conflict, and submits', async () => {
    const context = await browser.newContext(desktop);
    const page = await context.newPage();
    await loginAs(page, server.url, filler.username, filler.password);
    await page.goto(`${server.url}/evaluations/${evaluationId}`);
    const computed = page.getByTestId('computed-total');
    await computed.waitFor();
    const before = await computed.innerText();
    await expect.poll(() => page.getByText('完成值空白却得分').count()).toBeGreaterThan(0);
    // The browser scores the stored evaluation exactly as the server did.
    expect(await page.getByText('浏览器内的计分与服务器不一致').count()).toBe(0);
    await shot(page, '04-detail-before');
    // 定位: a finding takes the user to its indicator row (the 定性 one; others point at budget lines).
    await page
      .getByTestId('finding')
      .filter({ hasText: '指标「促进社会稳定」' })
      .getByRole('button', { name: '定位到表格' })
      .click();
    await page.locator('tr.row-located').waitFor();

    await page.getByLabel('重新犯罪率 完成值').fill('0.1%');
    await page.getByLabel('群众满意度 完成值').fill('96%');
    await page.getByLabel('促进社会稳定 完成值').fill('优良');
    await expect.poll(() => page.getByText('完成值空白却得分').count()).toBe(0);
    const after = await computed.innerText();
    expect(after).not.toBe(before);
    await shot(page, '05-detail-edited');
    // Leaving with unsaved edits asks first; staying keeps them.
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '自评列表' }).click();
    await page.locator('.ant-modal-confirm-title', { hasText: '有未保存的修改' }).waitFor();
    await page.getByRole('button', { name: '留在本页' }).click();
    expect(page.url()).toMatch(/\/evaluations\/\d+$/);
    expect(await page.getByLabel('群众满意度 完成值').inputValue()).toBe('96%');
    await page.getByRole('tab', { name: /预算执行/ }).click();
    await page.getByLabel('总额 全年执行数').waitFor();
    await shot(page, '05b-budget-edit', false);
    await page.getByRole('tab', { name: /绩效指标/ }).click();

    // Someone else saves first (the same account in another session): our save must get 409 and keep our edits.
    const other = await apiSession(server.url, filler.username, filler.password);
    const current = await other<{ version: number; evaluation: unknown }>(
      'GET',
      `/api/evaluations/${evaluationId}`,
    );
    await other('PUT', `/api/evaluations/${evaluationId}`, {
      version: current.version,
      evaluation: current.evaluation,
    });
    await page.keyboard.press('Control+s'); // the keyboard shortcut saves, as the 保存 button does
    await page.getByText(/最新为第 \d+ 版/).waitFor();
    expect(await page.getByLabel('群众满意度 完成值').inputValue()).toBe('96%');
    await shot(page, '06-conflict');
    await page.getByRole('button', { name: '用我的修改覆盖' }).click();
    await page.getByText(/已保存（第 \d+ 版）/).waitFor();

    await page.getByRole('button', { name: '提交审核' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const boxes = dialog.getByRole('textbox');
    const n = await boxes.count();
    for (let i = 0; i < n; i++)
      await boxes.nth(i).fill('评价结论「良好」为原表笔误，应为「优」；已与财务核对');
    await shot(page, '07-submit-dialog', false);
    await dialog.getByRole('button', { name: /提\s*交/ }).click();
    await page.getByText('已提交，等待财政部门审核').waitFor();
    await page.locator('.ant-tag', { hasText: '已提交' }).first().waitFor();
    await shot(page, '08-submitted');
    await context.close();
  });

  it("the 填报人 imports a report: another body's file cannot be saved, its own is previewed and saved", async () => {
    const context = await browser.newContext(desktop);
    const page = await context.newPage();
    await loginAs(page, server.url, filler.username, filler.password);
    await page.goto(`${server.url}/import`);
    // 雁峰区司法局's report in 安居区's hands: said before saving, and the save stays closed.
    await page
      .locator('input[type=file]')
      .setInputFiles(join(REPO, 'examples/seeds/002_2938c48e62223733.txt'));
    const mismatch = page.getByTestId('department-mismatch');
    await mismatch.waitFor({ timeout: 60_000 });
    expect(await mismatch.innerText()).toContain('雁峰区司法局');
    expect(await page.getByRole('button', { name: /保存所选为草稿/ }).isDisabled()).toBe(true);
    await shot(page, '09-import-other-department');
    await page
      .locator('input[type=file]')
      .setInputFiles(join(REPO, 'examples/seeds/003_cbcf39354c9835b0.txt'));
    await page.getByText(/中读到 6 份自评/).waitFor({ timeout: 60_000 });
    expect(await mismatch.count()).toBe(0);
    // The sample's drafts of this file are there already: each is offered for update, except the one
    // submitted above (no longer a draft).
    expect(await page.getByText(/本部门已有同一项目、同一年度的草稿/).count()).toBe(5);
    await shot(page, '09b-import-preview');
    await page.getByRole('button', { name: /保存所选为草稿（6）/ }).click();
    await page.getByText('已保存 6 份自评为草稿，其中 5 份更新了已有草稿').waitFor();
    await page.waitForURL(/\/evaluations$/);
    // The list has loaded (its call answered) before the session ends below.
    await page
      .getByRole('link', { name: /社区矫正办公经费/ })
      .first()
      .waitFor();

    // The session ends (cookie gone): the next call answers 401 and the app returns to 登录.
    await context.clearCookies();
    await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '执行监控' }).click();
    await page.waitForURL(/\/login$/);
    await context.close();
  });

  it('the reviewer returns it with a comment; the 填报人 reads it and submits again', async () => {
    const context = await browser.newContext(desktop);
    const page = await context.newPage();
    await loginAs(page, server.url, reviewer.username, reviewer.password);
    await page.goto(`${server.url}/evaluations/${evaluationId}`);
    await page.getByLabel('复核意见').fill('请补充群众满意度调查的样本数');
    await page.getByRole('button', { name: /退\s*回/ }).click();
    // 退回 asks first.
    await page.getByRole('button', { name: '确认退回' }).click();
    await page.getByText('退回成功').waitFor();
    await context.close();

    const fillerContext = await browser.newContext(desktop);
    const fillerPage = await fillerContext.newPage();
    await loginAs(fillerPage, server.url, filler.username, filler.password);
    await fillerPage.goto(`${server.url}/evaluations/${evaluationId}`);
    await expect.poll(() => fillerPage.getByTestId('return-comment').innerText()).toContain('样本数');
    await shot(fillerPage, '09c-returned', false);
    await fillerPage.getByLabel('群众满意度 偏差原因').fill('满意度调查样本 120 份，收回 118 份');
    await fillerPage.getByRole('button', { name: '提交审核' }).click();
    const dialog = fillerPage.getByRole('dialog');
    const boxes = dialog.getByRole('textbox');
    for (let i = 0; i < (await boxes.count()); i++)
      await boxes.nth(i).fill('评价结论「良好」为原表笔误，应为「优」');
    await dialog.getByRole('button', { name: /提\s*交/ }).click();
    await fillerPage.getByText('已提交，等待财政部门审核').waitFor();
    await fillerContext.close();
  });

  it('the reviewer scores, accepts and publishes; the dashboard draws', async () => {
    const context = await browser.newContext(desktop);
    const page = await context.newPage();
    await loginAs(page, server.url, reviewer.username, reviewer.password);
    await page.waitForURL(/\/review$/);
    await page.getByRole('link', { name: /社区矫正办公经费/ }).waitFor();
    // Region-scoped: 雁峰区's submitted sample is another region's work and not in this queue.
    expect(await page.getByText('雁峰区司法局').count()).toBe(0);
    await shot(page, '10-review-queue');
    await page.getByRole('link', { name: '审核', exact: true }).first().click();
    await page.getByLabel('复核得分').fill('85');
    await page.getByLabel('复核意见').fill('满意度调查样本不足，扣 15 分');
    await expect.poll(() => page.getByTestId('review-gap').innerText()).toContain('相差 15.00 分');
    await page.getByRole('button', { name: '保存复核得分' }).click();
    await page.getByText('保存复核成功').waitFor();
    // One finding is marked 不是问题 with a reason: greyed, with the reason and who marked it, and in the history.
    await page.getByRole('button', { name: '标记为不是问题' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('不是问题的理由').fill('等级以复核得分另行认定，不作为错误');
    await dialog.getByRole('button', { name: '确认标记' }).click();
    await page.getByText('已标记为不是问题').waitFor();
    await expect
      .poll(() => page.getByTestId('finding-dismissed').first().innerText())
      .toContain('等级以复核得分另行认定');
    await expect
      .poll(() => page.getByTestId('finding-dismissed').first().innerText())
      .toContain('财政局审核员');
    await page.getByTestId('disposition-history').waitFor();
    await page.getByRole('button', { name: '审核通过' }).click();
    await page.getByText('审核通过成功').waitFor();
    await page.getByRole('button', { name: /公\s*开/ }).click();
    // 公开 asks first: the report becomes visible to everyone.
    await page.getByRole('button', { name: '确认公开' }).click();
    await page.getByText('公开成功').waitFor();
    await page.locator('.ant-tag', { hasText: '已公开' }).first().waitFor();
    // The review score sits beside the self score; the self score is untouched.
    await expect.poll(() => page.getByText('85').count()).toBeGreaterThan(0);
    await shot(page, '11-reviewed');

    await page.goto(`${server.url}/dashboard`);
    await page.getByRole('img', { name: '各部门预算执行率' }).locator('canvas').waitFor();
    await page.waitForTimeout(800);
    await shot(page, '12-dashboard');
    await context.close();
  });

  it('the public reads the published report, on a phone too', async () => {
    for (const [name, viewport] of [
      ['desktop', { width: 1366, height: 768 }],
      ['phone', { width: 390, height: 844 }],
    ] as const) {
      const context = await browser.newContext({ viewport });
      const page: Page = await context.newPage();
      await page.goto(`${server.url}/public`);
      await page.getByRole('link', { name: /社区矫正办公经费/ }).click();
      await page.getByTestId('public-score').waitFor();
      expect(await page.getByText('重新犯罪率').count()).toBeGreaterThan(0);
      // The self score is what was published; the review score never replaced it.
      expect(await page.getByTestId('public-score').innerText()).toContain('100');
      // The download a reader takes away: the report as PDF, fetched as the browser would.
      const href = await page.getByTestId('export-pdf').getAttribute('href');
      const pdf = await page.request.get(`${server.url}${href}`);
      expect(pdf.status()).toBe(200);
      expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
      await shot(page, `13-public-${name}`);
      await page.goto(`${server.url}/public`);
      await page.getByRole('link', { name: /社区矫正办公经费/ }).waitFor();
      await shot(page, `14-portal-list-${name}`, false);
      await context.close();
    }
  });
});
