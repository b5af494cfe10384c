import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { addressOf, payOrder, placeOrder, sellableSku } from '../../../test/fixtures.ts';

let t: TestContext;
let op: TestUser;
let skuId: string;
beforeAll(async () => {
  t = await createTestContext();
  op = await t.operator();
  ({ skuId } = await sellableSku(t, { price: 5000, stock: 1000 }));
});
afterAll(() => t?.close());

const points = async (userId: string) => (await t.services.loyalty.getAccount(userId)).balance;

async function campaign(body: Record<string, unknown> = {}) {
  const created = await t.request({ method: 'POST', url: '/api/v1/admin/referral/campaigns', as: op, body: { name: '邀请有礼', inviterReward: { kind: 'points', points: 200 }, inviteeReward: { kind: 'points', points: 100 }, ...body } });
  expect(created.statusCode).toBe(201);
  const started = await t.request({ method: 'POST', url: `/api/v1/admin/referral/campaigns/${created.data.id}/start`, as: op });
  expect(started.data.status).toBe('active');
  return created.data;
}

async function invited(code: string, headers: Record<string, string> = {}) {
  const email = `invitee-${Math.random().toString(36).slice(2, 10)}@example.com`;
  const res = await t.request({ method: 'POST', url: '/api/v1/auth/register', headers, body: { email, code: await t.registrationCode({ email }), password: 'fission2026', displayName: '新朋友', inviteCode: code, session: 'bearer' } });
  expect(res.statusCode).toBe(201);
  await t.settle();
  return { id: res.data.user.id, email, token: res.data.token, headers: { authorization: `Bearer ${res.data.token}` } } as TestUser;
}

async function firstOrder(user: TestUser) {
  const addressId = await addressOf(t, user);
  const order = await placeOrder(t, user, addressId, [{ skuId, quantity: 1 }]);
  await payOrder(t, user, order.id);
  await t.settle();
  return order;
}

