/// <reference lib="dom" />
// Journey: an operator edits a setting in yuan. On the settings' Shipping page the free-shipping
// threshold reads ¥99.00; the operator types 128.5, confirms the one change (¥99.00 → ¥128.50),
// and after a reload the field still says 128.50 while the server holds 12850 fen. A threshold
// above the allowed maximum is refused on the field with the range (¥0.00 – ¥100,000.00) and
// nothing is saved; the same page reads in Chinese. The threshold is restored afterwards: the
// server is shared with the other journeys.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleSignIn, nav } from './console.ts';
import { onPath, visible } from './storefront.ts';
import { ApiClient, browserTestsEnabled, desktopContext, launchBrowser, screenshot, watchErrors } from './support.ts';

const KEY = 'shipping.freeThresholdAmount';
const threshold = async (op: ApiClient): Promise<number> => (await op.get('/api/v1/admin/settings'))[KEY].value;

/** Saves the open group and confirms the change list, which must show `from` → `to`. */
async function saveAndConfirm(page: Page, saveButton: string, okButton: string, from: string, to: string) {
  await page.getByRole('button', { name: saveButton }).click();
  const dialog = page.getByRole('dialog');
  await expect.poll(() => dialog.isVisible(), { timeout: 20_000 }).toBe(true);
  const row = dialog.getByRole('row').filter({ hasText: to });
  await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(1);
  expect(await row.innerText()).toContain(from);
  await dialog.getByRole('button', { name: okButton, exact: true }).click();
}

describe.runIf(browserTestsEnabled())('settings as forms', () => {
  let browser: Browser;
  let op: ApiClient;
  let original: number;
  beforeAll(async () => {
    browser = await launchBrowser();
    op = await ApiClient.operator();
    original = await threshold(op);
  });
  afterAll(async () => {
    if (op && original !== undefined) await op.request('PUT', `/api/v1/admin/settings/${KEY}`, { value: original });
    await browser?.close();
  });

  it('changes the free-shipping threshold in yuan, keeps it after a reload, and refuses one out of range with the range shown', async () => {
    // Start from the demo's ¥99.00 whatever an earlier run left.
    await op.request('PUT', `/api/v1/admin/settings/${KEY}`, { value: 9900 });
    const context = await desktopContext(browser);
    const c = await context.newPage();
    const errors = watchErrors(c);
    await consoleSignIn(c);
    await nav(c, /^Settings$/);
    await onPath(c, /^\/admin\/settings$/);
    await c.getByRole('tab', { name: 'Shipping' }).click();
    const field = c.getByLabel('Free shipping from');
    await expect.poll(() => field.inputValue(), { timeout: 20_000 }).toBe('99.00');
    await visible(c, 'Orders whose goods total reaches this ship free; 0 turns free shipping off');

    // ¥128.50, typed in yuan, is stored as 12850 fen.
    await field.fill('128.5');
    await saveAndConfirm(c, 'Save Shipping settings', 'Save', '¥99.00', '¥128.50');
    await visible(c, '1 setting saved');
    await expect.poll(() => threshold(op), { timeout: 20_000 }).toBe(12850);
    await c.reload();
    await onPath(c, /^\/admin\/settings$/);
    await expect.poll(() => c.getByLabel('Free shipping from').inputValue(), { timeout: 20_000 }).toBe('128.50');

    // Above the maximum: the field says the range and nothing is sent.
    await c.getByLabel('Free shipping from').fill('100000.01');
    await c.getByRole('button', { name: 'Save Shipping settings' }).click();
    await visible(c, 'Allowed: ¥0.00 – ¥100,000.00');
    expect(await c.getByRole('dialog').count()).toBe(0);
    expect(await threshold(op)).toBe(12850);
    await screenshot(c, 'console-settings-en');
    await c.getByRole('button', { name: 'Undo changes' }).click();
    await expect.poll(() => c.getByLabel('Free shipping from').inputValue(), { timeout: 20_000 }).toBe('128.50');

    // The same page in Chinese: the rate in % on the affiliate page, the threshold's range in yuan.
    await c.getByRole('banner').getByLabel('Language').selectOption('zh-CN');
    await c.getByRole('tab', { name: '分销' }).click();
    await expect.poll(() => c.getByLabel('一级佣金比例').inputValue(), { timeout: 20_000 }).toBe('10.00');
    await c.getByLabel('一级佣金比例').fill('60');
    await c.getByRole('button', { name: '保存分销设置' }).click();
    await visible(c, '允许范围：0% – 50%');
    expect((await op.get('/api/v1/admin/settings'))['affiliate.level1RateBp'].value).toBe(1000);
    await c.getByRole('button', { name: '撤销修改' }).click();
    await c.getByRole('tab', { name: '配送' }).click();
    await expect.poll(() => c.getByLabel('包邮门槛').inputValue(), { timeout: 20_000 }).toBe('128.50');
    await screenshot(c, 'console-settings-zh');

    // Back to ¥99.00 through the form, confirmed in Chinese.
    await c.getByLabel('包邮门槛').fill('99');
    await saveAndConfirm(c, '保存配送设置', '确认保存', '¥128.50', '¥99.00');
    await visible(c, '已保存 1 项设置');
    await expect.poll(() => threshold(op), { timeout: 20_000 }).toBe(9900);
    expect(errors).toEqual([]);
  }, 300_000);
});
