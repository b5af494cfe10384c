/// <reference lib="dom" />
// Journey: a shopper who bought a product confirms receipt on the order page, writes a review with
// four stars, text and a photo, and the product page shows it (photo first) with the rating
// summary; the console's review list shows it too, and points for the review were granted once.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleSignIn } from './console.ts';
import { onPath, signUp, visible } from './storefront.ts';
import { addAddress, ApiClient, browserTestsEnabled, createProduct, desktopContext, launchBrowser, PASSWORD, payOrder, phoneContext, screenshot, watchErrors } from './support.ts';

// A 2×2 orange PNG: real image bytes for the upload.
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000002000000020802000000fdd49a730000001249444154789c63f89fc6f03f8d81014201002b16059569fb1f2a0000000049454e44ae426082', 'hex');

describe.runIf(browserTestsEnabled())('a product review from a received order', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('a shopper writes a review with an image after receipt and it shows on the product page', async () => {
    const op = await ApiClient.operator();
    const run = Date.now().toString(36);
    const title = `评价测试保温杯 ${run}`;
    const { productId, skuId } = await createProduct(op, { title, price: 6900, stock: 20 });

    const context = await phoneContext(browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    const email = await signUp(page, `Reviewer ${run}`);
    const shopper = await ApiClient.login(email, PASSWORD);
    const addressId = await addAddress(shopper);
    const order = await shopper.post('/api/v1/orders', { items: [{ skuId, quantity: 1 }], addressId }, { 'idempotency-key': crypto.randomUUID() });
    await payOrder(shopper, order.id);
    await expect.poll(async () => (await shopper.get(`/api/v1/orders/${order.id}`)).status, { timeout: 20_000 }).toBe('to_ship');

    // Before receipt there is nothing to review.
    const early = await shopper.get(`/api/v1/reviews/orders/${order.id}`);
    expect(early.lines[0].reviewable).toBe(false);
    await op.post(`/api/v1/admin/orders/${order.id}/ship`, { carrier: '顺丰', trackingNo: `SF${run}` });

    await page.goto(`/orders/${order.id}`);
    await page.getByRole('button', { name: 'Confirm receipt' }).click();
    const section = page.getByTestId('order-reviews');
    await section.getByRole('button', { name: 'Write a review' }).click();
    const sheet = page.getByRole('dialog');
    await sheet.getByRole('button', { name: '4 stars' }).click();
    const text = `保温效果很好，早上装的热水晚上还是温的 ${run}`;
    await sheet.getByLabel('How was it?').fill(text);
    await sheet.getByLabel('Add photos (up to 9)').setInputFiles({ name: 'cup.png', mimeType: 'image/png', buffer: PNG });
    await expect.poll(() => sheet.getByTestId('review-photos').locator('img').count(), { timeout: 20_000 }).toBe(1);
    await sheet.getByRole('button', { name: 'Post review' }).click();
    await visible(page, 'Review posted');
    await visible(page, 'Reviewed');

    await page.goto(`/product/${productId}`);
    const reviews = page.getByTestId('product-reviews');
    await reviews.scrollIntoViewIfNeeded();
    await expect.poll(() => reviews.getByText(text).isVisible(), { timeout: 20_000 }).toBe(true);
    const item = reviews.locator('[data-review]').first();
    expect(await item.innerText()).toContain(text);
    expect(await item.getByText('Verified purchase').isVisible()).toBe(true);
    const img = item.locator('.rv-images img');
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth), { timeout: 20_000 }).toBe(2);
    expect(await reviews.getByTestId('review-average').innerText()).toBe('4.0');
    expect(await reviews.locator('[data-star="4"]').innerText()).toMatch(/1$/);
    await screenshot(page, 'storefront-product-review', true);

    // Points for the review, once (granted by loyalty from the review.published event).
    await expect.poll(async () => (await shopper.get('/api/v1/me/points')).ledger.items.filter((e: { reason: string }) => e.reason === 'review').length, { timeout: 20_000 }).toBe(1);

    // The operator sees it in the console's review list.
    const desk = await desktopContext(browser);
    const c = await desk.newPage();
    await consoleSignIn(c);
    await c.goto(`/admin/moderation/reviews?productId=${productId}`);
    await onPath(c, /^\/admin\/moderation\/reviews$/);
    await visible(c, text);
    await desk.close();
    expect(errors).toEqual([]);
    await context.close();
  });
});
