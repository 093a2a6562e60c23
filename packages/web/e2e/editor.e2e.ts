import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, loginAs, shot } from './browser.ts';
import { addAccounts, ensureBuilt, startServer, type TestServer } from './server.ts';

/**
 * 新建与编辑指标 — a 填报人 creates a blank project evaluation from the 财预〔2020〕10号 framework,
 * adds an indicator row, types 指标值/完成值/分值 and sees the rule's score follow, removes a row,
 * saves, reloads and finds the rows as left. Expected scores are worked out by hand from the
 * framework's rules (正向指标: 完成值 ÷ 指标值 × 分值, capped at 分值; 预算执行: 执行率 × 10).
 */
describe('creating an evaluation from a framework and editing its indicator tree', () => {
  let server: TestServer;
  let browser: Browser;
  const filler = { username: 'editor-filler', password: 'editor-password-1' };
  const desktop = { viewport: { width: 1366, height: 768 } };

  beforeAll(async () => {
    const dist = await ensureBuilt();
    server = await startServer(dist);
    browser = await launch();
    await addAccounts(server, '安居', [{ ...filler, displayName: '项目填报员', role: 'filler' }]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** The rule's score shown on an indicator's row. */
  const computedOf = (page: Page, name: string) =>
    page.locator(`tr[data-indicator="${name}"] [data-testid^="computed-"]`).innerText();
  const focusedLabel = (page: Page) =>
    page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');

  it('新建 → add, type, remove, save, reload', async () => {
    const context = await browser.newContext(desktop);
    const page = await context.newPage();
    await loginAs(page, server.url, filler.username, filler.password);

    // 新建自评: 项目支出 under 财预〔2020〕10号 (the project default), a project name, the year.
    await page.getByRole('button', { name: '新建自评' }).click();
    const dialog = page.getByRole('dialog', { name: '新建自评' });
    await dialog.waitFor();
    await expect.poll(() => dialog.getByText('财政部项目支出绩效自评（财预〔2020〕10号）').count()).toBe(1);
    await dialog.getByLabel('年度').fill('2025');
    await dialog.getByLabel('项目名称').fill('法律援助办案补贴');
    await page.waitForTimeout(400); // the dialog's opening animation
    await shot(page, 'e01-new-evaluation', false);
    await dialog.getByRole('button', { name: '新建并填写' }).click();
    await page.waitForURL(/\/evaluations\/\d+$/);
    const url = page.url();
    await page.getByTestId('computed-total').waitFor();
    await page.getByRole('heading', { name: '2025年度项目支出绩效自评表' }).waitFor();

    // The blank: 产出 50 / 效益 30 / 满意度 10 (the framework's 一级 weights), one empty row each.
    const rows = page.locator('tbody tr[data-indicator]');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await page.getByLabel('第1行 分值').inputValue()).toBe('50');
    expect(await page.getByLabel('第2行 分值').inputValue()).toBe('30');
    expect(await page.getByLabel('第3行 分值').inputValue()).toBe('10');
    await shot(page, 'e02-blank');

    // 预算执行: 全年预算 100, 执行 100 → 执行率 100% × 10 = 10 points.
    await page.getByRole('tab', { name: /预算执行/ }).click();
    await page.getByLabel('年度资金总额 年初预算数').fill('100.00');
    await page.keyboard.press('Tab');
    expect(await focusedLabel(page)).toBe('年度资金总额 全年预算数');
    await page.keyboard.type('100.00');
    await page.keyboard.press('Tab');
    await page.keyboard.type('100.00');
    await page.keyboard.press('Enter'); // confirms and moves down the 执行数 column
    expect(await focusedLabel(page)).toBe('财政拨款 全年执行数');
    await shot(page, 'e03-budget', false);
    await page.getByRole('tab', { name: /绩效指标/ }).click();

    // Add a row under 产出 / 数量指标: ≥ 100 人次, 分值 20; Enter in the form adds it.
    await page.getByRole('button', { name: '添加指标', exact: true }).click();
    const add = page.getByRole('dialog', { name: '添加指标' });
    await add.waitFor();
    await expect.poll(() => focusedLabel(page)).toBe('一级指标');
    expect(await add.getByLabel('一级指标').inputValue()).toBe('产出指标');
    await add.getByLabel('二级指标').fill('数量指标');
    await add.getByLabel('三级指标').fill('办案补贴发放人次');
    await add.getByLabel('指标值').fill('100');
    await add.getByLabel('度量单位').fill('人次');
    await add.getByLabel('分值').fill('20');
    await shot(page, 'e04-add-dialog', false);
    await add.getByLabel('分值').press('Enter');
    await add.waitFor({ state: 'hidden' });
    await shot(page, 'e04b-added');
    await expect.poll(() => rows.count()).toBe(4);
    // The new row sits in its 一级 group and the cursor waits in its 完成值.
    await expect.poll(() => focusedLabel(page)).toBe('办案补贴发放人次 完成值');
    await page.keyboard.type('80');
    // 80 ÷ 100 × 20 = 16
    await expect.poll(() => computedOf(page, '办案补贴发放人次')).toBe('16.00');
    await page.keyboard.press('Tab'); // Tab moves on to the row's 分值
    expect(await focusedLabel(page)).toBe('办案补贴发放人次 分值');
    await page.keyboard.press('Control+a');
    await page.keyboard.type('10');
    // 80 ÷ 100 × 10 = 8
    await expect.poll(() => computedOf(page, '办案补贴发放人次')).toBe('8.00');
    await shot(page, 'e05-row-scored');
    // Hovering the rule's score shows its 算式 and each step, as `jixiao score` prints them.
    await page.locator('tr[data-indicator="办案补贴发放人次"] [data-testid^="computed-"]').hover();
    const steps = page.locator('.ant-tooltip:visible [data-testid="formula-steps"]');
    await expect.poll(() => steps.innerText()).toContain('算式：80 ÷ 100 × 10 = 8');
    expect(await steps.innerText()).toContain('完成值 ≥ 指标值：80 ≥ 100 → 不成立');
    expect(await steps.innerText()).toContain('完成值 ÷ 指标值 × 分值：80 ÷ 100 × 10 → 8');
    await shot(page, 'e05b-formula-steps', false);
    await page.mouse.move(0, 0);

    // Remove the empty 产出 starter row, with a confirmation.
    await page.getByRole('button', { name: '删除 第1行' }).click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /删\s*除/ })
      .click();
    await expect.poll(() => rows.count()).toBe(3);
    await expect.poll(() => page.getByLabel('第1行 分值').count()).toBe(0);

    // Fill the 效益 and 满意度 starter rows in place: name, 性质 (keyboard), 指标值, 完成值.
    await page.getByLabel('第2行 三级指标').fill('案件按期办结率');
    const direction = page.getByRole('combobox', { name: '案件按期办结率 指标性质' });
    await direction.focus();
    await page.keyboard.press('Enter');
    await page.locator('.ant-select-dropdown:visible').waitFor();
    await page.keyboard.press('Enter'); // the first option, ≥ 正向
    await expect
      .poll(() => page.locator('tr[data-indicator="案件按期办结率"] .ant-select-selection-item').innerText())
      .toBe('≥ 正向');
    await page.getByLabel('案件按期办结率 指标值').fill('95%');
    await page.getByLabel('案件按期办结率 完成值').fill('97%');
    // Met: full 分值 30.
    await expect.poll(() => computedOf(page, '案件按期办结率')).toBe('30.00');
    await page.getByLabel('第3行 三级指标').fill('受援人满意度');
    await page.getByRole('combobox', { name: '受援人满意度 指标性质' }).click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('≥ 正向').click();
    await page.getByLabel('受援人满意度 指标值').fill('90%');
    await page.getByLabel('受援人满意度 完成值').fill('96%');
    await expect.poll(() => computedOf(page, '受援人满意度')).toBe('10.00');

    // 分值 now add up to 10 + 10 + 30 + 10 = 60, not 100: the weights finding is there while typing…
    const total = page.getByTestId('computed-total');
    await expect.poll(() => total.innerText()).toContain('58'); // 10 + 8 + 30 + 10
    await expect.poll(() => page.getByText('分值设置不符合评分框架').count()).toBeGreaterThan(0);
    await shot(page, 'e06-weights-invalid');
    // …and gone once 分值 50 makes them 100; 80 ÷ 100 × 50 = 40, total 10 + 40 + 30 + 10 = 90.
    await page.getByLabel('办案补贴发放人次 分值').fill('50');
    await expect.poll(() => computedOf(page, '办案补贴发放人次')).toBe('40.00');
    await expect.poll(() => page.getByText('分值设置不符合评分框架').count()).toBe(0);
    await expect.poll(() => total.innerText()).toContain('90');
    await expect
      .poll(() => page.getByTestId('indicator-weight-sum').innerText())
      .toBe('指标分值合计 90.00，应为 90.00');
    await shot(page, 'e07-edited');

    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText(/已保存（第 2 版）/).waitFor();

    // Reload: the rows are as left, the removed one gone, the scores the same.
    await page.goto(url);
    await page.getByTestId('computed-total').waitFor();
    await expect.poll(() => rows.count()).toBe(3);
    expect(
      await page
        .locator('tbody tr[data-indicator]')
        .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-indicator'))),
    ).toEqual(['办案补贴发放人次', '案件按期办结率', '受援人满意度']);
    expect(await page.getByLabel('办案补贴发放人次 指标值').inputValue()).toBe('100');
    expect(await page.getByLabel('办案补贴发放人次 完成值').inputValue()).toBe('80');
    expect(await page.getByLabel('办案补贴发放人次 分值').inputValue()).toBe('50');
    expect(await page.getByLabel('产出指标 数量指标 二级指标').inputValue()).toBe('数量指标');
    await expect.poll(() => computedOf(page, '办案补贴发放人次')).toBe('40.00');
    await expect.poll(() => page.getByTestId('computed-total').innerText()).toContain('90');
    // The server scored the saved evaluation as the browser did.
    expect(await page.getByText('浏览器内的计分与服务器不一致').count()).toBe(0);
    await shot(page, 'e08-reloaded');
    await page.getByRole('tab', { name: /预算执行/ }).click();
    expect(await page.getByLabel('年度资金总额 全年执行数').inputValue()).toBe('100.00');
    await context.close();
  });

  it('a 部门整体 criteria framework starts with its fixed criteria and their 计分数据', async () => {
    const context = await browser.newContext(desktop);
    const page = await context.newPage();
    await loginAs(page, server.url, filler.username, filler.password);
    await page.getByRole('button', { name: '新建自评' }).click();
    const dialog = page.getByRole('dialog', { name: '新建自评' });
    await dialog.getByText('部门整体支出', { exact: true }).click();
    await dialog.getByLabel('评分框架').first().click(); // the Select's box; its input sits under the chosen label
    await page
      .locator('.ant-select-dropdown:visible')
      .getByText(/遂宁市区级部门整体支出/)
      .click();
    await expect.poll(() => dialog.getByText(/12 项固定的三级指标/).count()).toBe(1);
    await shot(page, 'e09-new-department', false);
    await dialog.getByRole('button', { name: '新建并填写' }).click();
    await page.waitForURL(/\/evaluations\/\d+$/);
    await page.getByTestId('computed-total').waitFor();
    await expect.poll(() => page.locator('tbody tr[data-indicator]').count()).toBe(12);
    await shot(page, 'e10-department-blank');
    // 违规记录: 2 problems × 0.5 off 10 = 9.
    await page.getByRole('tab', { name: /计分数据/ }).click();
    await page.getByLabel('违规问题个数').fill('2');
    await page.getByRole('tab', { name: /绩效指标/ }).click();
    await expect.poll(() => computedOf(page, '违规记录')).toBe('9.00');
    await context.close();
  });

  it('粘贴 — a block copied from Excel fills the indicator rows and adds one for the line past the end', async () => {
    const context = await browser.newContext(desktop);
    const page = await context.newPage();
    await loginAs(page, server.url, filler.username, filler.password);
    await page.getByRole('button', { name: '新建自评' }).click();
    const dialog = page.getByRole('dialog', { name: '新建自评' });
    await dialog.getByLabel('年度').fill('2025');
    await dialog.getByLabel('项目名称').fill('法律援助值班律师补贴');
    await dialog.getByRole('button', { name: '新建并填写' }).click();
    await page.waitForURL(/\/evaluations\/\d+$/);
    await page.getByTestId('computed-total').waitFor();
    // Excel's clipboard: tabs between cells, CRLF between rows, from 三级指标 to 自评得分.
    const block = [
      ['值班律师服务人次', '正向', '100', '人次', '80', '50', '40'],
      ['案件按期办结率', '正向', '95%', '', '97%', '30', '30'],
      ['受援人满意度', '正向', '90%', '', '96%', '10', '10'],
      ['投诉办结率', '正向', '100%', '', '100%', '0', '0'],
    ]
      .map((r) => r.join('\t'))
      .join('\r\n');
    await page.getByLabel('第1行 三级指标').evaluate((el, text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, block);
    await page.getByText('已粘贴 28 格，新增 1 行').waitFor();
    const rows = page.locator('tbody tr[data-indicator]');
    await expect.poll(() => rows.count()).toBe(4);
    // 80 ÷ 100 × 50 = 40; the others met their targets: full 分值.
    await expect.poll(() => computedOf(page, '值班律师服务人次')).toBe('40.00');
    await expect.poll(() => computedOf(page, '案件按期办结率')).toBe('30.00');
    await expect.poll(() => computedOf(page, '受援人满意度')).toBe('10.00');
    expect(await page.getByLabel('值班律师服务人次 完成值').inputValue()).toBe('80');
    expect(await page.getByLabel('受援人满意度 自评得分').inputValue()).toBe('10');
    await expect
      .poll(() => page.locator('tr[data-indicator="案件按期办结率"] .ant-select-selection-item').innerText())
      .toBe('≥ 正向');
    // The added row sits under the last row's 一级 (满意度指标).
    expect(
      await page
        .locator('tr[data-indicator="投诉办结率"]')
        .evaluate((tr) => tr.previousElementSibling?.getAttribute('data-indicator')),
    ).toBe('受援人满意度');
    await shot(page, 'e11-pasted');
    await context.close();
  });
});
