/// <reference lib="dom" />
// Journey: an operator refunds part of a demo (seeded) order and sees it succeed. From the orders
// workbench they open a paid order the demo store imported, read its buyer (a link with the name),
// its amounts with one shipping line and its history in words, make a partial refund, and the
// page shows the refund going through and then succeeding, without a reload. Both languages are
// photographed.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleSignIn } from './console.ts';
import { onPath, until } from './storefront.ts';
import { ApiClient, browserTestsEnabled, desktopContext, launchBrowser, screenshot, watchErrors } from './support.ts';

/** A seeded order, paid and not refunded: the demo's imported history (placed before today). */
async function seededPaidOrder(op: ApiClient): Promise<{ id: string; number: string }> {
  const yesterday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() - 86_400_000));
  const { items } = await op.get(`/api/v1/admin/orders?status=completed&to=${yesterday}&limit=50`);
  for (const o of items) {
    if (o.refunded.amount !== 0 || o.paid.amount < 500) continue;
    const d = await op.get(`/api/v1/admin/orders/${o.id}`);
    if (d.history.some((h: { reason: string | null }) => h.reason === 'imported') && d.finance.payments.some((p: { status: string }) => p.status === 'succeeded') && d.finance.refunds.length === 0) return { id: o.id, number: o.number };
  }
  throw new Error('no seeded paid order without refunds in the demo data');
}

describe.runIf(browserTestsEnabled())('the order page', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('refunds part of a seeded order and shows it succeed in place, with the buyer, one shipping line and history in words', async () => {
    const op = await ApiClient.operator();
    const order = await seededPaidOrder(op);

    const context = await desktopContext(browser);
    const c = await context.newPage();
    const errors = watchErrors(c);
    await consoleSignIn(c);
    // From the workbench, found by its number.
    await c.goto(`/admin/orders?q=${order.number}`);
    await c.getByRole('link', { name: order.number }).click();
    await onPath(c, new RegExp(`^/admin/orders/${order.id}$`));
    await until(c, 'the order page', () => c.getByRole('heading', { name: `Order ${order.number}` }).isVisible());

    // The buyer by name, linking to the customer.
    const buyer = c.getByTestId('order-buyer');
    expect(await buyer.getAttribute('href')).toMatch(/^\/admin\/customers\/[0-9a-f-]{36}$/);
    expect((await buyer.innerText()).trim()).not.toBe('');
    // One shipping line; the amounts and history read in words, not codes.
    const amounts = c.getByTestId('order-amounts');
    expect(await amounts.getByText('Shipping', { exact: true }).count()).toBe(1);
    expect(await amounts.getByText('shipping', { exact: true }).count()).toBe(0);
    const history = c.getByTestId('order-history');
    await until(c, 'history in words', async () => (await history.innerText()).includes('Imported with the order history'));
    expect(await history.innerText()).not.toMatch(/\bimported\b|hold: |no hold/);

    // A partial refund of ¥1.00.
    await c.getByRole('button', { name: 'Refund', exact: true }).click();
    const dialog = c.getByRole('dialog');
    await dialog.getByLabel('Partial amount').check();
    await dialog.getByLabel('Refund amount (CNY)').fill('1');
    await dialog.getByLabel('Reason').fill('少发一件赠品，补偿 1 元');
    await dialog.getByRole('button', { name: 'Confirm refund' }).click();
    // It goes out, then the page follows it to its outcome by itself.
    const outcome = c.getByTestId('refund-outcome');
    await expect.poll(() => outcome.innerText(), { timeout: 30_000 }).toBe('Refund of ¥1.00 returned to the buyer');
    await expect.poll(() => c.getByTestId('order-refunded').innerText(), { timeout: 10_000 }).toBe('¥1.00');
    const refunds = c.getByTestId('order-refunds');
    expect(await refunds.getByRole('row').filter({ hasText: '少发一件赠品' }).getByText('Succeeded').count()).toBe(1);
    const after = await op.get(`/api/v1/admin/orders/${order.id}`);
    expect(after.finance.refunds).toEqual([expect.objectContaining({ status: 'succeeded', amount: { amount: 100, currency: 'CNY' } })]);
    await screenshot(c, 'console-order-detail-en', true);
    expect(errors).toEqual([]);
    await context.close();

    // The same page in Chinese.
    const zhContext = await desktopContext(browser, 'zh-CN');
    const z = await zhContext.newPage();
    await consoleSignIn(z);
    await z.goto(`/admin/orders/${order.id}`);
    await until(z, '订单页', () => z.getByRole('heading', { name: `订单 ${order.number}` }).isVisible());
    await until(z, '历史记录', async () => (await z.getByTestId('order-history').innerText()).includes('随历史订单导入'));
    expect(await z.getByTestId('order-amounts').getByText('运费', { exact: true }).count()).toBe(1);
    await screenshot(z as Page, 'console-order-detail-zh', true);
    await zhContext.close();
  });
});
