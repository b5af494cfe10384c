/// <reference lib="dom" />
// Journey 1: shopper A opens a 2-person team and copies the share link; shopper B, in a separate
// browser context, opens it, signs up, joins and pays; both see the team completed; the operator
// console shows the team's two paid orders and B's attributed to A's share.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAddressIfAsked, copyShareLink, onPath, payWithTestCard, signUp, until, visible } from './storefront.ts';
import { ApiClient, baseUrl, browserTestsEnabled, launchBrowser, phoneContext, screenshot, startGroupbuy, watchErrors } from './support.ts';
import { consoleShowsPaidOrders, consoleShowsShare, consoleSignIn } from './console.ts';

describe.runIf(browserTestsEnabled())('group buy through a share link', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('A opens a team, B joins through A\'s link and pays, the team completes, and the console shows it', async () => {
    const op = await ApiClient.operator();
    const title = `E2E team tea set ${Date.now().toString(36)}`;
    const { productId } = await startGroupbuy(op, { title, price: 12_800, groupPrice: 6_800, teamSize: 2 });

    // Shopper A: signs up, starts a team from the product page, pays, shares.
    const contextA = await phoneContext(browser);
    await contextA.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl() });
    const a = await contextA.newPage();
    const errorsA = watchErrors(a);
    await a.goto(`/signup?next=${encodeURIComponent(`/product/${productId}`)}`);
    await signUp(a, 'Alice');
    await onPath(a, new RegExp(`^/product/${productId}$`));
    await a.getByRole('button', { name: 'Start a team' }).first().click();
    await addAddressIfAsked(a);
    const orderA = await payWithTestCard(a);
    await onPath(a, /^\/groupbuy\/teams\/[^/]+$/);
    const teamId = new URL(a.url()).pathname.split('/')[3];
    await visible(a, '1 seat left');
    const link = await copyShareLink(a, 'Invite friends');
    expect(link).toMatch(new RegExp(`^${baseUrl()}/s/\\w+$`));

    // Shopper B: a different phone. Opens the link, is asked to sign up to join, joins and pays.
    const contextB = await phoneContext(browser);
    const b = await contextB.newPage();
    const errorsB = watchErrors(b);
    await b.goto(link);
    await onPath(b, new RegExp(`^/groupbuy/teams/${teamId}$`));
    expect(new URL(b.url()).searchParams.get('s')).toBe(link.split('/s/')[1]);
    await visible(b, title);
    await b.getByRole('button', { name: 'Join team' }).click();
    await onPath(b, /^\/(login|signup)$/);
    await signUp(b, 'Bob');
    await onPath(b, new RegExp(`^/groupbuy/teams/${teamId}$`));
    // The tap is carried through sign-up: no second tap, the address sheet and the confirm step follow.
    await addAddressIfAsked(b);
    await b.getByRole('dialog').filter({ hasText: 'Confirm your order' }).getByRole('button', { name: /^Confirm and pay/ }).click();
    const orderB = await payWithTestCard(b);
    await onPath(b, new RegExp(`^/groupbuy/teams/${teamId}$`));
    await visible(b, 'Team complete', 30_000);
    await screenshot(b, 'journey1-team-complete-375');

    await a.reload();
    await visible(a, 'Team complete', 30_000);

    // What the API holds: a completed team of two paid members; B's order attributed to A's share.
    const team = await op.get(`/api/v1/groupbuy/teams/${teamId}`);
    expect(team).toMatchObject({ status: 'completed', paidMembers: 2, seatsLeft: 0 });
    const numbers: string[] = [];
    for (const id of [orderA, orderB]) {
      const { order } = await op.get(`/api/v1/admin/orders/${id}`);
      expect(order.kind).toBe('groupbuy');
      expect(order.paid).toEqual(order.total);
      numbers.push(order.number);
    }
    const token = link.split('/s/')[1];
    const roots = await op.get('/api/v1/admin/shares?limit=100');
    const share = roots.items.find((r: { token: string }) => r.token === token);
    expect(share).toMatchObject({ sharerName: 'Alice', target: { type: 'team', id: teamId }, signups: 1, orders: 1, paidOrders: 1 });

    // The operator's console: both paid orders of the team, and A's share with B's paid order.
    const consoleContext = await browser.newContext({ baseURL: baseUrl(), viewport: { width: 1366, height: 900 } });
    await consoleContext.addInitScript(() => window.localStorage.setItem('fission.lang', 'en'));
    const c = await consoleContext.newPage();
    const errorsC = watchErrors(c);
    await consoleSignIn(c);
    await until(c, 'dashboard charts drawn', async () => (await c.locator('canvas').count()) >= 2);
    await c.waitForLoadState('networkidle');
    await screenshot(c, 'console-dashboard');
    await consoleShowsPaidOrders(c, numbers);
    await consoleShowsShare(c, 'Alice', { paidOrders: 1, signups: 1 });
    await screenshot(c, 'console-cascade');
    // For the README: the demo store's largest cascade, drawn the same way.
    let largest = { id: share.id, size: 1 };
    for (let cursor = '', pages = 0; pages < 20; pages++) {
      const page = await op.get(`/api/v1/admin/shares?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
      for (const r of page.items) if (r.size > largest.size) largest = r;
      if (!page.nextCursor) break;
      cursor = encodeURIComponent(page.nextCursor);
    }
    await c.goto(`/admin/shares/${largest.id}`);
    await until(c, 'the largest cascade drawn', async () => (await c.locator('canvas').count()) > 0);
    await c.waitForLoadState('networkidle');
    await screenshot(c, 'console-cascade-demo');

    expect([...errorsA, ...errorsB, ...errorsC]).toEqual([]);
    await Promise.all([contextA.close(), contextB.close(), consoleContext.close()]);
  });
});
