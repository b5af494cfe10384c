import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { sellableSku } from '../../../test/fixtures.ts';

let t: TestContext;
let op: TestUser;
let skuId: string;
beforeAll(async () => {
  // Believe X-Forwarded-For from the test's loopback "proxy", so shoppers can come from many networks.
  t = await createTestContext({ trustProxy: ['127.0.0.1'] });
  op = await t.operator();
  ({ skuId } = await sellableSku(t, { price: 19_900, stock: 1000 }));
});
afterAll(() => t?.close());

async function template(body: Record<string, unknown> = {}) {
  const res = await t.request({ method: 'POST', url: '/api/v1/admin/coupons/templates', as: op, body: { name: '¥10 off', kind: 'fixed', discountAmount: 1000, scope: 'store', validDaysAfterClaim: 7, totalQuota: 100, ...body } });
  expect(res.statusCode, res.body).toBe(201);
  await t.request({ method: 'POST', url: `/api/v1/admin/coupons/templates/${res.data.id}/activate`, as: op });
  return res.data as { id: string };
}

const claim = (user: TestUser, templateId: string, headers: Record<string, string> = {}) => t.request({ method: 'POST', url: `/api/v1/coupons/templates/${templateId}/claim`, as: user, headers });
const couponsOf = (userId: string, templateId: string) => t.platform.db.selectFrom('coupons').select(['id', 'source', 'status']).where('user_id', '=', userId).where('template_id', '=', templateId).execute();
const claimedCount = async (templateId: string) => (await t.platform.db.selectFrom('coupon_templates').select('claimed_count').where('id', '=', templateId).executeTakeFirstOrThrow()).claimed_count;
const setLevel = (scope: 'mechanic' | 'campaign', key: string, level: string | null) => t.request({ method: 'PUT', url: '/api/v1/admin/risk/levels', as: op, body: { scope, key, level } });

