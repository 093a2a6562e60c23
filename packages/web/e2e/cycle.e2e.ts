import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, loginAs, shot } from './browser.ts';
import { addAccounts, ensureBuilt, startServer, type TestServer } from './server.ts';

/**
 * The year's cycle around the self-evaluation, in the browser:
 * - 绩效目标: 遂宁市安居区司法局's 填报人 copies 2023's 普法宣传 evaluation (seed 003) into 2024's targets,
 *   is stopped by a blank 指标值, submits; the region's 财政审核人 returns it with a comment, then approves
 *   the corrected table; the 填报人 adjusts one value with a reason, approved again, and creates the
 *   year-end self-evaluation, whose 指标值 are shown beside the approval they came from.
 * - 指标库: the approved targets searchable by their department.
 * - 问题整改: 红河州's reviewer registers a problem of the review with a past deadline; 红河州司法局's 填报人
 *   sees it first as overdue, registers its own, moves the reviewer's on and closes it with its 整改结果.
 */
describe('the year’s cycle in the browser: targets and rectification', () => {
  let server: TestServer;
  let browser: Browser;
  const wide = { viewport: { width: 1440, height: 900 } };
  const anju = {
    filler: { username: 'cycle-filler', password: 'cycle-password-1' },
    reviewer: { username: 'cycle-reviewer', password: 'cycle-password-2' },
  };
  const honghe = {
    filler: { username: 'fix-filler', password: 'cycle-password-3' },
    reviewer: { username: 'fix-reviewer', password: 'cycle-password-4' },
  };

  beforeAll(async () => {
    server = await startServer(await ensureBuilt());
    browser = await launch();
    await addAccounts(server, '安居', [
      { ...anju.filler, displayName: '安居填报员', role: 'filler' },
      { ...anju.reviewer, displayName: '安居审核员', role: 'reviewer' },
    ]);
    await addAccounts(server, '红河', [
      { ...honghe.filler, displayName: '红河填报员', role: 'filler' },
      { ...honghe.reviewer, displayName: '红河审核员', role: 'reviewer' },
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const open = async (account: { username: string; password: string }): Promise<Page> => {
    const page = await (await browser.newContext(wide)).newPage();
    await loginAs(page, server.url, account.username, account.password);
    return page;
  };
  const confirm = (page: Page, name: string) => page.getByRole('button', { name }).click();
  /** Opens an antd Select by its label and picks the option (the selected value covers the input). */
  const pick = async (page: Page, scope: ReturnType<Page['getByRole']>, label: string, option: string) => {
    await scope
      .locator('.ant-select', { has: page.getByLabel(label) })
      .locator('.ant-select-selector')
      .click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option })
      .first()
      .click();
  };
  const status = (page: Page) => page.locator('.ant-card-head-title .ant-tag').first().textContent();

  it('targets: drafted → returned → approved → adjusted and approved → self-evaluation created from them', async () => {
    const filler = await open(anju.filler);
    await filler.getByRole('menuitem', { name: '绩效目标' }).click();
    await filler.getByRole('button', { name: '新建绩效目标' }).click();
    const dialog = filler.getByRole('dialog');
    await dialog.getByRole('spinbutton').fill('2024');
    await dialog.getByLabel('上年（2023 年度）自评').click();
    await filler.locator('.ant-select-item-option', { hasText: '普法宣传' }).click();
    await dialog.getByRole('button', { name: /新\s*建/ }).click();
    await filler.waitForURL(/\/targets\/\d+$/);
    const targetUrl = filler.url();
    await filler.getByText('普法宣传 · 2024 年度绩效目标').waitFor();
    await expect(status(filler)).resolves.toBe('草稿');
    const first = filler.getByLabel('第 1 行 年度指标值');
    const copied = await first.inputValue();
    expect(copied).not.toBe('');
    const name = await filler.getByLabel('第 1 行 三级指标').inputValue();
    // A blank 指标值 is named with its row before anything is sent.
    await first.fill('');
    await filler.getByText(`第 1 行「${name}」：请填写年度指标值`).waitFor();
    await shot(filler, 'targets-draft');
    // Unsaved rows are not lost by a click on the menu.
    await filler.getByRole('menuitem', { name: '问题整改' }).click();
    await filler.locator('.ant-modal-confirm-title', { hasText: '有未保存的修改' }).waitFor();
    await filler.getByRole('button', { name: '留在本页' }).click();
    await expect(first.inputValue()).resolves.toBe('');
    await first.fill(copied);
    await filler.getByRole('button', { name: '提交审核' }).click();
    await confirm(filler, '确认提交');
    await filler.locator('.ant-card-head-title .ant-tag', { hasText: '已提交' }).waitFor();

    const reviewer = await open(anju.reviewer);
    await reviewer.getByRole('menuitem', { name: '绩效目标' }).click();
    await reviewer.getByRole('link', { name: '普法宣传' }).click();
    await reviewer.getByLabel('审核意见').fill('宣传资料发放数应不低于上年，请按今年计划细化');
    await reviewer.getByRole('button', { name: /退\s*回/ }).click();
    await confirm(reviewer, '确认退回');
    await reviewer.locator('.ant-card-head-title .ant-tag', { hasText: '退回' }).waitFor();

    await filler.goto(targetUrl);
    await filler.getByRole('alert').getByText('宣传资料发放数应不低于上年，请按今年计划细化').waitFor();
    await shot(filler, 'targets-returned');
    await filler.getByLabel('第 1 行 年度指标值').fill('≥42000');
    await filler.getByRole('button', { name: '提交审核' }).click();
    await confirm(filler, '确认提交');
    await filler.locator('.ant-card-head-title .ant-tag', { hasText: '已提交' }).waitFor();

    await reviewer.goto(targetUrl);
    await reviewer.getByRole('button', { name: /批\s*复/ }).click();
    await confirm(reviewer, '确认批复');
    await reviewer.locator('.ant-card-head-title .ant-tag', { hasText: '已批复' }).waitFor();

    // An adjustment during the year: a new revision with its reason, the first approval in force meanwhile.
    await filler.goto(targetUrl);
    await filler.getByRole('button', { name: '调整目标' }).click();
    await filler.getByLabel('调整原因').fill('年中预算调减，宣传资料印制相应减少');
    await filler.getByRole('button', { name: '开始调整' }).click();
    await filler.locator('.ant-card-head-title .ant-tag', { hasText: '调整草稿' }).waitFor();
    await filler.getByText('第 1 版', { exact: true }).first().waitFor();
    await filler.getByLabel('第 1 行 年度指标值').fill('≥38000');
    await filler.getByRole('button', { name: '提交审核' }).click();
    await confirm(filler, '确认提交');
    await filler.locator('.ant-card-head-title .ant-tag', { hasText: '调整已提交' }).waitFor();

    await reviewer.goto(targetUrl);
    await reviewer.getByText('年中预算调减，宣传资料印制相应减少').first().waitFor();
    await reviewer.getByRole('button', { name: /批\s*复/ }).click();
    await confirm(reviewer, '确认批复');
    await reviewer.locator('.ant-card-head-title .ant-tag', { hasText: '已批复' }).waitFor();
    await shot(reviewer, 'targets-approved-reviewer');

    await filler.goto(targetUrl);
    await filler.getByRole('button', { name: '生成年度自评' }).click();
    await confirm(filler, '确认生成');
    await filler.waitForURL(/\/evaluations\/\d+$/);
    // The year-end form has the approved rows (4 of seed 003's 普法宣传), 完成值 left to fill.
    await expect.poll(() => filler.locator('tbody tr[data-indicator]').count(), { timeout: 30_000 }).toBe(4);
    // The 自评 page says which approval its 指标值 came from.
    const note = filler.getByTestId('evaluation-target-trace');
    await expect.poll(() => note.innerText(), { timeout: 30_000 }).toContain('第 2 版批复');
    expect(await note.innerText()).toContain('已保存的各项指标值均与批复一致');
    await shot(filler, 'targets-evaluation');

    await filler.goto(targetUrl);
    const trace = filler.getByTestId('target-trace');
    await trace.getByText('指标值来自第 2 版批复').waitFor();
    await trace.getByText('各项指标值均与批复一致').waitFor();
    await expect(trace.getByText('≥38000').count()).resolves.toBe(2);
    await expect(filler.getByRole('button', { name: '生成年度自评' }).count()).resolves.toBe(0);
    await shot(filler, 'targets-trace');
  });

  it('指标库: the approved 2024 targets of the department, searchable', async () => {
    const filler = await open(anju.filler);
    await filler.getByRole('menuitem', { name: '指标库' }).click();
    await filler.getByLabel('检索指标').fill('普法宣传');
    await filler.getByLabel('检索指标').press('Enter');
    const row = filler.locator('tbody tr', { hasText: '≥38000' });
    await row.first().waitFor();
    expect(await row.first().innerText()).toContain('2024');
    await shot(filler, 'indicator-library');
  });

  it('rectification: the review’s overdue item first; the department registers, moves on and closes one', async () => {
    const reviewer = await open(honghe.reviewer);
    await reviewer.getByRole('menuitem', { name: '问题整改' }).click();
    await reviewer.getByRole('button', { name: '登记复核发现的问题' }).click();
    let dialog = reviewer.getByRole('dialog');
    await dialog.getByLabel('所属自评').click();
    await reviewer.locator('.ant-select-item-option', { hasText: '红河州司法局' }).first().click();
    await dialog.getByLabel('存在问题').fill('满意度调查样本数量未说明');
    await dialog.getByLabel('整改措施').fill('补充调查方法和样本');
    await dialog.getByLabel('整改期限').click();
    await dialog.getByLabel('整改期限').fill('2020-01-31');
    await dialog.getByLabel('整改期限').press('Enter');
    await dialog.getByRole('button', { name: /登\s*记/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await reviewer.getByText('满意度调查样本数量未说明').waitFor();

    const filler = await open(honghe.filler);
    await filler.getByRole('menuitem', { name: '问题整改' }).click();
    await filler.getByText('有 1 项整改已逾期未完成').waitFor();
    await filler.getByRole('button', { name: '登记自评发现的问题' }).click();
    dialog = filler.getByRole('dialog');
    // Nothing typed: said on the field, nothing sent.
    await dialog.getByRole('button', { name: /登\s*记/ }).click();
    await dialog.getByText('请选择所属自评').waitFor();
    await dialog.getByText('请填写存在问题').waitFor();
    await dialog.getByLabel('所属自评').click();
    await filler.locator('.ant-select-item-option', { hasText: '红河州司法局' }).first().click();
    await dialog.getByLabel('存在问题').fill('部分项目预算执行率偏低');
    await dialog.getByLabel('责任人或责任单位').fill('财务科');
    await dialog.getByLabel('整改期限').click();
    await dialog.getByLabel('整改期限').fill('2099-06-30');
    await dialog.getByLabel('整改期限').press('Enter');
    await dialog.getByRole('button', { name: /登\s*记/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    const rows = filler.locator('.ant-table-tbody tr.ant-table-row');
    await expect(rows.nth(0).textContent()).resolves.toContain('满意度调查样本数量未说明');
    await expect(rows.nth(0).textContent()).resolves.toContain('逾期');
    await expect(rows.nth(1).textContent()).resolves.toContain('2099-06-30');
    await shot(filler, 'rectifications-filler');

    const overdue = filler.locator('tr', { hasText: '满意度调查样本数量未说明' });
    await overdue.getByRole('button', { name: '更新进度' }).click();
    dialog = filler.getByRole('dialog');
    await pick(filler, dialog, '整改进度', '整改中');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await overdue.getByText('整改中').waitFor();

    await overdue.getByRole('button', { name: '更新进度' }).click();
    await pick(filler, dialog, '整改进度', '已完成');
    await dialog.getByRole('button', { name: '完成整改' }).click();
    await dialog.getByText('整改完成须写明整改结果').waitFor();
    await dialog.getByLabel('整改结果（完成时必填）').fill('已在报告中补充调查方法和 30 份样本');
    await dialog.getByRole('button', { name: '完成整改' }).click();
    await filler.locator('.ant-modal-confirm-title', { hasText: '确认整改已完成？' }).waitFor();
    await shot(filler, 'rectifications-confirm', false);
    await confirm(filler, '确认完成');
    await overdue.getByText('已完成').waitFor();
    await expect(overdue.getByRole('button', { name: '更新进度' }).count()).resolves.toBe(0);
    await expect(filler.getByText('有 1 项整改已逾期未完成').count()).resolves.toBe(0);

    await reviewer.reload();
    const seen = reviewer.locator('tr', { hasText: '满意度调查样本数量未说明' });
    await seen.getByText('已在报告中补充调查方法和 30 份样本').waitFor();
    await expect(reviewer.getByRole('button', { name: '更新进度' }).count()).resolves.toBe(0);
    await shot(reviewer, 'rectifications-reviewer');

    // On a phone the list keeps to the screen: the table scrolls sideways inside it, the page does not.
    const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await loginAs(phone, server.url, honghe.filler.username, honghe.filler.password);
    await phone.goto(`${server.url}/rectifications`);
    await phone.getByText('部分项目预算执行率偏低').waitFor();
    // (The header with the user's name and buttons is wider than a phone on every page: left to the shell.)
    const card = await phone.locator('.ant-card').first().boundingBox();
    expect(card!.x + card!.width).toBeLessThanOrEqual(390);
    await shot(phone, 'rectifications-phone');
  });
});
