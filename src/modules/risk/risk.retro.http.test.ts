// New evidence re-scores earlier rewards whose value is unspent: a device that becomes a farm on
// its third account takes back the first two accounts' unused coupons and their price-cut helps,
// a spent coupon stays spent, a release pays a withheld reward once; level `off` records nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { addressOf, payOrder, sellableSku } from '../../../test/fixtures.ts';

let t: TestContext;
let op: TestUser;
let skuId: string;
beforeAll(async () => {
  t = await createTestContext({ trustProxy: ['127.0.0.1'] });
  op = await t.operator();
  ({ skuId } = await sellableSku(t, { price: 19_900, stock: 1000 }));
});
afterAll(() => t?.close());

async function template() {
  const res = await t.request({ method: 'POST', url: '/api/v1/admin/coupons/templates', as: op, body: { name: '¥10 off', kind: 'fixed', discountAmount: 1000, scope: 'store', validDaysAfterClaim: 7, totalQuota: 100 } });
  expect(res.statusCode, res.body).toBe(201);
  await t.request({ method: 'POST', url: `/api/v1/admin/coupons/templates/${res.data.id}/activate`, as: op });
  return res.data as { id: string };
}
const claim = (user: TestUser, templateId: string, headers: Record<string, string> = {}) => t.request({ method: 'POST', url: `/api/v1/coupons/templates/${templateId}/claim`, as: user, headers });
const couponsOf = (userId: string, templateId: string) => t.platform.db.selectFrom('coupons').select(['id', 'status', 'source']).where('user_id', '=', userId).where('template_id', '=', templateId).orderBy('created_at').execute();
const decisionsOn = (campaignId: string) => t.platform.db.selectFrom('risk_decisions').selectAll().where('campaign_id', '=', campaignId).orderBy('created_at').execute();
const setLevel = (scope: 'mechanic' | 'campaign', key: string, level: string | null) => t.request({ method: 'PUT', url: '/api/v1/admin/risk/levels', as: op, body: { scope, key, level } });

describe('retroactive re-scoring', () => {
  it('a device farm found on its third account takes back the first two accounts\' unused coupons; a spent one stays; a release grants once', async () => {
    const tpl = await template();
    const phone = { 'x-device-id': 'retro-farm-0001', 'x-forwarded-for': '198.51.100.40' };
    const [a, b, c] = await Promise.all([0, 1, 2].map(() => t.signUp()));
    await t.settle();
    expect((await claim(a!, tpl.id, phone)).statusCode).toBe(201);
    expect((await claim(b!, tpl.id, phone)).statusCode).toBe(201);
    // b spends its coupon on an order before the farm is evident.
    const coupon = (await couponsOf(b!.id, tpl.id))[0]!;
    const order = await t.request({ method: 'POST', url: '/api/v1/orders', as: b!, body: { items: [{ skuId, quantity: 1 }], addressId: await addressOf(t, b!), couponIds: [coupon.id] } });
    expect(order.statusCode, order.body).toBe(201);
    await payOrder(t, b!, order.data.id);
    expect((await couponsOf(b!.id, tpl.id))[0]!.status).toBe('used');

    const third = await claim(c!, tpl.id, phone);
    expect(third.data.error.code).toBe('RISK_HELD');
    const after = await decisionsOn(tpl.id);
    const of = (u: TestUser) => after.find((d) => d.user_id === u.id)!;
    // a's claim: re-scored with the farm, withheld (its coupon revoked) and held for review.
    expect(of(a!).status).toBe('held');
    expect(of(a!).reasons.map((r) => r.code).sort()).toEqual(['DEVICE_FARM', 'NEW_ACCOUNT']);
    expect(of(a!).explanation_en).toContain('3 accounts on one device');
    expect((await couponsOf(a!.id, tpl.id)).map((x) => x.status)).toEqual(['revoked']);
    // b's was spent: nothing to take back, the decision stays allowed.
    expect(of(b!).status).toBe('allowed');
    expect((await couponsOf(b!.id, tpl.id)).map((x) => x.status)).toEqual(['used']);

    const both = await Promise.all([0, 1].map(() => t.request({ method: 'POST', url: `/api/v1/admin/risk/cases/${of(a!).id}/release`, as: op, body: { reason: '一家人共用手机' } })));
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect((await couponsOf(a!.id, tpl.id)).map((x) => [x.status, x.source])).toEqual([['revoked', 'claim'], ['available', 'issue']]);
  });

  it('a helper farm found on its third account takes its first two helps off a price-cut not yet ordered', async () => {
    const created = await t.request({ method: 'POST', url: '/api/v1/admin/bargain/campaigns', as: op, body: { name: '砍价', skuId, floorAmount: 990, helpersNeeded: 10, stock: 10 } });
    await t.request({ method: 'POST', url: `/api/v1/admin/bargain/campaigns/${created.data.id}/start`, as: op });
    const owner = await t.signUp();
    const cut = (await t.request({ method: 'POST', url: `/api/v1/bargain/campaigns/${created.data.id}/cuts`, as: owner, headers: { 'x-device-id': 'owner-phone-r1' } })).data;
    const friend = await t.signUp();
    expect((await t.request({ method: 'POST', url: `/api/v1/bargain/cuts/${cut.id}/help`, as: friend, headers: { 'x-device-id': 'friend-phone-r1', 'x-forwarded-for': '198.51.100.60' } })).statusCode).toBe(200);
    const farm = await Promise.all([0, 1, 2].map(() => t.signUp()));
    await t.settle();
    const codes = [];
    for (const h of farm) codes.push((await t.request({ method: 'POST', url: `/api/v1/bargain/cuts/${cut.id}/help`, as: h, headers: { 'x-device-id': 'helper-phone-r1', 'x-forwarded-for': '198.51.100.61' } })).statusCode);
    expect(codes).toEqual([200, 200, 403]);
    const helps = await t.platform.db.selectFrom('bargain_helps').select(['helper_id', 'seq', 'amount']).where('cut_id', '=', cut.id).orderBy('seq').execute();
    // Only the owner's own first cut (seq 0) and the organic friend's help are left, numbered 1; the
    // price is the original less those two.
    expect(helps.map((h) => [h.helper_id, h.seq])).toEqual([[owner.id, 0], [friend.id, 1]]);
    const row = await t.platform.db.selectFrom('bargain_cuts').select(['helps', 'current_amount', 'original_amount', 'status']).where('id', '=', cut.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ helps: 1, current_amount: row.original_amount - helps[0]!.amount - helps[1]!.amount, status: 'open' });
    const decisions = await decisionsOn(created.data.id);
    expect(decisions.filter((d) => farm.some((f) => f.id === d.user_id)).map((d) => d.status)).toEqual(['held', 'held', 'held']);
    expect(decisions.find((d) => d.user_id === friend.id)!.status).toBe('allowed');
  });

  it('level off switches risk out of a mechanic: the farm claims freely and nothing is recorded', async () => {
    const tpl = await template();
    expect((await setLevel('mechanic', 'coupon', 'off')).statusCode).toBe(200);
    const phone = { 'x-device-id': 'off-farm-0001' };
    const shoppers = await Promise.all([0, 1, 2, 3].map(() => t.signUp()));
    await t.settle();
    for (const s of shoppers) expect((await claim(s, tpl.id, phone)).statusCode).toBe(201);
    expect(await decisionsOn(tpl.id)).toEqual([]);
    await setLevel('mechanic', 'coupon', null);
  });
});

