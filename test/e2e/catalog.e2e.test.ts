/// <reference lib="dom" />
// Journey: an operator creates a two-SKU product with images in the console. The spec matrix
// (颜色: 红 / 蓝) makes one SKU per colour, each with its own price and stock; two images upload
// into the picture wall; leaving the half-filled form asks first. The product shows in the list
// with stock = the sum of its SKUs'; it is taken off sale in bulk and put back on sale.
import type { Page } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cell, consoleSignIn, nav } from './console.ts';
import { onPath, until, visible } from './storefront.ts';
import { ApiClient, browserTestsEnabled, desktopContext, launchBrowser, screenshot, watchErrors } from './support.ts';

// A 1×1 PNG (the server checks an image's bytes, not just its name).
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f8c9b50000000049454e44ae426082', 'hex');

/** The visible tree node of an open TreeSelect. */
const pickTreeNode = (page: Page, text: string) => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree-title').filter({ hasText: text }).first().click();

describe.runIf(browserTestsEnabled())('the catalog console', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('creates a two-SKU product with images, lists it with its stock, and takes it off and back on sale in bulk', async () => {
    const op = await ApiClient.operator();
    const run = Date.now().toString(36);
    const title = `Two-colour tee ${run}`;
    const category = (await op.get('/api/v1/admin/catalog/categories/tree')).items[0];

    const context = await desktopContext(browser);
    const c = await context.newPage();
    const errors = watchErrors(c);
    await consoleSignIn(c);
    await nav(c, 'Products');
    await onPath(c, /^\/admin\/products$/);
    await c.getByRole('link', { name: 'New product' }).click();
    await onPath(c, /^\/admin\/products\/new$/);

    await c.getByLabel('Title', { exact: true }).fill(title);
    // Leaving a half-filled form asks first; staying keeps what was typed.
    await nav(c, 'Products');
    const leave = c.getByRole('dialog').filter({ hasText: 'Discard unsaved changes?' });
    await until(c, 'the leave warning shows', () => leave.isVisible());
    await leave.getByRole('button', { name: 'Keep editing' }).click();
    await onPath(c, /^\/admin\/products\/new$/);
    expect(await c.getByLabel('Title', { exact: true }).inputValue()).toBe(title);

    await c.getByLabel('Category', { exact: true }).click();
    await pickTreeNode(c, category.nameEn);
    await c.locator('input[type=file]').setInputFiles([
      { name: 'red.png', mimeType: 'image/png', buffer: PNG },
      { name: 'blue.png', mimeType: 'image/png', buffer: PNG },
    ]);
    await until(c, 'both images uploaded', async () => (await c.locator('.ant-upload-list-item-done').count()) === 2);

    await c.getByRole('button', { name: 'Add option' }).click();
    await c.getByLabel('Option 1').fill('颜色');
    for (const value of ['红', '蓝']) {
      await c.getByLabel('Values 1').fill(value);
      await c.getByLabel('Values 1').press('Enter');
    }
    await visible(c, 'SKUs (2)');
    await c.getByLabel('红 Price (¥)').fill('59');
    await c.getByLabel('红 Stock').fill('5');
    await c.getByLabel('蓝 Price (¥)').fill('69.5');
    await c.getByLabel('蓝 Stock').fill('7');
    await c.getByLabel('Put on sale').check();
    await screenshot(c, 'console-product-new-en');
    await c.getByRole('button', { name: 'Save' }).click();
    await onPath(c, /^\/admin\/products\/[0-9a-f-]{36}$/);
    const productId = new URL(c.url()).pathname.split('/').pop()!;

    const saved = await op.get(`/api/v1/admin/catalog/products/${productId}`);
    expect(saved).toMatchObject({ title, status: 'active', categoryId: category.id, options: [{ name: '颜色', values: ['红', '蓝'] }] });
    expect(saved.images).toHaveLength(2);
    expect(saved.skus.map((s: { label: string; price: { amount: number }; onHand: number }) => [s.label, s.price.amount, s.onHand])).toEqual([['红', 5900, 5], ['蓝', 6950, 7]]);
    for (const url of saved.images) expect((await fetch(new URL(url, c.url()))).headers.get('content-type')).toBe('image/png');

    // The list: found by title, stock is the sum of its SKUs', nothing sold yet.
    await nav(c, 'Products');
    await onPath(c, /^\/admin\/products$/);
    await c.getByLabel('Search titles').fill(title);
    await c.getByLabel('Search titles').press('Enter');
    const table = c.getByRole('table');
    const row = table.getByRole('row').filter({ hasText: title });
    await until(c, 'the new product listed alone', async () => (await row.count()) === 1 && (await table.getByRole('row').count()) === 2);
    expect(new URL(c.url()).searchParams.get('q')).toBe(title);
    expect(await cell(table, row, 'Stock')).toBe('12');
    expect(await cell(table, row, 'Sold')).toBe('0');
    expect(await cell(table, row, 'Price')).toBe('¥59.00 – ¥69.50');
    expect(await cell(table, row, 'Status')).toBe('On sale');
    await expect.poll(() => c.getByTestId('products-total').innerText()).toBe('1 products');

    // Off sale in bulk, after a confirmation; then back on sale.
    await row.getByRole('checkbox').check();
    await c.getByRole('button', { name: 'Take off sale' }).click();
    await c.getByRole('dialog').getByRole('button', { name: 'Take off sale' }).click();
    await until(c, 'the product is off sale', async () => (await cell(table, row, 'Status')) === 'Off sale');
    expect((await op.get(`/api/v1/admin/catalog/products/${productId}`)).status).toBe('archived');
    await row.getByRole('checkbox').check();
    await c.getByRole('button', { name: 'Put on sale' }).click();
    await c.getByRole('dialog').getByRole('button', { name: 'Put on sale' }).click();
    await until(c, 'the product is on sale again', async () => (await cell(table, row, 'Status')) === 'On sale');
    expect((await op.get(`/api/v1/admin/catalog/products/${productId}`)).status).toBe('active');

    // The whole list, in both languages.
    await c.goto('/admin/products');
    await until(c, 'the list loaded', async () => (await table.getByRole('row').count()) > 2);
    await screenshot(c, 'console-products-en');
    await c.getByLabel('Language').selectOption('zh-CN');
    await until(c, 'the list reads in Chinese', async () => (await table.getByRole('columnheader').allInnerTexts()).some((h) => h.trim() === '库存'));
    await until(c, 'the list loaded', async () => (await table.getByRole('row').count()) > 2);
    await screenshot(c, 'console-products-zh');
    expect(errors).toEqual([]);
    await context.close();
  });
});
