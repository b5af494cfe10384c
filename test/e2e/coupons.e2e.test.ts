/// <reference lib="dom" />
// Journey 4: the operator creates a coupon in the console and activates it; a shopper claims it in
// the coupon centre and sees the discount at checkout; the order carries it.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nav, consoleSignIn } from './console.ts';
import { onPath, signUp, until, visible } from './storefront.ts';
import { ApiClient, browserTestsEnabled, createProduct, desktopContext, launchBrowser, phoneContext, screenshot, watchErrors } from './support.ts';

const localInput = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

describe.runIf(browserTestsEnabled())('a coupon from the console to checkout', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('the operator creates and activates ¥20 off ¥100; a shopper claims it and checkout takes ¥20 off', async () => {
    const op = await ApiClient.operator();
    const name = `E2E ¥20 off ${Date.now().toString(36)}`;
    const { productId } = await createProduct(op, { title: `E2E coupon lamp ${Date.now().toString(36)}`, price: 15_800, stock: 10 });

    // Operator, in the console.
    const consoleContext = await desktopContext(browser);
    const c = await consoleContext.newPage();
    const errors = watchErrors(c);
    await consoleSignIn(c);
    await nav(c, 'Coupons');
    await onPath(c, /^\/admin\/campaigns\/coupons$/);
    await c.getByRole('button', { name: 'New coupon' }).first().click();
    await c.getByLabel('Name', { exact: true }).fill(name);
    await c.getByLabel('Amount off (¥)').fill('20');
    await c.getByLabel('Minimum spend (¥)').fill('100');
    await c.getByLabel('Total quantity').fill('100');
    await c.getByLabel('Per-customer limit').fill('1');
    await c.getByLabel('Valid from').fill(localInput(new Date(Date.now() - 3_600_000)));
    await c.getByLabel('Valid until').fill(localInput(new Date(Date.now() + 7 * 86_400_000)));
    await c.getByRole('button', { name: 'Create', exact: true }).click();
    await onPath(c, /^\/admin\/campaigns\/coupons$/);
    const row = c.getByRole('row').filter({ hasText: name });
    await row.getByRole('button', { name: 'Activate' }).click();
    // Activating goes through the launch review: step through it, then confirm.
    const review = c.getByRole('dialog');
    for (let i = 0; i < 4; i++) await review.getByRole('button', { name: 'Next' }).click();
    await review.getByRole('button', { name: 'Confirm and start' }).click();
    await expect.poll(() => row.getByRole('button', { name: 'Pause' }).isVisible(), { timeout: 20_000 }).toBe(true);
    await screenshot(c, 'console-coupons');

    const template = (await op.get('/api/v1/coupons/templates')).items.find((x: { name: string }) => x.name === name);
    expect(template).toBeTruthy();

    // Shopper, on a phone: claim in the coupon centre, then buy the lamp.
    const context = await phoneContext(browser);
    const page = await context.newPage();
    errors.push(...watchErrors(page));
    await page.goto('/signup?next=/coupons');
    await signUp(page, 'Ivan');
    await onPath(page, /^\/coupons$/);
    const coupon = page.getByRole('listitem').filter({ hasText: name }).or(page.getByRole('article').filter({ hasText: name })).first();
    await coupon.getByRole('button', { name: 'Claim' }).click();
    await until(page, 'coupon claimed', () => coupon.getByText('Claimed').first().isVisible());

    await page.goto(`/product/${productId}`);
    await page.getByRole('button', { name: 'Buy now' }).click();
    await onPath(page, /^\/checkout$/);
    // A new shopper has no address: checkout offers the form (or a button that opens it).
    const street = page.getByLabel('Detailed address');
    const addAddress = page.getByRole('button', { name: 'Add an address' });
    await expect.poll(async () => (await street.isVisible()) || (await addAddress.isVisible()), { timeout: 20_000 }).toBe(true);
    if (!(await street.isVisible())) await addAddress.click();
    // One pasted line fills name, phone, region and street (the region picker is for picking by hand).
    await page.getByLabel('Paste to fill').fill('王芳 13600006666 北京市朝阳区建国路 88 号');
    await page.getByRole('button', { name: 'Fill in' }).click();
    await expect.poll(() => street.inputValue(), { timeout: 20_000 }).toBe('建国路 88 号');
    await page.getByRole('button', { name: 'Save and use' }).click();
    const couponSelect = page.getByLabel('Coupon', { exact: true });
    const option = couponSelect.locator('option').filter({ hasText: name });
    await until(page, 'the claimed coupon offered at checkout', async () => (await option.count()) === 1);
    await couponSelect.selectOption((await option.getAttribute('value'))!);
    await visible(page, 'Coupon discount');
    await visible(page, /−\s?CN¥20\.00|-CN¥20\.00|−¥20\.00/);
    await screenshot(page, 'storefront-checkout-coupon-375', true);
    await page.getByRole('button', { name: 'Place order' }).click();
    await onPath(page, /^\/orders\/[^/]+\/pay$/);
    const orderId = new URL(page.url()).pathname.split('/')[2];

    // What the API holds: the order is ¥20 cheaper, by that coupon; the template counts one use.
    const { order } = await op.get(`/api/v1/admin/orders/${orderId}`);
    expect(order.discount).toEqual({ amount: 2_000, currency: 'CNY' });
    expect(order.adjustments).toEqual(expect.arrayContaining([expect.objectContaining({ amount: { amount: -2_000, currency: 'CNY' } })]));
    expect(order.total.amount).toBe(order.goods.amount + order.shipping.amount - 2_000);
    expect(errors).toEqual([]);
    await Promise.all([context.close(), consoleContext.close()]);
  });
});
