import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_LAUNCH, WEB_ROOT } from './server.ts';

export const SHOTS = join(WEB_ROOT, 'e2e/screenshots');

/** Debian's Chromium, headless; never a downloaded browser. */
export async function launch(): Promise<Browser> {
  await mkdir(SHOTS, { recursive: true });
  return chromium.launch(CHROMIUM_LAUNCH);
}

export async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  // A full-page capture of a scrolled page draws sticky table headers mid-page: start from the top.
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
}

/** Logs in through the 登录 form. */
export async function loginAs(page: Page, base: string, username: string, password: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByTestId('current-user').waitFor();
}
