/// <reference lib="dom" />
// Journey: an operator works the orders workbench. A shopper pays for two orders of a new product;
// the operator picks the buyer by name, narrows to today and the 待发货 tab (its count matches),
// exports exactly those rows as CSV, selects both and ships them with one carrier, and the tab
// count moves from "to ship" to "shipped".
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleSignIn, nav } from './console.ts';
import { onPath, visible } from './storefront.ts';
import { addAddress, ApiClient, browserTestsEnabled, createProduct, desktopContext, launchBrowser, payOrder, registerShopper, screenshot, watchErrors } from './support.ts';

/** Ant Design's select lists its choices twice (a hidden listbox for screen readers, the visible menu): click the visible one. */
const pickOption = (page: Page, text: string) => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: text }).first().click();

describe.runIf(browserTestsEnabled())('the orders workbench', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('filters by buyer, day and status tab, exports the rows, and ships two orders at once', async () => {
    const op = await ApiClient.operator();
    const run = Date.now().toString(36);
    const buyerName = `工作台买家${run}`;
    const { skuId } = await createProduct(op, { title: `工作台商品 ${run}`, price: 3900, stock: 10 });
    const shopper = await registerShopper(buyerName);
    const addressId = await addAddress(shopper.api);
    const numbers: string[] = [];
    for (let i = 0; i < 2; i++) {
      const order = await shopper.api.post('/api/v1/orders', { items: [{ skuId, quantity: 1 }], addressId }, { 'idempotency-key': crypto.randomUUID() });
      await payOrder(shopper.api, order.id);
      numbers.push(order.number);
    }
    await expect.poll(async () => (await op.get(`/api/v1/admin/orders/summary?buyer=${shopper.id}`)).counts.to_ship, { timeout: 20_000 }).toBe(2);

    const context = await desktopContext(browser);
    const c = await context.newPage();
    const errors = watchErrors(c);
    await consoleSignIn(c);
    await nav(c, 'Orders');
    await onPath(c, /^\/admin\/orders$/);

    // The buyer, picked by name.
    await c.getByLabel('Buyer').click();
    await c.getByLabel('Buyer').fill(buyerName);
    await pickOption(c, buyerName);
    // Today, in the store's time zone.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    await c.goto(`${new URL(c.url()).pathname}${new URL(c.url()).search}&from=${today}&to=${today}`);
    await c.getByRole('tab', { name: /^To ship 2$/ }).click();
    const summary = c.getByTestId('orders-summary');
    await expect.poll(() => summary.innerText(), { timeout: 20_000 }).toBe('2 orders · total ¥98.00'); // ¥39 + ¥10 shipping, twice
    const table = c.getByRole('table');
    for (const number of numbers) await expect.poll(() => table.getByRole('row').filter({ hasText: number }).count(), { timeout: 20_000 }).toBe(1);

    // The CSV holds exactly the rows shown.
    const exportHref = await c.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
    const csv = await c.evaluate(async (href) => (await fetch(href!)).text(), exportHref);
    const lines = csv.replace(/^\ufeff/, '').trim().split(/\r?\n/);
    expect(lines).toHaveLength(3);
    for (const number of numbers) expect(csv).toContain(number);
    expect(csv).toContain(buyerName);

    // Both selected, one carrier, two tracking numbers.
    for (const number of numbers) await c.getByRole('checkbox', { name: number }).check();
    await c.getByRole('button', { name: 'Ship selected (2)' }).click();
    const dialog = c.getByRole('dialog');
    await dialog.getByLabel('Carrier').click();
    await pickOption(c, 'SF Express');
    for (const [i, number] of numbers.entries()) await dialog.getByLabel(number).fill(`SF${run.toUpperCase()}${i}`);
    await screenshot(c, 'console-orders-bulk-ship');
    await dialog.getByRole('button', { name: 'Ship' }).click();
    await expect.poll(() => c.getByRole('tab', { name: /^Shipped/ }).innerText(), { timeout: 20_000 }).toBe('Shipped 2');
    await visible(c, /^To ship 0$/);
    for (const number of numbers) {
      const order = (await op.get(`/api/v1/admin/orders?q=${number}`)).items[0];
      expect(order).toMatchObject({ status: 'shipped', tracking: { carrier: 'shunfeng' } });
    }
    await c.getByRole('tab', { name: /^Shipped/ }).click();
    await expect.poll(() => table.getByRole('row').filter({ hasText: numbers[0] }).count(), { timeout: 20_000 }).toBe(1);
    await screenshot(c, 'console-orders-workbench');
    expect(errors).toEqual([]);
    await context.close();
  });
});
