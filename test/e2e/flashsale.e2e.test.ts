/// <reference lib="dom" />
// Journey 3: a flash-sale slot with one unit; two shoppers press "Buy now" at the same moment; one
// gets the order (and pays), the other sees it sold out.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onPath, payWithTestCard, signUp, visible } from './storefront.ts';
import { ApiClient, baseUrl, browserTestsEnabled, launchBrowser, phoneContext, screenshot, startFlashSlot, watchErrors } from './support.ts';

/** Saved through the API with the page's own session: this journey is about the race, not the form. */
async function saveAddress(page: Page) {
  const res = await page.request.post('/api/v1/me/addresses', {
    headers: { origin: baseUrl() },
    data: { recipient: '韩梅梅', phone: '13700001111', province: '广东省', city: '深圳市', district: '南山区', line1: '科技园路 1 号', isDefault: true },
  });
  expect(res.status()).toBe(201);
}

describe.runIf(browserTestsEnabled())('flash sale with one unit', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('sells the unit to one of two simultaneous shoppers; the other sees "Sold out"', async () => {
    const op = await ApiClient.operator();
    const title = `E2E flash earbuds ${Date.now().toString(36)}`;
    const { slotId, itemId } = await startFlashSlot(op, { title, price: 39_900, flashPrice: 9_900, stock: 1 });

    const shoppers = await Promise.all(['Grace', 'Heidi'].map(async (name) => {
      const context = await phoneContext(browser);
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto('/signup?next=/flashsale');
      await signUp(page, name);
      await saveAddress(page);
      return { name, context, page, errors };
    }));

    // Both phones on the slot's tab once it is live, the item on screen with its Buy now button.
    for (const { page } of shoppers) {
      await expect.poll(async () => {
        await page.goto('/flashsale');
        await page.locator(`#slot-tab-${slotId}`).click({ timeout: 3_000 }).catch(() => undefined);
        return page.getByRole('article', { name: title }).getByRole('button', { name: 'Buy now' }).isVisible();
      }, { timeout: 30_000, interval: 1_000 }).toBe(true);
    }
    await Promise.all(shoppers.map(({ page }) => page.getByRole('article', { name: title }).getByRole('button', { name: 'Buy now' }).click()));

    // Exactly one reaches the payment page; the other is told it is sold out.
    const outcome = async (page: Page) => {
      await expect.poll(() => /\/pay$/.test(new URL(page.url()).pathname) || page.getByRole('article', { name: title }).getByRole('button', { name: 'Sold out' }).isVisible(), { timeout: 30_000 }).toBe(true);
      return /\/pay$/.test(new URL(page.url()).pathname) ? 'order' : 'sold out';
    };
    const results = await Promise.all(shoppers.map(({ page }) => outcome(page)));
    expect([...results].sort()).toEqual(['order', 'sold out']);
    const winner = shoppers[results.indexOf('order')];
    const loser = shoppers.find((s) => s !== winner)!;
    await visible(loser.page, /too late/i);
    expect(await loser.page.getByRole('article', { name: title }).getByRole('button', { name: 'Sold out' }).isDisabled()).toBe(true);
    await screenshot(loser.page, 'journey3-sold-out-375');

    const orderId = await payWithTestCard(winner.page);
    await onPath(winner.page, /^\/flashsale$/);

    // What the API holds: one unit sold, none left, one paid flash-sale order.
    const slot = await op.get(`/api/v1/admin/flashsale/slots/${slotId}`);
    expect(slot.items.find((i: { id: string }) => i.id === itemId)).toMatchObject({ stock: 1, remaining: 0, soldOut: true });
    const { order } = await op.get(`/api/v1/admin/orders/${orderId}`);
    expect(order).toMatchObject({ kind: 'flashsale', total: { amount: 9_900 + order.shipping.amount, currency: 'CNY' } });
    expect(order.paidAt).not.toBeNull();
    expect(order.paid).toEqual(order.total);
    expect(shoppers.flatMap((s) => s.errors)).toEqual([]);
    await Promise.all(shoppers.map((s) => s.context.close()));
  });
});
