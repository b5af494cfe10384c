/// <reference lib="dom" />
// The tap that needed a session survives sign-in and sign-up: a signed-out shopper taps 发起砍价,
// 领取 (a coupon) or 抽奖, is sent to sign in, creates an account there, and back on the page the
// action is done without a second tap.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onPath, signUp, until, visible } from './storefront.ts';
import { ApiClient, browserTestsEnabled, launchBrowser, phoneContext, startBargain, watchErrors } from './support.ts';

/** On the sign-in page the tap sent the shopper to: switch to sign-up (the action rides along) and sign up. */
async function signUpFromSignIn(page: Page, name: string) {
  await onPath(page, /^\/login$/);
  expect(new URL(page.url()).searchParams.get('next')).toMatch(/[?&]do=/);
  await signUp(page, name);
}

describe.runIf(browserTestsEnabled())('a tap carried through sign-up', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('starts the price-cut, claims the coupon and draws, each without a second tap', async () => {
    const op = await ApiClient.operator();
    const errors: string[] = [];

    // 发起砍价
    const title = `E2E carried price-cut ${Date.now().toString(36)}`;
    await startBargain(op, { title, price: 9_900, floor: 990, helpersNeeded: 3 });
    const c1 = await phoneContext(browser);
    const p1 = await c1.newPage();
    errors.push(...watchErrors(p1));
    await p1.goto('/bargain');
    await p1.locator('article').filter({ hasText: title }).getByRole('button', { name: 'Start a price-cut' }).click();
    await signUpFromSignIn(p1, 'Gina');
    await onPath(p1, /^\/bargain\/[0-9a-f-]{36}$/);
    await visible(p1, title);
    const cutId = new URL(p1.url()).pathname.split('/')[2];
    const mine = await (await p1.request.get('/api/v1/me/bargain/cuts')).json();
    expect(mine.items.map((c: { id: string }) => c.id)).toEqual([cutId]);
    await c1.close();

    // 领取 a coupon
    const name = `E2E carried coupon ${Date.now().toString(36)}`;
    const tpl = await op.post('/api/v1/admin/coupons/templates', { name, kind: 'fixed', discountAmount: 800, scope: 'store', validDaysAfterClaim: 7, perUserLimit: 1 });
    await op.post(`/api/v1/admin/coupons/templates/${tpl.id}/activate`);
    const c2 = await phoneContext(browser);
    const p2 = await c2.newPage();
    errors.push(...watchErrors(p2));
    await p2.goto('/coupons');
    const coupon = () => p2.getByRole('listitem').filter({ hasText: name }).first();
    await coupon().getByRole('button', { name: 'Claim' }).click();
    await signUpFromSignIn(p2, 'Hugo');
    await onPath(p2, /^\/coupons$/);
    await until(p2, 'coupon claimed on return', () => coupon().getByText('Claimed').first().isVisible());
    const wallet = await (await p2.request.get('/api/v1/me/coupons')).json();
    expect(JSON.stringify(wallet)).toContain(name);
    await c2.close();

    // 抽奖 on the demo's running draw
    const draws = await new ApiClient().get('/api/v1/lottery/draws');
    const draw = draws.items.find((d: { status: string }) => d.status === 'active');
    expect(draw).toBeTruthy();
    const c3 = await phoneContext(browser);
    const p3 = await c3.newPage();
    errors.push(...watchErrors(p3));
    await p3.goto(`/lottery/${draw.id}`);
    await p3.getByRole('button', { name: 'Draw', exact: true }).click();
    await signUpFromSignIn(p3, 'Iris');
    await onPath(p3, new RegExp(`^/lottery/${draw.id}$`));
    await visible(p3, 'Your result', 30_000);
    const me = await (await p3.request.get(`/api/v1/lottery/draws/${draw.id}/me`)).json();
    expect(me.draws).toBe(1);
    await c3.close();
    expect(errors).toEqual([]);
  });
});
