/// <reference lib="dom" />
// Journey 2: shopper A starts a price-cut; three new visitors help through A's link (each signs
// up on the way); A buys at the floor price.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAddressIfAsked, copyShareLink, onPath, payWithTestCard, signUp, visible } from './storefront.ts';
import { ApiClient, baseUrl, browserTestsEnabled, launchBrowser, phoneContext, screenshot, startBargain, watchErrors } from './support.ts';

describe.runIf(browserTestsEnabled())('price-cut through a share link', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('three new friends cut the price to the floor and A buys at it', async () => {
    const op = await ApiClient.operator();
    const title = `E2E price-cut kettle ${Date.now().toString(36)}`;
    const { campaignId } = await startBargain(op, { title, price: 29_900, floor: 990, helpersNeeded: 3 });

    const contextA = await phoneContext(browser);
    await contextA.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl() });
    const a = await contextA.newPage();
    const errors = watchErrors(a);
    await a.goto(`/signup?next=${encodeURIComponent('/bargain')}`);
    await signUp(a, 'Carol');
    await onPath(a, /^\/bargain$/);
    const card = a.locator('article, li, section').filter({ hasText: title }).last();
    await card.getByRole('button', { name: 'Start a price-cut' }).click();
    await onPath(a, /^\/bargain\/[^/]+$/);
    const cutId = new URL(a.url()).pathname.split('/')[2];
    await visible(a, title);
    await expect.poll(() => a.getByRole('button', { name: 'Buy now' }).isDisabled()).toBe(true);
    const link = await copyShareLink(a, 'Ask friends to help');

    for (const [i, name] of ['Dave', 'Erin', 'Frank'].entries()) {
      const context = await phoneContext(browser);
      const friend = await context.newPage();
      errors.push(...watchErrors(friend));
      await friend.goto(link);
      await onPath(friend, new RegExp(`^/bargain/${cutId}$`));
      // The landing's one button signs the friend up and comes back to make the cut: no second tap.
      await friend.getByRole('link', { name: 'Help cut the price' }).click();
      await signUp(friend, name);
      await onPath(friend, new RegExp(`^/bargain/${cutId}$`));
      await visible(friend, /^You cut /);
      if (i === 2) await screenshot(friend, 'journey2-friend-helped-375');
      await context.close();
    }

    // Back on A's phone: the floor is reached and buying is open.
    await a.reload();
    await visible(a, 'Floor price reached: buy it now');
    await visible(a, 'Dave');
    await screenshot(a, 'storefront-bargain-floor-375', true);
    await a.getByRole('button', { name: 'Buy now' }).click();
    await addAddressIfAsked(a);
    const orderId = await payWithTestCard(a);

    // What the API holds: three new customers helped, the cut is bought, one paid order at the floor.
    const cut = await (await a.request.get(`/api/v1/bargain/cuts/${cutId}`)).json();
    expect(cut.helpers.map((h: { name: string; newCustomer: boolean }) => [h.name, h.newCustomer])).toEqual([['Dave', true], ['Erin', true], ['Frank', true]]);
    expect(cut.orderId).toBe(orderId);
    const { order } = await op.get(`/api/v1/admin/orders/${orderId}`);
    expect(order.kind).toBe('bargain');
    expect(order.paid).toEqual(order.total);
    expect(order.lines).toEqual([expect.objectContaining({ quantity: 1, unitPrice: { amount: 990, currency: 'CNY' } })]);
    const stats = await op.get(`/api/v1/admin/bargain/campaigns/${campaignId}`);
    expect(stats).toMatchObject({ stats: { helps: 3 } });
    expect(errors).toEqual([]);
    await contextA.close();
  });
});
