import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, loginAs, shot } from './browser.ts';
import { apiSession, ensureBuilt, startServer, type TestServer } from './server.ts';

/** Every Content-Security-Policy violation a page reports, in the page and on the console. */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/.test(m.text())) violations.push(m.text());
  });
  await page.exposeFunction('__cspViolation', (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __cspViolation(v: string): void }).__cspViolation(
        `${e.violatedDirective} ${e.blockedURI}`,
      );
    });
  });
  return violations;
}

/**
 * 安全 — the built UI runs under the server's Content-Security-Policy without a single violation (antd's
 * inline styles, the charts, the portal); an admin resets a password and the user must choose a new one;
 * a disabled account cannot sign in.
 */
describe('web UI under the security headers', () => {
  let server: TestServer;
  let browser: Browser;
  const desktop = { viewport: { width: 1366, height: 768 } };
  const user = { username: 'reset-filler', password: 'first-password-9' };

  beforeAll(async () => {
    server = await startServer(await ensureBuilt());
    browser = await launch();
    const admin = await apiSession(server.url, 'admin', server.adminPassword);
    const departments = await admin<Array<{ id: number }>>('GET', '/api/departments');
    await admin('POST', '/api/users', { ...user, role: 'filler', departmentId: departments[0]!.id });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows every page without a CSP violation', async () => {
    const page = await browser.newPage(desktop);
    const violations = await watchCsp(page);
    const first = await page.goto(`${server.url}/public`);
    expect(first?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await page
      .getByRole('link', { name: /部门整体绩效自评表/ })
      .first()
      .click();
    await page
      .getByText(/得分|总分/)
      .first()
      .waitFor();
    await loginAs(page, server.url, 'admin', server.adminPassword);
    for (const [path, ready] of [
      ['/evaluations', () => page.getByRole('link', { name: /社区矫正办公经费/ }).waitFor()],
      ['/dashboard', () => page.getByRole('img', { name: '各部门预算执行率' }).locator('canvas').waitFor()],
      ['/summary', () => page.getByRole('table').first().waitFor()],
      ['/users', () => page.getByRole('cell', { name: user.username }).first().waitFor()],
      ['/frameworks', () => page.getByText('评分框架').first().waitFor()],
    ] as const) {
      await page.goto(`${server.url}${path}`);
      await ready();
    }
    await page.waitForTimeout(500);
    expect(violations).toEqual([]);
    await page.close();
  });

  it('resets a password to a one-time one, which leads straight to 修改密码', async () => {
    const admin = await browser.newPage(desktop);
    await loginAs(admin, server.url, 'admin', server.adminPassword);
    await admin.goto(`${server.url}/users`);
    const row = admin.getByRole('row', { name: new RegExp(user.username) });
    await row.getByRole('button', { name: /重置密码/ }).click();
    await admin
      .getByRole('button', { name: /重\s*置/ })
      .last()
      .click();
    const oneTime = (await admin.getByTestId('one-time-password').innerText()).trim();
    expect(oneTime).toMatch(/^[A-Za-z0-9]{16}$/);
    await shot(admin, '20-one-time-password', false);

    const page = await browser.newPage(desktop);
    await loginAs(page, server.url, user.username, oneTime);
    await page.waitForURL(/\/account\/password$/);
    await page.getByText('管理员已重置你的密码').waitFor();
    await page.getByLabel('管理员给的临时密码').fill(oneTime);
    await page.getByLabel('新密码', { exact: true }).fill('1234567890');
    await page.getByLabel('再次输入新密码').fill('1234567890');
    await page
      .getByRole('button', { name: /修改密码/ })
      .last()
      .click();
    await page.getByText(/连续字符/).waitFor(); // the server's policy, in Chinese
    await page.getByLabel('新密码', { exact: true }).fill('my-own-tea-garden');
    await page.getByLabel('再次输入新密码').fill('my-own-tea-garden');
    await page
      .getByRole('button', { name: /修改密码/ })
      .last()
      .click();
    await page.waitForURL(/\/evaluations$/);
    await shot(page, '21-password-changed', false);

    // Disabled: the open session ends, and signing in says so in Chinese.
    await admin
      .getByRole('button', { name: '知道了' })
      .click()
      .catch(() => undefined);
    await admin.goto(`${server.url}/users`);
    await admin
      .getByRole('row', { name: new RegExp(user.username) })
      .getByRole('button', { name: /停\s*用/ })
      .click();
    await admin
      .getByRole('row', { name: new RegExp(user.username) })
      .getByText('已停用')
      .waitFor();
    await page.goto(`${server.url}/login`);
    await page.getByLabel('用户名').fill(user.username);
    await page.getByLabel('密码').fill('my-own-tea-garden');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByText('该账号已停用').waitFor();
    await shot(page, '22-disabled-login', false);
  });
});
