import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { payOrder, sellableSku, shopperWithAddress } from '../../../test/fixtures.ts';

let t: TestContext;
let op: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  op = await t.operator();
});
afterAll(() => t?.close());

const blacklistDevice = (value: string) => t.request({ method: 'POST', url: '/api/v1/admin/risk/blacklist', as: op, body: { kind: 'device', value, note: '农场设备' } });
const count = async (table: 'orders' | 'groupbuy_members' | 'lottery_entries') => Number(((await t.platform.db.selectFrom(table as any).select((eb: any) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()) as any).n);

describe('risk on group-buy joins', () => {
  it('a sock puppet on the leader\'s device is refused with nothing written; a blacklisted device too; a friend joins', async () => {
    const { skuId } = await sellableSku(t, { price: 9900, stock: 1000 });
    const c = (await t.request({ method: 'POST', url: '/api/v1/admin/groupbuy/campaigns', as: op, body: { name: '三人团', skuId, groupPrice: 5900, teamSize: 3, stock: 100 } })).data;
    await t.request({ method: 'POST', url: `/api/v1/admin/groupbuy/campaigns/${c.id}/start`, as: op });
    const leader = await shopperWithAddress(t);
    const opened = await t.request({ method: 'POST', url: `/api/v1/groupbuy/campaigns/${c.id}/teams`, as: leader.user, body: { addressId: leader.addressId }, headers: { 'x-device-id': 'leader-phone-001' } });
    expect(opened.statusCode, opened.body).toBe(201);
    await payOrder(t, leader.user, opened.data.order.id);
    // The leader's device is known from signing in on it.
    await t.request({ method: 'POST', url: '/api/v1/auth/login', headers: { 'x-device-id': 'leader-phone-001' }, body: { login: leader.user.email, password: 'fission2026', session: 'bearer' } });
    await t.settle();
    const teamId = opened.data.team.id;
    const join = (s: Awaited<ReturnType<typeof shopperWithAddress>>, device: string) => t.request({ method: 'POST', url: `/api/v1/groupbuy/teams/${teamId}/join`, as: s.user, body: { addressId: s.addressId }, headers: { 'x-device-id': device } });

    const [orders, members] = [await count('orders'), await count('groupbuy_members')];
    const puppet = await shopperWithAddress(t);
    const refused = await join(puppet, 'leader-phone-001');
    expect(refused.statusCode).toBe(403);
    expect(refused.data.error.code).toBe('RISK_BLOCKED');
    await blacklistDevice('farm-phone-0099');
    const farmed = await join(await shopperWithAddress(t), 'farm-phone-0099');
    expect(farmed.data.error.code).toBe('RISK_BLOCKED');
    expect([await count('orders'), await count('groupbuy_members')]).toEqual([orders, members]);

    const friend = await shopperWithAddress(t);
    const ok = await join(friend, 'friend-phone-0001');
    expect(ok.statusCode, ok.body).toBe(201);
  });
});

describe('risk on new-customer offers', () => {
  it('a fresh account on a paying customer\'s phone cannot take a new-customers-only seat; a newcomer on their own phone can', async () => {
    const { skuId } = await sellableSku(t, { price: 9900, stock: 1000 });
    const c = (await t.request({ method: 'POST', url: '/api/v1/admin/groupbuy/campaigns', as: op, body: { name: '新人团', skuId, groupPrice: 990, teamSize: 3, stock: 100, newCustomersOnly: true } })).data;
    expect(c.newCustomersOnly).toBe(true);
    await t.request({ method: 'POST', url: `/api/v1/admin/groupbuy/campaigns/${c.id}/start`, as: op });
    const leader = await shopperWithAddress(t);
    const opened = await t.request({ method: 'POST', url: `/api/v1/groupbuy/campaigns/${c.id}/teams`, as: leader.user, body: { addressId: leader.addressId }, headers: { 'x-device-id': 'newbie-leader-01' } });
    expect(opened.statusCode, opened.body).toBe(201);
    await payOrder(t, leader.user, opened.data.order.id);
    // A customer who has bought before, signed in on her phone.
    const regular = await shopperWithAddress(t);
    const { skuId: other } = await sellableSku(t, { price: 5000, stock: 10 });
    const order = await t.request({ method: 'POST', url: '/api/v1/orders', as: regular.user, body: { items: [{ skuId: other, quantity: 1 }], addressId: regular.addressId } });
    await payOrder(t, regular.user, order.data.id);
    await t.request({ method: 'POST', url: '/api/v1/auth/login', headers: { 'x-device-id': 'regular-phone-01' }, body: { login: regular.user.email, password: 'fission2026', session: 'bearer' } });
    await t.settle();

    const join = (s: Awaited<ReturnType<typeof shopperWithAddress>>, device: string) => t.request({ method: 'POST', url: `/api/v1/groupbuy/teams/${opened.data.team.id}/join`, as: s.user, body: { addressId: s.addressId }, headers: { 'x-device-id': device } });
    const [orders, members] = [await count('orders'), await count('groupbuy_members')];
    const second = await shopperWithAddress(t);
    const refused = await join(second, 'regular-phone-01');
    expect(refused.statusCode, refused.body).toBe(403);
    expect(['RISK_HELD', 'RISK_BLOCKED']).toContain(refused.data.error.code);
    expect([await count('orders'), await count('groupbuy_members')]).toEqual([orders, members]);
    const decision = await t.platform.db.selectFrom('risk_decisions' as any).select('reasons' as any).where('id' as any, '=', refused.data.error.details.decisionId).executeTakeFirstOrThrow();
    expect(JSON.stringify(decision)).toContain('NEW_CUSTOMER_OFFER_ON_BUYERS_DEVICE');

    const newcomer = await shopperWithAddress(t);
    const ok = await join(newcomer, 'newcomer-phone-01');
    expect(ok.statusCode, ok.body).toBe(201);
  });
});

describe('risk and the card a customer pays with', () => {
  it('the sandbox fingerprints the card; a blacklisted card blocks its account\'s later rewards, another card\'s does not', async () => {
    const { skuId } = await sellableSku(t, { price: 5000, stock: 10 });
    const buyWith = async (card: string) => {
      const s = await shopperWithAddress(t);
      const order = await t.request({ method: 'POST', url: '/api/v1/orders', as: s.user, body: { items: [{ skuId, quantity: 1 }], addressId: s.addressId } });
      await payOrder(t, s.user, order.data.id, card);
      return s;
    };
    // Any valid number that is not one of the sandbox's declines pays; the same number, the same fingerprint.
    const [a, b, c] = [await buyWith('4111111111111111'), await buyWith('4111111111111111'), await buyWith('5555555555554444')];
    await t.settle();
    const cardOf = async (userId: string) => (await t.platform.db.selectFrom('risk_accounts' as any).select('card_fingerprint' as any).where('user_id' as any, '=', userId).executeTakeFirstOrThrow() as any).card_fingerprint as string;
    const [fa, fb, fc] = [await cardOf(a.user.id), await cardOf(b.user.id), await cardOf(c.user.id)];
    expect(fa).toMatch(/^fp_[\w-]{22}$/);
    expect(fb).toBe(fa);
    expect(fc).not.toBe(fa);
    expect(fa).not.toContain('4111');
    // The sandbox's published test card is everybody's: it carries no fingerprint to link them by.
    const d = await buyWith('4242424242424242');
    await t.settle();
    expect(await cardOf(d.user.id)).toBeNull();

    const listed = await t.request({ method: 'POST', url: '/api/v1/admin/risk/blacklist', as: op, body: { kind: 'card', value: fa, note: '盗刷卡' } });
    expect(listed.statusCode, listed.body).toBe(201);
    const tpl = (await t.request({ method: 'POST', url: '/api/v1/admin/coupons/templates', as: op, body: { name: '¥5 off', kind: 'fixed', discountAmount: 500, scope: 'store', validDaysAfterClaim: 7, totalQuota: 100 } })).data;
    await t.request({ method: 'POST', url: `/api/v1/admin/coupons/templates/${tpl.id}/activate`, as: op });
    const claim = (s: Awaited<ReturnType<typeof shopperWithAddress>>) => t.request({ method: 'POST', url: `/api/v1/coupons/templates/${tpl.id}/claim`, as: s.user });
    const refused = await claim(b);
    expect(refused.statusCode).toBe(403);
    expect(refused.data.error.code).toBe('RISK_BLOCKED');
    const allowed = await claim(c);
    expect(allowed.statusCode, allowed.body).toBe(201);
  });
});

describe('risk on lucky draws', () => {
  it('a blacklisted device cannot draw and spends no chance, nor can its account on another device; others draw', async () => {
    const iso = (ms: number) => new Date(t.clock.now().getTime() + ms).toISOString();
    const res = await t.request({ method: 'POST', url: '/api/v1/admin/lottery/draws', as: op, body: { name: '幸运大转盘', rulesText: '每人每天 1 次', startsAt: iso(-60_000), endsAt: iso(86_400_000), dailyFreeChances: 1, prizes: [{ name: '100 积分', kind: 'points', points: 100, weight: 50, valueAmount: 100 }, { name: '谢谢参与', kind: 'nothing', weight: 50 }] } });
    expect(res.statusCode, res.body).toBe(201);
    await t.request({ method: 'POST', url: `/api/v1/admin/lottery/draws/${res.data.id}/start`, as: op });
    await blacklistDevice('draw-farm-0001');
    const s = await t.signUp();
    const entries = await count('lottery_entries');
    const refused = await t.request({ method: 'POST', url: `/api/v1/lottery/draws/${res.data.id}/draw`, as: s, headers: { 'x-device-id': 'draw-farm-0001' } });
    expect(refused.statusCode).toBe(403);
    expect(refused.data.error.code).toBe('RISK_BLOCKED');
    expect(await count('lottery_entries')).toBe(entries);
    // The account that used a blacklisted device stays blocked on a clean one; another shopper draws.
    const again = await t.request({ method: 'POST', url: `/api/v1/lottery/draws/${res.data.id}/draw`, as: s, headers: { 'x-device-id': 'clean-phone-0001' } });
    expect(again.data.error.code).toBe('RISK_BLOCKED');
    const ok = await t.request({ method: 'POST', url: `/api/v1/lottery/draws/${res.data.id}/draw`, as: await t.signUp(), headers: { 'x-device-id': 'clean-phone-0002' } });
    expect(ok.statusCode, ok.body).toBe(201);
  });
});
