/// <reference lib="dom" />
// Coupons in the console: an amount-off coupon worth more than its minimum spend is refused with a
// message at the amount (nothing saved), and a coupon is issued to a customer picked by name, who
// then holds it.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleSignIn, nav } from './console.ts';
import { onPath, until } from './storefront.ts';
import { ApiClient, browserTestsEnabled, desktopContext, launchBrowser, registerShopper, watchErrors } from './support.ts';

describe.runIf(browserTestsEnabled())('coupons in the console', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('refuses ¥150 off a ¥100 minimum spend at the amount field and saves nothing', async () => {
    const op = await ApiClient.operator();
    const name = `E2E over threshold ${Date.now().toString(36)}`;
    const context = await desktopContext(browser);
    const c = await context.newPage();
    await consoleSignIn(c);
    await nav(c, 'Coupons');
    await onPath(c, /^\/admin\/campaigns\/coupons$/);
    await c.getByRole('button', { name: 'New coupon' }).first().click();
    await c.getByLabel('Name', { exact: true }).fill(name);
    await c.getByLabel('Amount off (¥)').fill('150');
    await c.getByLabel('Minimum spend (¥)').fill('100');
    await c.getByRole('button', { name: 'Create', exact: true }).click();
    const amount = c.getByLabel('Amount off (¥)');
    await until(c, 'the amount is marked invalid', async () => (await amount.getAttribute('aria-invalid')) === 'true');
    expect(await c.getByText('The amount off cannot exceed the minimum spend').isVisible()).toBe(true);
    await onPath(c, /^\/admin\/campaigns\/coupons\/new$/);
    const templates = await op.get('/api/v1/admin/coupons/templates?limit=100');
    expect(templates.items.some((x: { name: string }) => x.name === name)).toBe(false);
  });

  it('issues a coupon to a customer picked by name; the customer holds it', async () => {
    const op = await ApiClient.operator();
    const who = `Quinn ${Date.now().toString(36)}`;
    const shopper = await registerShopper(who);
    const tpl = await op.post('/api/v1/admin/coupons/templates', { name: `E2E issue ${Date.now().toString(36)}`, kind: 'fixed', discountAmount: 500, scope: 'store', validDaysAfterClaim: 7, claimable: false });
    await op.post(`/api/v1/admin/coupons/templates/${tpl.id}/activate`);

    const context = await desktopContext(browser);
    const c = await context.newPage();
    const errors = watchErrors(c);
    await consoleSignIn(c);
    await c.goto(`/admin/campaigns/coupons/${tpl.id}`);
    const picker = c.getByRole('combobox', { name: 'Customers' });
    await until(c, 'the customer picker', () => picker.isVisible());
    await picker.fill(who);
    const option = c.locator('.ant-select-item-option').filter({ hasText: who });
    await until(c, 'the customer found by name', () => option.isVisible());
    await option.click();
    await c.getByRole('button', { name: 'Issue', exact: true }).click();
    await until(c, 'issued', () => c.getByText('Issued 1;', { exact: false }).isVisible());

    const mine = await shopper.api.get('/api/v1/me/coupons');
    expect(mine.items.map((x: { templateId: string }) => x.templateId)).toContain(tpl.id);
    // The holders list names the customer (with a link to their page), not an id.
    const holder = c.getByRole('link', { name: who });
    await until(c, 'the holder listed by name', () => holder.isVisible());
    expect(await holder.getAttribute('href')).toBe(`/admin/customers/${shopper.id}`);
    expect(errors).toEqual([]);
  });
});
