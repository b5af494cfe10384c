/// <reference lib="dom" />
// Journey: a shopper who paid for an order shows it off (晒单) from the order list with a photo
// and a #topic; the note page tags the product and opens the share sheet (share target `note`);
// the note is in the Community tab and on its topic page; the shopper applies for KOL
// verification, an operator verifies them in the console, and their KOL page carries the badge.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleSignIn } from './console.ts';
import { onPath, signUp, visible } from './storefront.ts';
import { addAddress, ApiClient, browserTestsEnabled, createProduct, desktopContext, launchBrowser, PASSWORD, payOrder, phoneContext, screenshot, watchErrors } from './support.ts';

// A 2×2 orange PNG: real image bytes for the upload.
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000002000000020802000000fdd49a730000001249444154789c63f89fc6f03f8d81014201002b16059569fb1f2a0000000049454e44ae426082', 'hex');

describe.runIf(browserTestsEnabled())('notes, the feed and KOL pages', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('a buyer posts a 晒单 from an order, shares it, finds it in the feed, and becomes a verified KOL', async () => {
    const op = await ApiClient.operator();
    const run = Date.now().toString(36);
    const productTitle = `晒单测试面霜 ${run}`;
    const { skuId } = await createProduct(op, { title: productTitle, price: 8900, stock: 20 });

    const context = await phoneContext(browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    const name = `Blogger ${run}`;
    const email = await signUp(page, name);
    const shopper = await ApiClient.login(email, PASSWORD);
    const addressId = await addAddress(shopper);
    const order = await shopper.post('/api/v1/orders', { items: [{ skuId, quantity: 1 }], addressId }, { 'idempotency-key': crypto.randomUUID() });
    await payOrder(shopper, order.id);
    await expect.poll(async () => (await shopper.get(`/api/v1/orders/${order.id}`)).status, { timeout: 20_000 }).not.toBe('pending_payment');

    await page.goto('/orders');
    await page.getByTestId('show-order').first().click();
    await onPath(page, /^\/notes\/new$/);
    await visible(page, 'The products of this order are tagged for you');
    const title = `回购第三次 ${run}`;
    const topic = `e2e${run}`;
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('Text', { exact: true }).fill(`冬天用刚好，不油腻 #${topic}`);
    await page.locator('input[type=file]').setInputFiles({ name: 'cream.png', mimeType: 'image/png', buffer: PNG });
    await expect.poll(() => page.locator('.cm-thumbs img').count(), { timeout: 20_000 }).toBe(1);
    await page.getByRole('button', { name: 'Publish' }).click();
    await onPath(page, /^\/notes\/[0-9a-f-]{36}$/);
    const noteId = new URL(page.url()).pathname.split('/').pop()!;
    await visible(page, title);
    await visible(page, productTitle);
    await visible(page, 'Haul');
    await screenshot(page, 'storefront-note', true);

    await page.getByRole('button', { name: 'Share', exact: true }).click();
    await expect.poll(() => page.getByTestId('share-link').inputValue(), { timeout: 20_000 }).toMatch(/\/s\/[0-9A-Za-z]+$/);
    await page.keyboard.press('Escape');

    await page.getByRole('link', { name: 'Community' }).click();
    await onPath(page, /^\/feed$/);
    await visible(page, title);
    await page.goto(`/topics/${topic}`);
    await visible(page, title);

    await page.goto(`/notes/${noteId}`);
    await page.getByRole('link', { name: new RegExp(name) }).first().click();
    await onPath(page, /^\/people\//);
    const userId = new URL(page.url()).pathname.split('/').pop()!;
    await page.getByLabel('Apply for KOL verification').fill('专注冬季护肤测评');
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await visible(page, 'KOL verification under review');

    const desk = await desktopContext(browser);
    const c = await desk.newPage();
    await consoleSignIn(c);
    await c.goto('/admin/community/kols?status=applied');
    const row = c.getByRole('row').filter({ hasText: name });
    await row.getByRole('button', { name: 'Verify' }).click();
    await c.getByRole('dialog').getByRole('button', { name: 'Verify' }).click();
    await expect.poll(async () => (await shopper.get(`/api/v1/community/people/${userId}`)).kol?.status, { timeout: 20_000 }).toBe('verified');
    await screenshot(c, 'console-kols', true);
    await desk.close();

    await page.goto(`/people/${userId}`);
    await onPath(page, new RegExp(`^/kol/${userId}$`));
    await visible(page, 'Verified KOL');
    await expect.poll(() => page.getByTestId('kol-sales').isVisible(), { timeout: 20_000 }).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });
});
