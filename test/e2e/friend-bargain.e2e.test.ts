/// <reference lib="dom" />
// The friend's side of a price-cut: a sharer starts a price-cut (the starter's own cut comes first)
// and shares it; a friend, signed out in a second browser, opens the link, sees who asks, the
// product, the progress, that helping is free and what they get, taps 帮TA砍一刀, signs up in the
// same flow, and the cut is made without a second tap.
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onPath, visible } from './storefront.ts';
import { ROOT } from './paths.ts';
import { ApiClient, browserTestsEnabled, launchBrowser, phoneContext, registerShopper, watchErrors } from './support.ts';
import { pictureProduct, signUpZh, startInviteCampaign } from './friend.ts';

describe.runIf(browserTestsEnabled())('a friend helps a price-cut from a share link', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('sees the landing before anything is asked, signs up, and the cut completes without a second tap', async () => {
    const op = await ApiClient.operator();
    const { campaignId: inviteCampaignId } = await startInviteCampaign(op);
    const product = await pictureProduct();
    const floor = Math.max(1, Math.round(product.price / 5));
    const campaign = await op.post('/api/v1/admin/bargain/campaigns', { name: `好友帮砍 ${Date.now().toString(36)}`, skuId: product.skuId, floorAmount: floor, helpersNeeded: 3, stock: 10, buyMode: 'floor_only', expiryHours: 24 });
    await op.post(`/api/v1/admin/bargain/campaigns/${campaign.id}/start`);

    // The sharer starts a price-cut: her own first cut is already made.
    const sharer = await registerShopper('林小雨');
    const cut = await sharer.api.post(`/api/v1/bargain/campaigns/${campaign.id}/cuts`);
    expect(cut.currentPrice.amount).toBeLessThan(product.price);
    const share = await sharer.api.post('/api/v1/shares', { target: { type: 'bargain', id: cut.id }, channel: 'wechat' });

    const context = await phoneContext(browser, 'zh-CN');
    const friend = await context.newPage();
    const errors = watchErrors(friend);
    await friend.goto(share.url);
    await onPath(friend, new RegExp(`^/bargain/${cut.id}$`));
    // Before anything is asked: who, what, how far, what it costs, what the friend gets.
    await visible(friend, '林** 邀请你帮忙砍一刀');
    await visible(friend, product.title);
    await visible(friend, /还差 ¥/);
    await visible(friend, /林\*\* 自己先砍了 ¥/);
    await visible(friend, '帮砍要花钱吗？');
    await visible(friend, '你也能免费拿');
    await visible(friend, /新用户还送 ¥15\.00 优惠券（满¥99\.00可用/);
    expect(await friend.locator('.fx-friend-product img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await friend.screenshot({ path: path.join(ROOT, 'docs', 'screenshots', 'friend-bargain-landing.png') });

    // One tap: sign up in the same flow, and back on the price-cut the cut is made.
    await friend.getByRole('link', { name: '帮TA砍一刀' }).click();
    await signUpZh(friend, '周小舟');
    await onPath(friend, new RegExp(`^/bargain/${cut.id}$`));
    await visible(friend, /^你帮忙砍掉了 ¥/);
    expect(new URL(friend.url()).search).not.toContain('do=');

    const after = await sharer.api.get(`/api/v1/bargain/cuts/${cut.id}`);
    expect(after.helps).toBe(1);
    expect(after.helpers.map((h: { name: string; newCustomer: boolean }) => [h.name, h.newCustomer])).toEqual([['周小舟', true]]);
    expect(after.currentPrice.amount).toBeLessThan(cut.currentPrice.amount);
    // The friend came through the sharer's price-cut link: counted as her invite (the campaign counts every share link).
    // Attribution reaches referral through event consumers, so it lands a moment after the sign-up.
    await expect.poll(async () => (await op.get(`/api/v1/admin/referral/campaigns/${inviteCampaignId}`)).stats.referrals.pending, { timeout: 30_000 }).toBe(1);
    await expect.poll(async () => (await sharer.api.get('/api/v1/me/invite')).invitees.map((i: { status: string }) => i.status), { timeout: 30_000 }).toEqual(['pending']);
    expect(errors).toEqual([]);
    await context.close();
  });
});
