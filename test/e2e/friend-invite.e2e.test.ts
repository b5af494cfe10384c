/// <reference lib="dom" />
// The friend's side of an invite: a friend opens the invite link signed out, sees who invited
// them and the gift with its amount and conditions, taps the one button, signs up with the invite
// applied, and is welcomed back on the landing without a second tap. An old link by account id
// moves to the code.
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onPath, visible } from './storefront.ts';
import { ROOT } from './paths.ts';
import { ApiClient, browserTestsEnabled, launchBrowser, phoneContext, registerShopper, watchErrors } from './support.ts';
import { signUpZh, startInviteCampaign } from './friend.ts';

describe.runIf(browserTestsEnabled())('a friend accepts an invite', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('names the inviter and the gift, and sign-up applies the invite', async () => {
    const op = await ApiClient.operator();
    const { campaignId } = await startInviteCampaign(op);
    const inviter = await registerShopper('王小美');
    const me = await inviter.api.get('/api/v1/me/invite');
    expect(me.inviteUrl).toBe(`/invite/${me.code}`);
    const share = await inviter.api.post('/api/v1/shares', { target: { type: 'invite', id: inviter.id }, channel: 'wechat' });

    const context = await phoneContext(browser, 'zh-CN');
    const friend = await context.newPage();
    const errors = watchErrors(friend);
    // An old link by account id lands on the code.
    await friend.goto(`/invite/${inviter.id}`);
    await onPath(friend, new RegExp(`^/invite/${me.code}$`));

    await friend.goto(share.url);
    await onPath(friend, new RegExp(`^/invite/${me.code}$`));
    await visible(friend, '王** 邀请你来裂变商城');
    await visible(friend, '送你 ¥15.00 优惠券');
    await visible(friend, /满¥99\.00可用 · 领取后 7 天内有效 · 首单付款后到账/);
    await friend.screenshot({ path: path.join(ROOT, 'docs', 'screenshots', 'friend-invite-landing.png') });
    expect(await friend.content()).not.toContain(inviter.id);

    await friend.getByRole('link', { name: '注册领取 · ¥15.00 优惠券' }).click();
    expect(new URL(friend.url()).searchParams.get('invite')).toBe(me.code);
    await signUpZh(friend, '赵小北');
    await onPath(friend, new RegExp(`^/invite/${me.code}$`));
    await visible(friend, '欢迎加入！');
    await visible(friend, '已接受 王** 的邀请');

    // The invite is bound by an event consumer after the sign-up, so it shows a moment later.
    await expect.poll(async () => (await inviter.api.get('/api/v1/me/invite')).invitees, { timeout: 30_000 }).toEqual([expect.objectContaining({ name: '赵**', status: 'pending' })]);
    await expect.poll(async () => (await op.get(`/api/v1/admin/referral/campaigns/${campaignId}`)).stats.referrals.pending, { timeout: 30_000 }).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });
});
