import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Evaluation, Stated } from '@jixiao/core';
import { launch, loginAs, shot, SHOTS } from './browser.ts';
import { apiSession, ensureBuilt, startServer, type TestServer } from './server.ts';

/** A plain 万元 figure as the reader stores it. */
function stated(raw: string, percent = false): Stated {
  return { raw: percent ? `${raw}%` : raw, value: raw, decimals: 2, percent };
}

/**
 * 汇总表 and 看板 in the browser, as the admin reads them over the seeds: the 2024 汇总表 with 金安区's
 * filed 项目汇总表 (its eight projects added up), 2023's 安居区 projects with their lower-bound scores, the
 * download; the dashboard's lower bounds counted apart and 安居区's 2023 → 2024 change, after its 填报人
 * enters a 2024 project.
 */
describe('汇总表 and 看板', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const desktop = { viewport: { width: 1440, height: 900 } };
  const filler = { username: 'anju-summary', password: 'filler-password-2' };

  beforeAll(async () => {
    const dist = await ensureBuilt();
    server = await startServer(dist);
    browser = await launch();
    // 安居区 has only 2023 in the seeds: its 填报人 adds a 2024 project (案件代理 again, 40.00 budgeted,
    // 32.00 spent), so the year-on-year has something to compare.
    const admin = await apiSession(server.url, 'admin', server.adminPassword);
    const departments = await admin<Array<{ id: number; name: string }>>('GET', '/api/departments');
    const anju = departments.find((d) => d.name.includes('安居'))!;
    await admin('POST', '/api/users', {
      ...filler,
      displayName: '安居区填报员',
      role: 'filler',
      departmentId: anju.id,
    });
    const list = await admin<Array<{ id: number; title: string }>>('GET', '/api/evaluations');
    const source = list.find((e) => e.title.endsWith('案件代理'))!;
    const { evaluation } = await admin<{ evaluation: Evaluation }>('GET', `/api/evaluations/${source.id}`);
    const next: Evaluation = {
      ...evaluation,
      year: 2024,
      title: evaluation.title.replace('2023', '2024'),
      budget: evaluation.budget.map((l) =>
        l.role === 'total'
          ? {
              ...l,
              adjustedBudget: stated('40.00'),
              executed: stated('32.00'),
              executionRate: stated('80.00', true),
            }
          : l,
      ),
    };
    const asFiller = await apiSession(server.url, filler.username, filler.password);
    await asFiller('POST', '/api/evaluations', { evaluation: next });

    page = await browser.newPage(desktop);
    await loginAs(page, server.url, 'admin', server.adminPassword);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the 汇总表 of the latest year with 小计 and 合计, the filed 汇总表 opened into its projects', async () => {
    await page.getByRole('link', { name: '汇总表', exact: true }).click();
    await page.waitForURL(/\/summary$/);
    await page.getByTestId('summary-caption').getByText('2024 年度').waitFor();
    const table = page.locator('.ant-table');
    // 金安区's filed 项目汇总表: 8 projects, 170.80 budgeted, 58.81 spent, 34.43% recomputed from the sums.
    const jinan = table.locator('tr', { hasText: '项目支出绩效自评汇总表' });
    await expect.poll(() => jinan.innerText()).toContain('170.80');
    expect(await jinan.innerText()).toContain('58.81');
    expect(await jinan.innerText()).toContain('34.43%');
    // 红河州's 部门整体: its table prints 预算资金 80.00 and 实际到位资金 898.33, no 全年预算数; 883.84 spent.
    const honghe = table.locator('tr', { hasText: '红河州司法局2024年度' });
    expect(await honghe.innerText()).toMatch(/80\.00[\s\S]*883\.84/);
    const totals = table.locator('tr', { hasText: /^合计/ });
    expect(await totals.count()).toBeGreaterThan(0);
    await shot(page, 'summary-01-2024', false);

    await jinan.locator('.ant-table-row-expand-icon').click();
    await table.getByText('其中：人民调解').waitFor();
    const part = table.locator('tr', { hasText: '其中：人民调解' });
    expect(await part.innerText()).toMatch(/35\.20[\s\S]*24\.81[\s\S]*70\.48%/);
    await shot(page, 'summary-02-expanded');
  });

  it('switches to 2023: 安居区 projects, lower bounds marked, 小计 of the five', async () => {
    await page.locator('.ant-select[aria-label="年度"]').click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('2023 年度').click();
    await page.getByTestId('summary-caption').getByText('2023 年度').waitFor();
    const subtotal = page.locator('.ant-table tr', { hasText: '小计（项目支出）' });
    await expect.poll(() => subtotal.innerText()).toMatch(/13\.00[\s\S]*63\.21[\s\S]*63\.21[\s\S]*100\.00%/);
    // Seed 003's six tables (five projects and the 部门整体) all have blank 完成值: lower bounds, marked ≥.
    expect(await page.getByTestId('lower-bound').count()).toBe(6);
    await shot(page, 'summary-03-2023');

    // The download is the table on screen: an xlsx for 2023.
    const href = await page.getByTestId('summary-download').getAttribute('href');
    expect(href).toContain('year=2023');
    const response = await page.context().request.get(`${server.url}${href}`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('spreadsheetml');
    expect((await response.body()).subarray(0, 2).toString()).toBe('PK');
  });

  it('filters one department', async () => {
    await page.locator('.ant-select[aria-label="部门"]').click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('遂宁市安居区司法局').click();
    await page.getByTestId('summary-caption').getByText('部门：遂宁市安居区司法局').waitFor();
    expect(await page.getByTestId('summary-download').getAttribute('href')).toMatch(/department=\d+/);
  });

  it('filters by 状态 and sorts by a column, on the server', async () => {
    await page.goto(`${server.url}/summary`);
    await page.getByTestId('summary-caption').getByText('2024 年度').waitFor();
    const table = page.locator('.ant-table');
    await table.locator('tr', { hasText: '红河州司法局2024年度' }).waitFor();
    // 已公开 only: 金安区's filed 汇总表 stays, 红河州's accepted 部门整体 goes (examples/seeds/samples.json).
    await page.locator('.ant-select[aria-label="状态"]').click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('已公开').click();
    await page.keyboard.press('Escape');
    await expect.poll(() => table.locator('tr', { hasText: '红河州司法局2024年度' }).count()).toBe(0);
    expect(await table.locator('tr', { hasText: '项目支出绩效自评汇总表' }).count()).toBe(1);
    await shot(page, 'summary-04-published-only', false);
    // Every status again, ordered by 执行率, lowest first: 金安区's 34.43% leads.
    await page.locator('.ant-select[aria-label="状态"] .ant-select-clear').click();
    await page.locator('.ant-select[aria-label="排序"]').click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('按执行率（低的在前）').click();
    await expect.poll(() => table.locator('tr', { hasText: '红河州司法局2024年度' }).count()).toBe(1);
    await expect.poll(() => table.locator('tbody tr.ant-table-row').first().innerText()).toContain('34.43%');
  });

  it('看板: lower bounds counted apart, and 安居区 from 2023 to 2024 in 百分点', async () => {
    await page.getByRole('link', { name: '看板', exact: true }).click();
    await page.getByRole('img', { name: '各部门预算执行率' }).locator('canvas').waitFor();
    await page.getByRole('img', { name: '各部门年度对比' }).locator('canvas').waitFor();
    // 7 of the seeds' 10 evaluations have blank 完成值 (seed 003's six, 红河州); the new one makes 8.
    expect(await page.getByTestId('incomplete-count').innerText()).toContain('8 份因完成值空白');
    // 安居区: 2023 63.21 / 63.21 = 100.00%; 2024 32.00 / 40.00 = 80.00%; −20.00 百分点.
    const change = page.getByTestId('rate-change-遂宁市安居区司法局-2024');
    expect(await change.innerText()).toContain('-20.00');
    await page.waitForTimeout(800); // the charts' entry animation
    await shot(page, 'summary-04-dashboard');
    await page.getByText('平均自评得分', { exact: true }).first().click();
    await page.waitForTimeout(800);
    await page.getByRole('img', { name: '各部门年度对比' }).screenshot({
      path: join(SHOTS, 'summary-05-yoy-scores.png'),
    });
  });

  it('pages by role: a 填报人 is refused the admin pages as such, a wrong address is a 404, every page has its title', async () => {
    const filler = await browser.newPage(desktop);
    const requested: string[] = [];
    filler.on('request', (r) => requested.push(new URL(r.url()).pathname));
    await loginAs(filler, server.url, 'anju-summary', 'filler-password-2');
    const titles = new Set<string>();
    for (const path of ['/users', '/frameworks', '/summary']) {
      await filler.goto(`${server.url}${path}`);
      await filler.getByText('没有权限').waitFor();
      // The admin's forms are not there to fill in and fail.
      expect(await filler.getByRole('button', { name: /新建|上传/ }).count()).toBe(0);
      titles.add(await filler.title());
    }
    await shot(filler, 'summary-06-no-permission');
    expect(titles.size).toBe(3);
    expect([...titles].every((t) => t.endsWith(' - 预算绩效自评与复核'))).toBe(true);
    for (const path of ['/no-such-page', '/public/abc', '/evaluations/abc']) {
      await filler.goto(`${server.url}${path}`);
      await filler.getByText('页面不存在').first().waitFor();
      expect(await filler.getByRole('button', { name: '重试' }).count()).toBe(0);
    }
    expect(requested.filter((p) => p.includes('NaN'))).toEqual([]);
    await filler.goto(`${server.url}/evaluations`);
    await expect.poll(() => filler.title()).toBe('自评列表 - 预算绩效自评与复核');
    await filler.close();
  });
});
