import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, loginAs, shot } from './browser.ts';
import { addAccounts, ensureBuilt, startServer, type TestServer } from './server.ts';

/**
 * 从空白到提交 — a 填报人 creates a 项目支出 evaluation from blank (财预〔2020〕10号), cannot submit it
 * while the form's required fields are blank, types the budget, the indicator rows with their 得分, the
 * 年度总体目标 and its 实际完成情况 and the 评价结论; the 自评得分 totals itself from the rows (9.5 + 50 +
 * 30 + 10 = 99.5: 执行率 95% × 10, every target met); submits. The reviewer reads the typed 评价结论, finds
 * 审核通过 waiting for a 复核得分, and is asked to confirm 退回.
 */
describe('a 填报人 finishes an evaluation from a blank form', () => {
  let server: TestServer;
  let browser: Browser;
  let url = '';
  const filler = { username: 'finish-filler', password: 'finish-password-1' };
  const reviewer = { username: 'finish-reviewer', password: 'finish-password-2' };
  const wide = { viewport: { width: 1440, height: 900 } };
  const conclusion = '自评得分 99.5 分，评价等级为优：各项指标均已完成，资金执行率 95%。';

  beforeAll(async () => {
    const dist = await ensureBuilt();
    server = await startServer(dist);
    browser = await launch();
    await addAccounts(server, '安居', [
      { ...filler, displayName: '法援填报员', role: 'filler' },
      { ...reviewer, displayName: '安居区审核员', role: 'reviewer' },
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Types an indicator row: name, 正向, 指标值, 完成值, 自评得分. */
  async function row(
    page: Page,
    place: string,
    name: string,
    target: string,
    actual: string,
    points: string,
  ) {
    await page.getByLabel(`${place} 三级指标`).fill(name);
    await page.getByRole('combobox', { name: `${name} 指标性质` }).click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('≥ 正向').click();
    await page.getByLabel(`${name} 指标值`).fill(target);
    await page.getByLabel(`${name} 完成值`).fill(actual);
    await page.getByLabel(`${name} 自评得分`).fill(points);
  }

  it('cannot submit blank, fills every section, sees the total, submits', async () => {
    const context = await browser.newContext(wide);
    const page = await context.newPage();
    await loginAs(page, server.url, filler.username, filler.password);
    await page.getByRole('button', { name: '新建自评' }).click();
    const create = page.getByRole('dialog', { name: '新建自评' });
    await expect.poll(() => create.getByText('财政部项目支出绩效自评（财预〔2020〕10号）').count()).toBe(1);
    await create.getByLabel('年度').fill('2025');
    await create.getByLabel('项目名称').fill('法律援助办案补贴');
    await create.getByRole('button', { name: '新建并填写' }).click();
    await page.waitForURL(/\/evaluations\/\d+$/);
    url = page.url();
    await page.getByTestId('computed-total').waitFor();

    // Blank: the 必填项 findings are errors; the dialog wants them dealt with before 提交.
    await expect
      .poll(() => page.getByText('年度总体目标未填写。请在「目标与问题」中填写。').count())
      .toBeGreaterThan(0);
    expect(await page.getByTestId('stated-total').innerText()).toContain('—');
    await page.getByRole('button', { name: '提交审核' }).click();
    const submit = page.getByRole('dialog').filter({ hasText: '提交自评' });
    await submit.waitFor();
    expect(await submit.getByText('没有未处理的错误').count()).toBe(0);
    await submit.getByText('4 项未填写得分：年度资金总额、第 1 个指标、第 2 个指标、第 3 个指标。').waitFor();
    expect(await submit.getByRole('button', { name: /提\s*交/ }).isDisabled()).toBe(true);
    await page.waitForTimeout(400);
    await shot(page, 'f01-blank-submit', false);
    await submit.getByRole('button', { name: /取\s*消/ }).click();
    await submit.waitFor({ state: 'hidden' });

    // 预算执行: 全年预算 100, 执行 95 → 95% × 10 = 9.5, typed as the line's 得分.
    await page.getByRole('tab', { name: /预算执行/ }).click();
    await page.getByLabel('年度资金总额 年初预算数').fill('100.00');
    await page.getByLabel('年度资金总额 全年预算数').fill('100.00');
    await page.getByLabel('年度资金总额 全年执行数').fill('95.00');
    await page.getByLabel('财政拨款 全年预算数').fill('100.00');
    await page.getByLabel('财政拨款 全年执行数').fill('95.00');
    await page.getByLabel('年度资金总额 得分').fill('9.5');

    // Indicators: every target met, each at its full 分值.
    await page.getByRole('tab', { name: /绩效指标/ }).click();
    await row(page, '第1行', '办案补贴发放人次', '≥100人次', '100人次', '50');
    await row(page, '第2行', '案件按期办结率', '≥95%', '97%', '30');
    expect(await page.getByTestId('stated-total').innerText()).toContain('—');
    await row(page, '第3行', '受援人满意度', '≥90%', '96%', '10');
    // The last 得分 typed: the 自评得分 is the rows' total, equal to the rule's.
    await expect.poll(() => page.getByTestId('stated-total').innerText()).toContain('99.5');
    await expect.poll(() => page.getByTestId('computed-total').innerText()).toContain('99.5');
    expect(await page.getByTestId('total-difference').count()).toBe(0);

    // An override shows as a stated difference, and clearing it returns to the rows' total.
    await page.getByLabel('改写自评得分').fill('100');
    await expect
      .poll(() => page.getByTestId('total-difference').innerText())
      .toBe('填报 100.00 分，各项得分合计 99.50 分，相差 0.50 分');
    await shot(page, 'f02-override');
    await page.getByLabel('改写自评得分').fill('');
    await expect.poll(() => page.getByTestId('total-difference').count()).toBe(0);
    await expect.poll(() => page.getByTestId('stated-total').innerText()).toContain('99.5');

    // 目标与问题: the prose of the form, typed.
    await page.getByRole('tab', { name: '目标与问题' }).click();
    await page
      .getByLabel('年度总体目标')
      .fill('全年为困难群众办理法律援助案件 100 件以上，按期办结率不低于 95%。');
    await page
      .getByLabel('实际完成情况')
      .fill('全年办理法律援助案件 100 件，按期办结率 97%，受援人满意度 96%。');
    await page.getByLabel('存在问题').fill('无');
    await page.getByLabel('改进措施').fill('继续规范办案补贴发放流程。');
    await page.getByLabel('评价结论').fill(conclusion);
    await page.getByLabel('结果应用').fill('自评结果作为 2026 年预算安排的依据。');
    // The form's signature lines, printed under the 自评表 and in the report.
    await page.getByLabel('填报人', { exact: true }).fill('张三');
    await page.getByLabel('联系电话', { exact: true }).fill('0371-1234567');
    // Nothing required is left blank: no 必填项 finding remains.
    await expect.poll(() => page.locator('#findings').getByText('必填项未填写').count()).toBe(0);
    await shot(page, 'f03-goals');

    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText(/已保存（第 2 版）/).waitFor();
    // Saved with the revision: a reload shows what was typed.
    await page.goto(url);
    await page.getByRole('tab', { name: '目标与问题' }).click();
    expect(await page.getByLabel('评价结论').inputValue()).toBe(conclusion);
    expect(await page.getByLabel('填报人', { exact: true }).inputValue()).toBe('张三');
    await expect.poll(() => page.getByTestId('stated-total').innerText()).toContain('99.5');

    await page.getByRole('button', { name: '提交审核' }).click();
    await submit.waitFor();
    await submit.getByText('没有未处理的错误').waitFor();
    await submit.getByRole('button', { name: /提\s*交/ }).click();
    await page.getByText('已提交，等待财政部门审核').waitFor();
    await context.close();
  });

  it('the reviewer reads the conclusion, must score before 审核通过, and confirms 退回', async () => {
    const context = await browser.newContext(wide);
    const page = await context.newPage();
    await loginAs(page, server.url, reviewer.username, reviewer.password);
    await page.goto(url);
    await page.getByTestId('computed-total').waitFor();
    await page.getByRole('tab', { name: '目标与问题' }).click();
    await expect.poll(() => page.getByTestId('narrative-conclusion').innerText()).toBe(conclusion);
    expect(await page.getByTestId('narrative-phone').innerText()).toBe('0371-1234567');

    // 审核通过 waits for a 复核得分 or the tick 与自评一致.
    const accept = page.getByRole('button', { name: '审核通过' });
    expect(await accept.isDisabled()).toBe(true);
    await page.getByText('与自评一致', { exact: true }).click();
    expect(await accept.isDisabled()).toBe(false);

    // 退回 asks first; 取消 leaves it submitted.
    await page.getByLabel('复核意见').fill('请补充办案补贴的发放名单');
    await page.getByRole('button', { name: /退\s*回/ }).click();
    await page.getByText('退回这份自评？').waitFor();
    await shot(page, 'f04-confirm-return');
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /取\s*消/ })
      .click();
    await page.waitForTimeout(300);
    expect(await page.locator('.ant-tag', { hasText: '已提交' }).count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: /退\s*回/ }).click();
    await page.getByRole('button', { name: '确认退回' }).click();
    await page.getByText('退回成功').waitFor();
    await page.locator('.ant-tag', { hasText: '退回' }).first().waitFor();
    await shot(page, 'f05-returned');
    await context.close();
  });
});
