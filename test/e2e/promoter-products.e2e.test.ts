/// <reference lib="dom" />
// The promoter centre after approval, at 375 × 812: the notice 申请已通过 with its date (once, then
// a status line), and products to promote with their picture and 赚 ¥x — the same figure the
// affiliate API estimates by the rates a paid order books.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './paths.ts';
import { visible } from './storefront.ts';
import { ApiClient, baseUrl, browserTestsEnabled, createProduct, launchBrowser, PASSWORD, phoneContext, registerShopper, screenshot, watchErrors } from './support.ts';

describe.runIf(browserTestsEnabled())('promoter centre: approval notice and commission per product', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('an approved promoter sees 申请已通过 and 赚 ¥x on each product', async () => {
    const op = await ApiClient.operator();
    const title = `E2E 推广 ${Date.now().toString(36)}`;
    const { productId } = await createProduct(op, { title, price: 40_185, stock: 20 });
    await op.request('PUT', `/api/v1/admin/affiliate/product-rates/${productId}`, { level1Bp: 1550, level2Bp: 300 });
    const shopper = await registerShopper('Pat Promoter');
    const application = await shopper.api.post('/api/v1/affiliate/applications', { note: 'e2e' });
    if (application.status !== 'approved') await op.post(`/api/v1/admin/affiliate/applications/${application.id}/approve`, {});

    const context = await phoneContext(browser, 'zh-CN');
    const page = await context.newPage();
    const errors = watchErrors(page);
    const res = await page.request.post('/api/v1/auth/login', { data: { login: shopper.email, password: PASSWORD }, headers: { origin: baseUrl() } });
    expect(res.status()).toBe(200);
    await page.goto('/me/promoter');
    await visible(page, '申请已通过');
    const row = page.getByRole('listitem').filter({ hasText: title });
    await row.waitFor();
    // ¥401.85 × 15.5% = ¥62.29, as the API estimates it
    await expect.poll(() => row.textContent()).toContain('赚 ¥62.29');
    const api = await shopper.api.get('/api/v1/affiliate/me/products?limit=100');
    expect(api.items.find((x: { productId: string }) => x.productId === productId).estimatedCommission.amount).toBe(6229);
    await row.scrollIntoViewIfNeeded();
    await page.waitForLoadState('networkidle');
    await page.evaluate(() => window.scrollTo(0, 0));
    const file = await screenshot(page, 'storefront-promoter-approved-zh-375');
    fs.copyFileSync(file, path.join(ROOT, 'docs', 'screenshots', 'storefront-promoter-approved-zh-375.png'));

    // Dismissed, the notice becomes a status line with the date.
    await page.getByRole('button', { name: '知道了' }).click();
    await visible(page, /推广员 · .+ 起/);
    await page.reload();
    await visible(page, /推广员 · .+ 起/);
    expect(await page.getByText('申请已通过').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
