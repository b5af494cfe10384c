/// <reference lib="dom" />
// Journey: an operator recomputes the customer profiles, builds a segment in the console (a tag
// condition, with its live count), sends it a coupon, and watches the dispatch report; a shopper in
// the segment (who allows marketing) sees the unread badge on 我的, the message in the message
// centre, and the coupon in their wallet.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cell, consoleSignIn, nav } from './console.ts';
import { onPath, signUp, until, visible } from './storefront.ts';
import { ApiClient, browserTestsEnabled, desktopContext, launchBrowser, PASSWORD, phoneContext, screenshot, watchErrors } from './support.ts';

describe.runIf(browserTestsEnabled())('a segment from the console to a shopper’s message centre', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('the operator builds a segment and sends it a coupon; a shopper in it sees the message and the coupon', async () => {
    const op = await ApiClient.operator();
    const run = Date.now().toString(36);
    const tag = `e2e${run}`;
    const couponName = `E2E 回馈券 ${run}`;
    const title = `送你一张券 ${run}`;

    // The shopper signs up on a phone and allows marketing messages.
    const context = await phoneContext(browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    const email = await signUp(page, 'Mei');
    const shopper = await ApiClient.login(email, PASSWORD);
    const me = await shopper.get('/api/v1/me');
    await shopper.request('PUT', '/api/v1/me/privacy/consents/marketing', { granted: true });

    // An active coupon to send.
    const template = await op.post('/api/v1/admin/coupons/templates', { name: couponName, kind: 'fixed', discountAmount: 1000, scope: 'store', validDaysAfterClaim: 7 });
    await op.post(`/api/v1/admin/coupons/templates/${template.id}/activate`);

    // Operator, in the console: recompute the profiles, tag the shopper, build the segment.
    const consoleContext = await desktopContext(browser);
    const c = await consoleContext.newPage();
    errors.push(...watchErrors(c));
    await consoleSignIn(c);
    await nav(c, 'Customer profiles');
    await onPath(c, /^\/admin\/audience\/profiles$/);
    await c.getByRole('button', { name: 'Recompute now' }).click();
    await visible(c, /customers recomputed/, 120_000);
    await visible(c, 'Model fit');
    await screenshot(c, 'console-audience-profiles');
    await op.request('PUT', `/api/v1/admin/audience/profiles/${me.id}/tags`, { tags: [tag] });

    await nav(c, 'Segments');
    await onPath(c, /^\/admin\/audience\/segments$/);
    await c.getByLabel('Field').selectOption('tag');
    await c.getByLabel('Comparison').selectOption('has');
    await c.getByLabel('Value').fill(tag);
    await visible(c, /^1 of \d[\d,]* customers match$/);
    await c.getByLabel('Segment name').fill(`E2E ${run}`);
    await c.getByRole('button', { name: 'Save segment' }).click();
    await visible(c, 'Segment saved');
    await screenshot(c, 'console-audience-segments');

    await nav(c, 'Targeted dispatch');
    await onPath(c, /^\/admin\/audience\/dispatch$/);
    await until(c, 'the saved segment offered', async () => (await c.getByLabel('Segment').locator('option').filter({ hasText: `E2E ${run}` }).count()) === 1);
    await c.getByLabel('Segment').selectOption({ label: `E2E ${run} (1)` });
    await c.getByLabel('Kind').selectOption('coupon');
    await until(c, 'the coupon offered', async () => (await c.getByLabel('Coupon', { exact: true }).locator('option').filter({ hasText: couponName }).count()) === 1);
    await c.getByLabel('Coupon', { exact: true }).selectOption({ label: couponName });
    await c.getByLabel('Title').fill(title);
    await c.getByLabel('Message').fill('感谢支持，¥10 券已放入你的卡包');
    await c.getByRole('button', { name: 'Send', exact: true }).click();
    const table = c.getByRole('table');
    const row = table.getByRole('row').filter({ hasText: title });
    await until(c, 'the dispatch delivered', async () => (await row.count()) === 1 && (await cell(table, row, 'Delivered')) === '1', 60_000);
    expect(await cell(table, row, 'Targeted')).toBe('1');
    expect(await cell(table, row, 'No marketing consent')).toBe('0');
    await screenshot(c, 'console-audience-dispatch');

    // The shopper: an unread badge on 我的, the message with its coupon, the coupon in the wallet.
    await page.goto('/me');
    const link = page.getByRole('link', { name: /Messages/ });
    await until(page, 'the unread badge', () => link.getByText('1', { exact: true }).isVisible());
    await link.click();
    await onPath(page, /^\/me\/messages$/);
    await visible(page, title);
    await visible(page, `Coupon: ${couponName}`);
    await screenshot(page, 'storefront-messages-375', true);
    await page.getByRole('button', { name: 'Mark as read' }).click();
    await until(page, 'marked read', async () => !(await page.getByRole('button', { name: 'Mark as read' }).isVisible()));
    await page.getByRole('link', { name: 'See my coupons' }).click();
    await onPath(page, /^\/coupons$/);
    await visible(page, couponName);

    // The report counts the open.
    const dispatches = await op.get('/api/v1/admin/audience/dispatches');
    const ours = dispatches.items.find((d: { title: string }) => d.title === title);
    expect(ours.report).toMatchObject({ targeted: 1, delivered: 1, opened: 1, skippedNoConsent: 0 });
    expect(errors).toEqual([]);
    await Promise.all([context.close(), consoleContext.close()]);
  });
});