describe('signals outside the reward points', () => {
  it('sign-up keeps the email domain (throwaway ones weigh on later decisions), sign-in the client IP, /24 and browser; a paid order its address hash', async () => {
    const email = `farm${Date.now()}@mailinator.com`;
    const code = await t.registrationCode({ email });
    const headers = { 'x-device-id': 'signal-phone-0001', 'x-forwarded-for': '198.51.100.77', 'user-agent': 'Mozilla/5.0 (iPhone) MicroMessenger/8.0' };
    const res = await t.request({ method: 'POST', url: '/api/v1/auth/register', headers, body: { email, code, password: 'fission2026', displayName: 'Farm', session: 'bearer' } });
    expect(res.statusCode, res.body).toBe(201);
    const user: TestUser = { id: res.data.user.id, email, token: res.data.token, headers: { authorization: `Bearer ${res.data.token}` } };
    await t.settle();
    const seen = await t.platform.db.selectFrom('risk_signals').selectAll().where('user_id', '=', user.id).orderBy('action_kind').execute();
    expect(seen.find((s) => s.action_kind === 'account.registered')).toMatchObject({ device_id: 'signal-phone-0001', ip: '198.51.100.77', ip_prefix: '198.51.100.0/24', user_agent: headers['user-agent'], email_domain: 'mailinator.com', disposable_email: true });
    expect(seen.find((s) => s.action_kind === 'account.signed_in')).toMatchObject({ device_id: 'signal-phone-0001', ip_prefix: '198.51.100.0/24' });

    const tpl = await template();
    expect((await claim(user, tpl.id, headers)).statusCode).toBe(201);
    const decision = (await decisionsOn(tpl.id))[0]!;
    expect(decision.reasons.map((r) => r.code).sort()).toEqual(['DISPOSABLE_EMAIL', 'NEW_ACCOUNT']);
    expect(decision.signals).toMatchObject({ emailDomain: 'mailinator.com', disposableEmail: true, userAgent: headers['user-agent'] });

    const order = await t.request({ method: 'POST', url: '/api/v1/orders', as: user, body: { items: [{ skuId, quantity: 1 }], addressId: await addressOf(t, user) } });
    await payOrder(t, user, order.data.id);
    const paid = await t.platform.db.selectFrom('risk_signals').select('address_hash').where('user_id', '=', user.id).where('action_kind', '=', 'order.paid').execute();
    expect(paid).toHaveLength(1);
    expect(paid[0]!.address_hash).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('alerts on bursts', () => {
  it('a burst of holds on one coupon from one /24 raises a campaign alert and a network alert', async () => {
    const tpl = await template();
    const shoppers = await Promise.all(Array.from({ length: 6 }, () => t.signUp()));
    await t.settle();
    const codes = [];
    for (const [i, s] of shoppers.entries()) codes.push((await claim(s, tpl.id, { 'x-forwarded-for': `192.0.2.${i + 1}`, 'x-device-id': `burst-phone-${i}` })).statusCode);
    expect(codes).toEqual([201, 201, 201, 201, 403, 403]);
    const res = await t.request({ method: 'GET', url: '/api/v1/admin/risk/alerts?hours=1', as: op });
    expect(res.statusCode).toBe(200);
    const mine = res.data.items.filter((a: { key: string }) => a.key === tpl.id || a.key === '192.0.2.0/24');
    expect(mine.map((a: { scope: string; count: number }) => [a.scope, a.count]).sort()).toEqual([['campaign', 6], ['network', 6]]);
    expect(mine[0].atStake).toEqual({ amount: 6000, currency: 'CNY' });
    expect((await t.request({ method: 'GET', url: '/api/v1/admin/risk/alerts?hours=0', as: op })).data.error.code).toBe('VALIDATION_FAILED');
  });
});
