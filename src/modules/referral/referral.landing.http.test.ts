// The friend's side: the public invite landing (by code, old links by account id), the running
// campaign's new-customer offer, and an invite counted through any of a shopper's share links.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { sellableSku } from '../../../test/fixtures.ts';

let t: TestContext;
let op: TestUser;
let productId: string;
let templateId: string;
beforeAll(async () => {
  t = await createTestContext();
  op = await t.operator();
  ({ productId } = await sellableSku(t, { price: 5000, stock: 1000 }));
  const tpl = await t.request({ method: 'POST', url: '/api/v1/admin/coupons/templates', as: op, body: { name: '新人券', kind: 'fixed', discountAmount: 1500, minSpendAmount: 9900, scope: 'store', validDaysAfterClaim: 7 } });
  expect(tpl.statusCode, tpl.body).toBe(201);
  expect((await t.request({ method: 'POST', url: `/api/v1/admin/coupons/templates/${tpl.data.id}/activate`, as: op })).statusCode).toBe(200);
  templateId = tpl.data.id;
});
afterAll(() => t?.close());

async function campaign(body: Record<string, unknown> = {}) {
  const created = await t.request({ method: 'POST', url: '/api/v1/admin/referral/campaigns', as: op, body: { name: '邀请有礼', qualifyOn: 'signup', inviterReward: { kind: 'points', points: 200 }, inviteeReward: { kind: 'coupon', templateId }, ...body } });
  expect(created.statusCode, created.body).toBe(201);
  expect((await t.request({ method: 'POST', url: `/api/v1/admin/referral/campaigns/${created.data.id}/start`, as: op })).statusCode).toBe(200);
  return created.data;
}

/** A visitor opens a share link, then signs up in the same browser (its visitor cookie). */
async function arriveAndSignUp(shareUrl: string, cookie?: string) {
  const click = await t.request({ method: 'GET', url: shareUrl, headers: cookie ? { cookie } : {} });
  expect(click.statusCode).toBe(302);
  const visitor = cookie ?? `fission_vid=${click.cookies.find((k) => k.name === 'fission_vid')!.value}`;
  const email = `friend-${Math.random().toString(36).slice(2, 10)}@example.com`;
  const reg = await t.request({ method: 'POST', url: '/api/v1/auth/register', headers: { cookie: visitor }, body: { email, code: await t.registrationCode({ email }), password: 'fission2026', displayName: '新朋友', session: 'bearer' } });
  expect(reg.statusCode, reg.body).toBe(201);
  await t.settle();
  return { id: reg.data.user.id as string, visitor };
}

const share = async (user: TestUser, target: { type: string; id: string }) => {
  const res = await t.request({ method: 'POST', url: '/api/v1/shares', as: user, body: { target, channel: 'wechat' } });
  expect(res.statusCode, res.body).toBe(201);
  return res.data.url as string;
};
const referralOf = (inviteeId: string) => t.platform.db.selectFrom('referrals').selectAll().where('invitee_id', '=', inviteeId).executeTakeFirst();

describe('invite landing (public)', () => {
  it('names the inviter masked and the gift with its amount and conditions, without a session and without private data; 404 for an unknown code', async () => {
    const c = await campaign();
    const inviter = await t.signUp({ displayName: '王小美' });
    const me = await t.request({ method: 'GET', url: '/api/v1/me/invite', as: inviter });
    expect(me.data.inviteUrl).toBe(`/invite/${me.data.code}`);
    expect(me.data.campaign.countShareLinks).toBe(true);

    const res = await t.request({ method: 'GET', url: `/api/v1/referral/invites/${me.data.code}` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.data.code).toBe(me.data.code);
    expect(res.data.inviter.initial).toBe([...res.data.inviter.name][0]);
    expect(res.data.inviter.name).toMatch(/\*/);
    expect(res.data.offer).toMatchObject({ campaignId: c.id, qualifyOn: 'signup', countShareLinks: true, reward: { kind: 'coupon', coupon: { name: '新人券', amount: { amount: 1500 }, minSpend: { amount: 9900 }, validDaysAfterClaim: 7 } } });
    // Nothing that reaches the person: no account id, email or phone anywhere in the answer.
    expect(res.body).not.toContain(inviter.id);
    expect(res.body).not.toContain(inviter.email);
    expect(res.body).not.toMatch(/phone|email|address|budget/i);

    // An old link by account id resolves and answers with the code to move to.
    const old = await t.request({ method: 'GET', url: `/api/v1/referral/invites/${inviter.id}` });
    expect(old.statusCode).toBe(200);
    expect(old.data.code).toBe(me.data.code);

    const unknown = await t.request({ method: 'GET', url: '/api/v1/referral/invites/ZZZZ9999' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.data.error.code).toBe('REFERRAL_INVITE_NOT_FOUND');
    expect((await t.request({ method: 'GET', url: '/api/v1/referral/invites/00000000-0000-4000-8000-000000000000' })).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: '/api/v1/referral/invites/a%20b' })).statusCode).toBe(400);

    const offer = await t.request({ method: 'GET', url: '/api/v1/referral/offer' });
    expect(offer.statusCode).toBe(200);
    expect(offer.data.offer.reward.coupon.amount.amount).toBe(1500);
  });
});

