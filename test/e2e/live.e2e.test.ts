/// <reference lib="dom" />
// Journey: the operator schedules a live session in the console, goes live, pins a product and
// adds a live-only coupon; a viewer in the room (on a phone) sees the coupon appear the moment the
// operator releases it, claims it, chats, and buys the pinned product with it; the session's record
// counts the claim, the order and its GMV.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleSignIn, nav } from './console.ts';
import { onPath, signUp, until, visible } from './storefront.ts';
import { ApiClient, browserTestsEnabled, createProduct, desktopContext, launchBrowser, phoneContext, screenshot, watchErrors } from './support.ts';

describe.runIf(browserTestsEnabled())('a live room from the console to an order', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('a viewer in the live room claims the live coupon the operator releases and buys the pinned product', async () => {
    const op = await ApiClient.operator();
    const run = Date.now().toString(36);
    const productTitle = `E2E live scarf ${run}`;
    const title = `E2E live ${run}`;
    await createProduct(op, { title: productTitle, price: 15_800, stock: 20 });

    // Operator: schedule, go live, pin the product, add a ¥20-off-¥100 live coupon (not released yet).
    const consoleContext = await desktopContext(browser);
    const c = await consoleContext.newPage();
    const errors = watchErrors(c);
    await consoleSignIn(c);
    await nav(c, 'Live sessions');
    await onPath(c, /^\/admin\/live$/);
    await c.getByLabel('Title', { exact: true }).fill(title);
    await c.getByLabel('Search products').fill(productTitle);
    await c.getByRole('checkbox', { name: productTitle }).check();
    await c.getByRole('button', { name: 'Schedule a session' }).click();
    await onPath(c, /^\/admin\/live\/[^/]+$/);
    const sessionId = new URL(c.url()).pathname.split('/')[3];
    await c.getByRole('button', { name: 'Go live' }).click();
    await visible(c, 'Live now');
    await c.getByRole('button', { name: `Pin ${productTitle}` }).click();
    await until(c, 'the product pinned', () => c.getByRole('button', { name: 'Unpin' }).isVisible());
    await c.getByLabel('Coupon name').fill(`Live ¥20 ${run}`);
    await c.getByLabel('Amount off (yuan)').fill('20');
    await c.getByLabel('Minimum spend (yuan, 0 for none)').fill('100');
    await c.getByLabel('Quantity').fill('50');
    await c.getByRole('button', { name: 'Add live coupon' }).click();
    const couponRow = c.locator('li[data-coupon]').filter({ hasText: `Live ¥20 ${run}` });
    await until(c, 'the live coupon listed', () => couponRow.getByRole('button', { name: 'Release' }).isVisible());

    // Viewer: signs up and lands in the room; the pinned product shows, no coupon yet.
    const context = await phoneContext(browser);
    const page = await context.newPage();
    errors.push(...watchErrors(page));
    await page.goto(`/signup?next=/live/${sessionId}`);
    await signUp(page, 'Mei');
    await onPath(page, new RegExp(`^/live/${sessionId}$`));
    await visible(page, title);
    await visible(page, productTitle);
    await expect.poll(() => page.getByTestId('live-price').innerText(), { timeout: 20_000 }).toMatch(/158\.00/);
    expect(await page.getByRole('region', { name: 'Live-only coupon' }).count()).toBe(0);
    await until(page, 'the viewer counted', async () => /[1-9]\d* watching/.test(await page.getByTestId('viewers').innerText()));

    // The operator releases the coupon: it appears in the room without a reload, with the live price.
    await couponRow.getByRole('button', { name: 'Release' }).click();
    const coupon = page.getByRole('region', { name: 'Live-only coupon' });
    await until(page, 'the released coupon in the room', () => coupon.isVisible());
    await expect.poll(() => page.getByTestId('live-price').innerText(), { timeout: 20_000 }).toMatch(/138\.00/);
    await coupon.getByRole('button', { name: 'Claim' }).click();
    await until(page, 'the coupon claimed', () => coupon.getByRole('button', { name: 'Claimed' }).isVisible());

    // Chat reaches the room through moderation and the stream.
    await page.getByLabel('Say something…').fill('有 M 码吗？');
    await page.getByRole('button', { name: 'Send' }).click();
    await until(page, 'the chat line in the room', () => page.getByRole('region', { name: 'Chat' }).getByText('有 M 码吗？').isVisible());
    await screenshot(page, 'storefront-live-room-375', true);

    // Buy the pinned product with the live coupon.
    await page.getByRole('region', { name: 'On now' }).getByRole('button', { name: 'Buy now' }).click();
    await onPath(page, /^\/checkout$/);
    const street = page.getByLabel('Detailed address');
    const addAddress = page.getByRole('button', { name: 'Add an address' });
    await expect.poll(async () => (await street.isVisible()) || (await addAddress.isVisible()), { timeout: 20_000 }).toBe(true).catch(async (err) => {
      await screenshot(page, 'storefront-live-checkout-failed-375', true);
      throw new Error(`${err}\n${errors.join('\n')}`);
    });
    if (!(await street.isVisible())) await addAddress.click();
    await page.getByLabel('Paste to fill').fill('王芳 13600006666 北京市朝阳区建国路 88 号');
    await page.getByRole('button', { name: 'Fill in' }).click();
    await expect.poll(() => street.inputValue(), { timeout: 20_000 }).toBe('建国路 88 号');
    await page.getByRole('button', { name: 'Save and use' }).click();
    const couponSelect = page.getByLabel('Coupon', { exact: true });
    const option = couponSelect.locator('option').filter({ hasText: `Live ¥20 ${run}` });
    await until(page, 'the live coupon offered at checkout', async () => (await option.count()) === 1);
    await couponSelect.selectOption((await option.getAttribute('value'))!);
    await visible(page, 'Coupon discount');
    await page.getByRole('button', { name: 'Place order' }).click();
    await onPath(page, /^\/orders\/[^/]+\/pay$/);
    const orderId = new URL(page.url()).pathname.split('/')[2];
    await page.getByRole('button', { name: 'Pay now' }).click();
    await visible(page, 'Payment successful', 30_000);

    // The record: one claim, the order attributed to the room (event consumers: poll), its GMV.
    const { order } = await op.get(`/api/v1/admin/orders/${orderId}`);
    expect(order.discount).toEqual({ amount: 2_000, currency: 'CNY' });
    await expect.poll(async () => (await op.get(`/api/v1/admin/live/sessions/${sessionId}/record`)).ordersPaid, { timeout: 30_000 }).toBe(1);
    const record = await op.get(`/api/v1/admin/live/sessions/${sessionId}/record`);
    expect(record).toMatchObject({ claims: 1, messages: 1, ordersPlaced: 1, fromRoom: 1, gmvAmount: order.total.amount });
    expect(record.peakViewers).toBeGreaterThanOrEqual(1);
    await visible(c, 'Session record');
    await screenshot(c, 'console-live-session');

    // The journeys share one server: end the session.
    await c.getByRole('button', { name: 'End session' }).click();
    await visible(c, 'Session ended');
    expect(errors).toEqual([]);
    await Promise.all([context.close(), consoleContext.close()]);
  });
});