describe('risk on coupon claims', () => {
  it('holds the third account claiming from one device, blocks the fourth at strict, and a release grants the coupon once', async () => {
    const tpl = await template();
    const device = { 'x-device-id': 'claim-farm-0001', 'x-forwarded-for': '198.51.100.20' };
    const shoppers = await Promise.all([0, 1, 2, 3].map(() => t.signUp()));
    await t.settle();
    expect((await claim(shoppers[0]!, tpl.id, device)).statusCode).toBe(201);
    expect((await claim(shoppers[1]!, tpl.id, device)).statusCode).toBe(201);
    const held = await claim(shoppers[2]!, tpl.id, device);
    expect(held.statusCode).toBe(403);
    expect(held.data.error.code).toBe('RISK_HELD');
    expect(await couponsOf(shoppers[2]!.id, tpl.id)).toEqual([]);
    // The held claim keeps its unit of the quota until review.
    expect(await claimedCount(tpl.id)).toBe(3);

    // The signals of the held claim: device, client IP through the trusted proxy, its /24.
    const decision = (await t.platform.db.selectFrom('risk_decisions').selectAll().where('id', '=', held.data.error.details.decisionId).executeTakeFirstOrThrow());
    expect(decision.signals).toMatchObject({ deviceId: 'claim-farm-0001', ip: '198.51.100.20', ipPrefix: '198.51.100.0/24' });
    expect(decision.reasons.map((r) => r.code)).toEqual(['DEVICE_FARM', 'NEW_ACCOUNT']);
    expect(decision.money_amount).toBe(1000);

    // Strict for coupons: the fourth account on the farm is refused outright and nothing is written.
    expect((await setLevel('mechanic', 'coupon', 'strict')).statusCode).toBe(200);
    const blocked = await claim(shoppers[3]!, tpl.id, device);
    expect(blocked.statusCode, JSON.stringify(await t.platform.db.selectFrom('risk_decisions').select(['level', 'score', 'reasons']).orderBy('created_at', 'desc').limit(1).execute())).toBe(403);
    expect(blocked.data.error.code, JSON.stringify(blocked.data)).toBe('RISK_BLOCKED');
    expect(await couponsOf(shoppers[3]!.id, tpl.id)).toEqual([]);
    expect(await claimedCount(tpl.id)).toBe(3);
    await setLevel('mechanic', 'coupon', null);

    // Concurrent releases: one wins, the coupon is granted once.
    const both = await Promise.all([0, 1].map(() => t.request({ method: 'POST', url: `/api/v1/admin/risk/cases/${decision.id}/release`, as: op, body: { reason: '家人共用手机' } })));
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await couponsOf(shoppers[2]!.id, tpl.id)).toHaveLength(1);
    expect(await claimedCount(tpl.id)).toBe(3);
  });

  it('a held claim sets its coupon aside: others cannot take it, a release pays it after the quota is gone, a cancel gives it back', async () => {
    const tpl = await template({ totalQuota: 3 });
    const device = { 'x-device-id': 'claim-farm-0002', 'x-forwarded-for': '198.51.100.30' };
    const [a, b, c, d, e] = await Promise.all([0, 1, 2, 3, 4].map(() => t.signUp()));
    await t.settle();
    expect((await claim(a!, tpl.id, device)).statusCode).toBe(201);
    expect((await claim(b!, tpl.id, device)).statusCode).toBe(201);
    const held = await claim(c!, tpl.id, device);
    expect(held.data.error.code).toBe('RISK_HELD');
    // Three of three taken (two claimed, one set aside): an honest shopper elsewhere finds it sold out.
    const other = await claim(d!, tpl.id, { 'x-device-id': 'honest-0002', 'x-forwarded-for': '203.0.113.9' });
    expect(other.data.error.code).toBe('COUPONS_SOLD_OUT');
    // A release pays the set-aside unit even though the quota is gone, and takes no more.
    const released = await t.request({ method: 'POST', url: `/api/v1/admin/risk/cases/${held.data.error.details.decisionId}/release`, as: op, body: { reason: '核实为家人' } });
    expect(released.statusCode, released.body).toBe(200);
    expect((await couponsOf(c!.id, tpl.id)).map((x) => x.status)).toEqual(['available']);
    expect(await claimedCount(tpl.id)).toBe(3);

    // Another template: a cancelled hold gives its unit back to the quota.
    const tpl2 = await template({ totalQuota: 3 });
    const device2 = { 'x-device-id': 'claim-farm-0003', 'x-forwarded-for': '198.51.100.40' };
    const [f, g, h] = await Promise.all([0, 1, 2].map(() => t.signUp()));
    await t.settle();
    expect((await claim(f!, tpl2.id, device2)).statusCode).toBe(201);
    expect((await claim(g!, tpl2.id, device2)).statusCode).toBe(201);
    const held2 = await claim(h!, tpl2.id, device2);
    expect(held2.data.error.code).toBe('RISK_HELD');
    expect(await claimedCount(tpl2.id)).toBe(3);
    const cancelled = await t.request({ method: 'POST', url: `/api/v1/admin/risk/cases/${held2.data.error.details.decisionId}/cancel`, as: op, body: { reason: '羊毛党' } });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(await couponsOf(h!.id, tpl2.id)).toEqual([]);
    expect(await claimedCount(tpl2.id)).toBe(2);
    expect((await claim(e!, tpl2.id, { 'x-device-id': 'honest-0003', 'x-forwarded-for': '203.0.113.10' })).statusCode).toBe(201);
  });

  it('holds a burst of new accounts from one /24 on one coupon, not the same crowd spread over networks', async () => {
    const tpl = await template();
    const shoppers = await Promise.all(Array.from({ length: 6 }, () => t.signUp()));
    await t.settle();
    const spread = await Promise.all(shoppers.slice(0, 5).map((s, i) => claim(s, tpl.id, { 'x-forwarded-for': `192.0.${i + 10}.7` })));
    expect(spread.map((r) => r.statusCode)).toEqual([201, 201, 201, 201, 201]);
    const tpl2 = await template();
    const codes = [];
    for (const [i, s] of shoppers.slice(0, 5).entries()) codes.push((await claim(s, tpl2.id, { 'x-forwarded-for': `203.0.113.${i + 1}` })).statusCode);
    // The fifth account from 203.0.113.0/24 within the hour is a burst (35) on a new account (10): held at moderate.
    expect(codes).toEqual([201, 201, 201, 201, 403]);
    const held = await t.platform.db.selectFrom('risk_decisions').select(['reasons', 'user_id']).where('campaign_id', '=', tpl2.id).where('status', '=', 'held').execute();
    expect(held.find((d) => d.user_id === shoppers[4]!.id)!.reasons.map((r) => r.code)).toEqual(['NETWORK_BURST', 'NEW_ACCOUNT']);
    // The burst re-scores its first four, who looked alone when they claimed: their unused coupons are taken back.
    expect(held.map((d) => d.user_id).sort()).toEqual(shoppers.slice(0, 5).map((s) => s.id).sort());
    expect(held.find((d) => d.user_id === shoppers[0]!.id)!.reasons.map((r) => r.code).sort()).toEqual(['NETWORK_BURST', 'NEW_ACCOUNT']);
    for (const s of shoppers.slice(0, 4)) expect((await couponsOf(s.id, tpl2.id)).map((c) => c.status)).toEqual(['revoked']);
    // The same crowd's claims on the first coupon, spread over networks, stay theirs.
    for (const s of shoppers.slice(0, 5)) expect((await couponsOf(s.id, tpl.id)).map((c) => c.status)).toEqual(['available']);
  });

  it('an operator lowers the burst threshold: the third new account from one /24 is held; bad tuning is refused', async () => {
    expect((await t.request({ method: 'PUT', url: '/api/v1/admin/risk/tuning', as: op, body: { deviceFarmAccounts: 1 } })).data.error.code).toBe('VALIDATION_FAILED');
    expect((await t.request({ method: 'PUT', url: '/api/v1/admin/risk/tuning', as: op, body: {} })).data.error.code).toBe('VALIDATION_FAILED');
    const set = await t.request({ method: 'PUT', url: '/api/v1/admin/risk/tuning', as: op, body: { networkBurstAccounts: 3 } });
    expect(set.data).toEqual({ deviceFarmAccounts: 3, networkBurstAccounts: 3, newAccountSeconds: 86_400 });
    const tpl = await template();
    const shoppers = await Promise.all([0, 1, 2].map(() => t.signUp()));
    await t.settle();
    const codes = [];
    for (const [i, s] of shoppers.entries()) codes.push((await claim(s, tpl.id, { 'x-forwarded-for': `198.18.7.${i + 1}` })).statusCode);
    expect(codes).toEqual([201, 201, 403]);
    await t.request({ method: 'PUT', url: '/api/v1/admin/risk/tuning', as: op, body: { networkBurstAccounts: 5 } });
  });

  it('a blacklisted IP range blocks; bad input writes no signal and no decision', async () => {
    const tpl = await template();
    await t.request({ method: 'POST', url: '/api/v1/admin/risk/blacklist', as: op, body: { kind: 'ip', value: '100.64.0.0/10', note: '代理池' } });
    const s = await t.signUp();
    const refused = await claim(s, tpl.id, { 'x-forwarded-for': '100.64.3.4' });
    expect(refused.data.error.code).toBe('RISK_BLOCKED');
    expect(refused.data.error.details.reasons).toEqual(['BLACKLISTED']);
    const before = (await t.platform.db.selectFrom('risk_signals').select('id').execute()).length;
    const missing = await claim(s, '00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    const malformed = await claim(s, 'not-a-uuid');
    expect(malformed.data.error.code).toBe('VALIDATION_FAILED');
    expect((await t.platform.db.selectFrom('risk_signals').select('id').execute()).length).toBe(before);
  });
});