describe('an invite through any share link', () => {
  it("counts a new customer who arrived through a shopper's product link as her invite, once, to the first share opened", async () => {
    const c = await campaign();
    const sharer = await t.signUp();
    const other = await t.signUp();
    const friend = await arriveAndSignUp(await share(sharer, { type: 'product', id: productId }));
    const bound = await referralOf(friend.id);
    expect(bound).toMatchObject({ campaign_id: c.id, inviter_id: sharer.id, source: 'share', status: 'qualified' });
    const mine = await t.request({ method: 'GET', url: '/api/v1/me/invite', as: sharer });
    expect(mine.data.qualified).toBe(1);

    // First touch: a newcomer who opened the sharer's link and then another shopper's counts for the first.
    const first = await share(sharer, { type: 'product', id: productId });
    const click = await t.request({ method: 'GET', url: first });
    const cookie = `fission_vid=${click.cookies.find((k) => k.name === 'fission_vid')!.value}`;
    t.clock.advance(60_000);
    const second = await arriveAndSignUp(await share(other, { type: 'product', id: productId }), cookie);
    expect((await referralOf(second.id))?.inviter_id).toBe(sharer.id);
    expect((await t.request({ method: 'GET', url: '/api/v1/me/invite', as: sharer })).data.qualified).toBe(2);

    // Once: the same customer signing in again or being attributed again binds nothing more.
    const event = await t.platform.db.selectFrom('outbox_events').selectAll().where('type', '=', 'customer.attributed').where('aggregate_id', '=', friend.id).executeTakeFirstOrThrow();
    await t.platform.db.transaction().execute((trx) => t.services.referral.onCustomerAttributed(trx, { ...(event.payload as any), sharerId: other.id }));
    expect((await referralOf(friend.id))?.inviter_id).toBe(sharer.id);
    expect(await t.platform.db.selectFrom('referrals').select('id').where('invitee_id', '=', friend.id).execute()).toHaveLength(1);
  });

  it('refuses a self-referral through a share link (same device) and counts nothing when the campaign setting is off', async () => {
    await campaign();
    const sharer = await t.signUp();
    const link = await share(sharer, { type: 'product', id: productId });
    // The sharer's own second account on the same device: bound as refused, never counted.
    const click = await t.request({ method: 'GET', url: link });
    const visitor = click.cookies.find((k) => k.name === 'fission_vid')!.value;
    const email = `twin-${Math.random().toString(36).slice(2, 10)}@example.com`;
    const deviceId = `device-twin-${Math.random().toString(36).slice(2, 10)}`;
    await t.request({ method: 'POST', url: '/api/v1/auth/login', headers: { 'x-device-id': deviceId }, body: { login: sharer.email, password: 'fission2026', session: 'bearer' } });
    const twin = await t.request({ method: 'POST', url: '/api/v1/auth/register', headers: { cookie: `fission_vid=${visitor}`, 'x-device-id': deviceId }, body: { email, code: await t.registrationCode({ email }), password: 'fission2026', displayName: '小号', session: 'bearer' } });
    expect(twin.statusCode, twin.body).toBe(201);
    await t.settle();
    const self = await referralOf(twin.data.user.id);
    expect(self?.status).toBe('refused');
    expect((await t.request({ method: 'GET', url: '/api/v1/me/invite', as: sharer })).data.qualified).toBe(0);

    // Setting off: a product-link newcomer is not an invite; an invite-page link still is.
    await campaign({ countShareLinks: false });
    const sharer2 = await t.signUp();
    const viaProduct = await arriveAndSignUp(await share(sharer2, { type: 'product', id: productId }));
    expect(await referralOf(viaProduct.id)).toBeUndefined();
    const viaInvite = await arriveAndSignUp(await share(sharer2, { type: 'invite', id: sharer2.id }));
    expect((await referralOf(viaInvite.id))?.inviter_id).toBe(sharer2.id);
  });
});
