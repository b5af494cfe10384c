/// <reference lib="dom" />
// Launch review: a group buy starts only through its review (the rules shoppers read, the cost
// ceiling, the card, what locks, the server's checks), then goes live; one whose start is later
// is scheduled and reads 未开始 / Scheduled, never 进行中 / Active.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleSignIn } from './console.ts';
import { until } from './storefront.ts';
import { ApiClient, browserTestsEnabled, createProduct, desktopContext, launchBrowser, screenshot, watchErrors } from './support.ts';

async function groupbuyDraft(op: ApiClient, title: string, window: { startsAt?: string; endsAt?: string } = {}) {
  const { skuId } = await createProduct(op, { title, price: 9_900, stock: 50 });
  const c = await op.post('/api/v1/admin/groupbuy/campaigns', { name: title, skuId, groupPrice: 5_900, teamSize: 2, stock: 20, expiryHours: 24, ...window });
  return c.id as string;
}

const badge = (page: Page) => page.locator('.cc-status').first();

describe.runIf(browserTestsEnabled())('launching a campaign through its review', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('steps through the review and confirms: the group buy goes live', async () => {
    const op = await ApiClient.operator();
    const name = `E2E review team ${Date.now().toString(36)}`;
    const id = await groupbuyDraft(op, name);
    const context = await desktopContext(browser);
    const c = await context.newPage();
    const errors = watchErrors(c);
    await consoleSignIn(c);
    await c.goto(`/admin/campaigns/groupbuy/${id}`);
    await c.getByRole('button', { name: 'Start', exact: true }).click();
    const review = c.getByRole('dialog');
    await until(c, 'the rules step', () => review.getByText('Teams of 2 buy at ¥59.00').isVisible());
    expect(await review.getByText('It goes live as soon as you confirm').isVisible()).toBe(true);
    await review.getByRole('button', { name: 'Next' }).click();
    await until(c, 'the cost step', () => review.getByText('At most').isVisible());
    await review.getByRole('button', { name: 'Next' }).click();
    expect(await review.getByTestId('launch-review-card').innerText()).toContain(name);
    await review.getByRole('button', { name: 'Next' }).click();
    await until(c, 'the locks step', () => review.getByText('Start and end times').isVisible());
    await review.getByRole('button', { name: 'Next' }).click();
    await until(c, 'the checks step', () => review.getByTestId('compliance-findings').isVisible());
    await screenshot(c, 'console-launch-review-en');
    // Nothing changed while reviewing.
    expect((await op.get(`/api/v1/admin/campaigns/${id}`)).status).toBe('draft');
    await review.getByRole('button', { name: 'Confirm and start' }).click();
    await until(c, 'live', async () => (await badge(c).innerText()) === 'Active');
    expect((await op.get(`/api/v1/admin/campaigns/${id}`)).status).toBe('live');
    expect(errors).toEqual([]);
  });

  it('a later start is scheduled and reads 未开始, in the detail and the list', async () => {
    const op = await ApiClient.operator();
    const name = `E2E 预约拼团 ${Date.now().toString(36)}`;
    const id = await groupbuyDraft(op, name, { startsAt: new Date(Date.now() + 2 * 86_400_000).toISOString(), endsAt: new Date(Date.now() + 5 * 86_400_000).toISOString() });
    const context = await desktopContext(browser, 'zh-CN');
    const c = await context.newPage();
    await consoleSignIn(c);
    await c.goto(`/admin/campaigns/groupbuy/${id}`);
    await c.getByRole('button', { name: '开始', exact: true }).click();
    const review = c.getByRole('dialog');
    await until(c, 'the review', () => review.getByText('确认后活动先显示为“未开始”', { exact: false }).isVisible());
    await screenshot(c, 'console-launch-review-zh');
    for (let i = 0; i < 4; i++) await review.getByRole('button', { name: '下一步' }).click();
    await review.getByRole('button', { name: '确认发布（到点开始）' }).click();
    await until(c, 'scheduled', async () => (await badge(c).innerText()) === '未开始');
    expect((await op.get(`/api/v1/admin/campaigns/${id}`)).status).toBe('scheduled');
    await c.goto('/admin/campaigns/groupbuy');
    const row = c.getByRole('row').filter({ hasText: name });
    await until(c, 'listed as not started', async () => (await row.locator('.cc-status').innerText()) === '未开始');
  });
});