describe('risk on price-cut helps', () => {
  async function bargainCampaign() {
    const created = await t.request({ method: 'POST', url: '/api/v1/admin/bargain/campaigns', as: op, body: { name: '砍价免费拿', skuId, floorAmount: 990, helpersNeeded: 5, stock: 10 } });
    expect(created.statusCode, created.body).toBe(201);
    await t.request({ method: 'POST', url: `/api/v1/admin/bargain/campaigns/${created.data.id}/start`, as: op });
    return created.data as { id: string };
  }
  const help = (user: TestUser, cutId: string, headers: Record<string, string> = {}) => t.request({ method: 'POST', url: `/api/v1/bargain/cuts/${cutId}/help`, as: user, headers });
  const signInOn = async (user: TestUser, deviceId: string) => {
    const res = await t.request({ method: 'POST', url: '/api/v1/auth/login', headers: { 'x-device-id': deviceId }, body: { login: user.email, password: 'fission2026', session: 'bearer' } });
    expect(res.statusCode).toBe(200);
    await t.settle();
  };

  it('blocks a helper on the owner\'s own device; at relaxed holds it, and a release lets the helper help', async () => {
    const c = await bargainCampaign();
    const owner = await t.signUp();
    await signInOn(owner, 'owner-phone-0001');
    const cut = (await t.request({ method: 'POST', url: `/api/v1/bargain/campaigns/${c.id}/cuts`, as: owner })).data;
    const sock = await t.signUp();
    const refused = await help(sock, cut.id, { 'x-device-id': 'owner-phone-0001' });
    expect(refused.statusCode).toBe(403);
    expect(refused.data.error.code).toBe('RISK_BLOCKED');
    expect(refused.data.error.details.reasons).toContain('SHARED_DEVICE_WITH_COUNTERPART');
    const after = await t.platform.db.selectFrom('bargain_cuts').select(['helps', 'current_amount']).where('id', '=', cut.id).executeTakeFirstOrThrow();
    expect(after.helps).toBe(0);
    // No friend's help (seq 0 is the owner's own first cut, made when the price-cut started).
    expect(await t.platform.db.selectFrom('bargain_helps').select('id').where('cut_id', '=', cut.id).where('seq', '>', 0).execute()).toEqual([]);

    // This campaign relaxed: the same evidence (90 + new account 10) is held instead.
    await setLevel('campaign', c.id, 'relaxed');
    const owner2 = await t.signUp();
    await signInOn(owner2, 'owner-phone-0002');
    const cut2 = (await t.request({ method: 'POST', url: `/api/v1/bargain/campaigns/${c.id}/cuts`, as: owner2 })).data;
    const sock2 = await t.signUp();
    const held = await help(sock2, cut2.id, { 'x-device-id': 'owner-phone-0002' });
    expect(held.data.error.code).toBe('RISK_HELD');
    const released = await t.request({ method: 'POST', url: `/api/v1/admin/risk/cases/${held.data.error.details.decisionId}/release`, as: op, body: { reason: '室友' } });
    expect(released.statusCode).toBe(200);
    const ok = await help(sock2, cut2.id, { 'x-device-id': 'owner-phone-0002' });
    expect(ok.statusCode, ok.body).toBe(200);
    const organic = await t.signUp();
    expect((await help(organic, cut.id, { 'x-device-id': 'friend-phone-0001' })).statusCode).toBe(200);
  });

  it('a help on a price-cut that does not exist is a 404 and records nothing', async () => {
    const s = await t.signUp();
    const before = (await t.platform.db.selectFrom('risk_decisions').select('id').execute()).length;
    const res = await help(s, '00000000-0000-4000-8000-000000000000');
    expect(res.statusCode).toBe(404);
    expect((await t.platform.db.selectFrom('risk_decisions').select('id').execute()).length).toBe(before);
  });
});