describe('referral campaigns', () => {
  it('rewards both sides once when the invitee pays a first order; a full refund takes it back', async () => {
    const c = await campaign();
    const inviter = await t.signUp();
    const me = await t.request({ method: 'GET', url: '/api/v1/me/invite', as: inviter });
    expect(me.data.code).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
    expect(me.data.campaign.id).toBe(c.id);
    const friend = await invited(me.data.code);
    expect(await points(inviter.id)).toBe(0); // signed up, not yet qualified
    const order = await firstOrder(friend);
    const inviterPoints = await points(inviter.id);
    expect(inviterPoints).toBe(200);
    const friendPoints = await points(friend.id);
    expect(friendPoints).toBeGreaterThanOrEqual(100); // 100 for the invite plus points for the purchase

    // The same order.paid event delivered three times grants once.
    const event = await t.platform.db.selectFrom('outbox_events').selectAll().where('type', '=', 'order.paid').where('aggregate_id', '=', order.id).executeTakeFirstOrThrow();
    for (let i = 0; i < 3; i++) await t.platform.db.transaction().execute((trx) => t.services.referral.onOrderPaid(trx, event.payload as any));
    expect(await points(inviter.id)).toBe(200);
    expect(await t.platform.db.selectFrom('referral_rewards').select('id').where('campaign_id', '=', c.id).execute()).toHaveLength(2);

    const refund = await t.request({ method: 'POST', url: `/api/v1/admin/orders/${order.id}/refunds`, as: op, body: { full: true, reason: 'returned' } });
    expect(refund.statusCode).toBe(201);
    await t.settle();
    expect(await points(inviter.id)).toBe(0);
    const after = await t.request({ method: 'GET', url: '/api/v1/me/invite', as: inviter });
    expect(after.data.invitees[0].status).toBe('reversed');
    expect(after.data.rewards.every((r: any) => r.status === 'reversed')).toBe(true);
  });

  it('binds an invitee who arrived through the inviter\'s invite share', async () => {
    await campaign();
    const inviter = await t.signUp();
    const share = await t.request({ method: 'POST', url: '/api/v1/shares', as: inviter, body: { target: { type: 'invite', id: inviter.id }, channel: 'wechat' } });
    expect(share.statusCode).toBe(201);
    const click = await t.request({ method: 'GET', url: share.data.url });
    expect(click.statusCode).toBe(302);
    const visitor = click.cookies.find((c) => c.name === 'fission_vid')!.value;
    const email = `via-share-${Date.now()}@example.com`;
    const res = await t.request({ method: 'POST', url: '/api/v1/auth/register', headers: { cookie: `fission_vid=${visitor}` }, body: { email, code: await t.registrationCode({ email }), password: 'fission2026', displayName: '朋友', session: 'bearer' } });
    await t.settle();
    const friend = { id: res.data.user.id, email: '', token: res.data.token, headers: { authorization: `Bearer ${res.data.token}` } };
    const row = await t.platform.db.selectFrom('referrals').selectAll().where('invitee_id', '=', friend.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ inviter_id: inviter.id, source: 'share', share_id: share.data.id, status: 'pending' });
    await firstOrder(friend);
    expect(await points(inviter.id)).toBe(200 + 5); // the invite reward, and 5 for the share's click by a new visitor
  });

  it('refuses a self-referral from the same device and rewards nobody', async () => {
    await campaign();
    const inviter = await t.signUp();
    await t.request({ method: 'POST', url: '/api/v1/auth/login', headers: { 'x-device-id': 'device-shared-0001' }, body: { login: inviter.email, password: 'fission2026', session: 'bearer' } });
    const code = (await t.request({ method: 'GET', url: '/api/v1/me/invite', as: inviter })).data.code;
    const sock = await invited(code, { 'x-device-id': 'device-shared-0001' });
    await firstOrder(sock);
    const row = await t.platform.db.selectFrom('referrals').selectAll().where('invitee_id', '=', sock.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'refused', refused_reason: 'SAME_DEVICE' });
    expect(await points(inviter.id)).toBe(0);
  });

  it('an unknown invite code changes nothing; a code only binds once', async () => {
    await campaign();
    const lonely = await invited('ZZZZZZZZ');
    expect(await t.platform.db.selectFrom('referrals').select('id').where('invitee_id', '=', lonely.id).execute()).toEqual([]);
  });

  it('pays milestone rewards at 3 invites and shows the leaderboard', async () => {
    const c = await campaign({ milestones: [{ count: 3, reward: { kind: 'points', points: 1000 } }, { count: 10, reward: { kind: 'points', points: 5000 } }] });
    const inviter = await t.signUp({ displayName: '王大锤' });
    const code = (await t.request({ method: 'GET', url: '/api/v1/me/invite', as: inviter })).data.code;
    for (let i = 0; i < 3; i++) await firstOrder(await invited(code));
    expect(await points(inviter.id)).toBe(3 * 200 + 1000);
    const me = await t.request({ method: 'GET', url: '/api/v1/me/invite', as: inviter });
    expect(me.data).toMatchObject({ qualified: 3, nextMilestone: 10 });
    const board = await t.request({ method: 'GET', url: `/api/v1/referral/campaigns/${c.id}/leaderboard` });
    expect(board.data.items[0]).toEqual({ rank: 1, name: '王**', invites: 3 });
    expect(me.data.inviteUrl).toBe(`/invite/${code}`);
    const detail = await t.request({ method: 'GET', url: `/api/v1/admin/referral/campaigns/${c.id}`, as: op });
    expect(detail.data.leaderboard[0]).toMatchObject({ rank: 1, userId: inviter.id, invites: 3 });
  });

  it('holds rewards for review and releases them with the job after the holding period', async () => {
    await campaign({ holdHours: 24 });
    const inviter = await t.signUp();
    const code = (await t.request({ method: 'GET', url: '/api/v1/me/invite', as: inviter })).data.code;
    await firstOrder(await invited(code));
    expect(await points(inviter.id)).toBe(0);
    const held = await t.request({ method: 'GET', url: '/api/v1/admin/referral/rewards?status=held', as: op });
    expect(held.data.items.filter((r: any) => r.beneficiaryId === inviter.id)).toHaveLength(1);
    t.clock.advance(24 * 3_600_000 + 1000);
    await t.settle();
    expect(await points(inviter.id)).toBe(200);
  });

  it('qualifies at sign-up when the campaign says so, and shoppers cannot manage campaigns', async () => {
    await campaign({ qualifyOn: 'signup' });
    const inviter = await t.signUp();
    const code = (await t.request({ method: 'GET', url: '/api/v1/me/invite', as: inviter })).data.code;
    await invited(code);
    expect(await points(inviter.id)).toBe(200);
    const denied = await t.request({ method: 'POST', url: '/api/v1/admin/referral/campaigns', as: inviter, body: { name: 'x', inviterReward: null, inviteeReward: null } });
    expect(denied.statusCode).toBe(403);
    const bad = await t.request({ method: 'POST', url: '/api/v1/admin/referral/campaigns', as: op, body: { name: 'x', inviterReward: { kind: 'points', points: -5 }, inviteeReward: null } });
    expect(bad.statusCode).toBe(400);
  });
});
