// The admin customer pages' API: the list with orders, spend, tier, points and source, its
// filters, sorts and total; one customer's overview; and the loyalty page's points rules.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { addressOf, payOrder, placeOrder, sellableSku } from '../../../test/fixtures.ts';

let t: TestContext;
let op: TestUser;
const tag = Math.random().toString(36).slice(2, 7);
// Ines invites Bo with her code; Bo buys twice (one paid ¥128, one left unpaid); Ines shares a
// product; Bo is bound to Ines as her promoter. Cy signs up on his own and buys nothing.
let ines: TestUser;
let bo: TestUser;
let cy: TestUser;
let boPaid: { id: string; number: string };

const get = (url: string, as: TestUser = op) => t.request({ method: 'GET', url: `/api/v1/admin${url}`, as });
const ids = (res: { data: { items: { id: string }[] } }) => res.data.items.map((c) => c.id);

beforeAll(async () => {
  t = await createTestContext();
  op = await t.operator();
  const campaign = await t.request({ method: 'POST', url: '/api/v1/admin/referral/campaigns', as: op, body: { name: `邀请 ${tag}`, inviterReward: { kind: 'points', points: 200 }, inviteeReward: null } });
  await t.request({ method: 'POST', url: `/api/v1/admin/referral/campaigns/${campaign.data.id}/start`, as: op });
  ines = await t.signUp({ displayName: `邀请人${tag}` });
  await t.services.affiliate.appointPromoter(op.id, ines.id);
  const code = (await t.request({ method: 'GET', url: '/api/v1/me/invite', as: ines })).data.code;
  const email = `bo-${tag}@example.com`;
  const reg = await t.request({ method: 'POST', url: '/api/v1/auth/register', body: { email, code: await t.registrationCode({ email }), password: 'fission2026', displayName: `顾客乙${tag}`, inviteCode: code, session: 'bearer' } });
  expect(reg.statusCode, reg.body).toBe(201);
  bo = { id: reg.data.user.id, email, token: reg.data.token, headers: { authorization: `Bearer ${reg.data.token}` } };
  cy = await t.signUp({ displayName: `顾客丙${tag}` });
  await t.settle();

  const { skuId, productId } = await sellableSku(t, { price: 12_800, stock: 10, title: `客户页茶具 ${tag}` });
  const addressId = await addressOf(t, bo);
  boPaid = await placeOrder(t, bo, addressId, [{ skuId, quantity: 1 }]);
  await payOrder(t, bo, boPaid.id);
  t.clock.advance(60_000);
  await placeOrder(t, bo, addressId, [{ skuId, quantity: 1 }]);
  await t.services.affiliate.bindCustomer(bo.id, ines.id);
  const share = await t.request({ method: 'POST', url: '/api/v1/shares', as: ines, body: { target: { type: 'product', id: productId }, channel: 'wechat' } });
  expect(share.statusCode, share.body).toBe(201);
  await t.settle();
  // Three sign-ups, a campaign, two orders, a payment, a binding and a share: more than the default hook time on a busy machine.
}, 180_000);
afterAll(() => t?.close());

describe('the admin customer list', () => {
  it('keeps shoppers out: 401 without a session, 403 for a shopper', async () => {
    expect((await t.request({ method: 'GET', url: '/api/v1/admin/customers' })).statusCode).toBe(401);
    const denied = await get('/customers', cy);
    expect(denied.statusCode).toBe(403);
    expect(denied.data.error.code).toBe('AUTH_FORBIDDEN');
    expect((await get(`/customers/${bo.id}/overview`, cy)).statusCode).toBe(403);
    expect((await t.request({ method: 'GET', url: `/api/v1/admin/customers/${bo.id}/overview` })).statusCode).toBe(401);
  });

  it('shows each customer\'s orders, paid spend, tier, points and source, with the total', async () => {
    const res = await get(`/customers?q=${encodeURIComponent(tag)}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.data.total).toBe(3);
    const row = res.data.items.find((c: { id: string }) => c.id === bo.id);
    expect(row).toMatchObject({
      displayName: `顾客乙${tag}`,
      status: 'active',
      orders: 2,
      paidOrders: 1,
      spent: { amount: 12_800, currency: 'CNY' },
      points: 128,
      source: { kind: 'invite', by: { id: ines.id, name: `邀请人${tag}` } },
    });
    expect(row.tier).toMatchObject({ code: expect.any(String), name: expect.any(String) });
    expect(res.data.items.find((c: { id: string }) => c.id === cy.id)).toMatchObject({ orders: 0, spent: { amount: 0 }, source: { kind: 'direct', by: null } });
  });

  it('filters by source, orders, status, tier and registration day, and sorts by spend', async () => {
    expect(ids(await get(`/customers?q=${tag}&source=invite`))).toEqual([bo.id]);
    expect(ids(await get(`/customers?q=${tag}&hasOrders=true`))).toEqual([bo.id]);
    expect(ids(await get(`/customers?q=${tag}&hasOrders=false`)).sort()).toEqual([ines.id, cy.id].sort());
    expect((await get(`/customers?q=${tag}&status=suspended`)).data.total).toBe(0);
    const tier = (await get(`/customers?q=${tag}`)).data.items[0].tier.code;
    expect((await get(`/customers?q=${tag}&tier=${tier}`)).data.total).toBeGreaterThan(0);
    // The harness's clock is 2026-06-01 16:00 in Shanghai.
    expect((await get(`/customers?q=${tag}&registeredFrom=2026-06-01&registeredTo=2026-06-01`)).data.total).toBe(3);
    expect((await get(`/customers?q=${tag}&registeredTo=2026-05-31`)).data.total).toBe(0);
    const bySpend = await get(`/customers?q=${tag}&sort=spend&order=desc`);
    expect(bySpend.data.items[0].id).toBe(bo.id);
    expect((await get(`/customers?q=${tag}&sort=orders&order=asc`)).data.items.at(-1).id).toBe(bo.id);
  });

  it('pages by page number or cursor, keeping the total', async () => {
    const first = await get(`/customers?q=${tag}&limit=2`);
    expect(first.data.items).toHaveLength(2);
    expect(first.data.total).toBe(3);
    const byCursor = await get(`/customers?q=${tag}&limit=2&cursor=${first.data.nextCursor}`);
    const byPage = await get(`/customers?q=${tag}&limit=2&page=2`);
    expect(ids(byCursor)).toEqual(ids(byPage));
    expect(byPage.data.items).toHaveLength(1);
    expect(byPage.data.nextCursor).toBeNull();
    expect(new Set([...ids(first), ...ids(byPage)]).size).toBe(3);
  });

  it('refuses bad filters with a coded 400', async () => {
    for (const q of ['status=上架', 'sort=price', 'registeredFrom=June', 'hasOrders=maybe', 'page=0']) {
      const res = await get(`/customers?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.data.error.code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('one customer\'s overview', () => {
  it('shows orders with numbers, masked addresses, the inviter, the promoter and the points', async () => {
    const res = await get(`/customers/${bo.id}/overview`);
    expect(res.statusCode, res.body).toBe(200);
    const o = res.data;
    expect(o.customer).toMatchObject({ id: bo.id, displayName: `顾客乙${tag}`, status: 'active' });
    expect(o.stats).toMatchObject({ orders: 2, paidOrders: 1, spent: { amount: 12_800 } });
    expect(o.orders).toHaveLength(2);
    expect(o.orders.map((x: { number: string }) => x.number)).toContain(boPaid.number);
    expect(o.addresses.length).toBeGreaterThan(0);
    expect(o.addresses[0].phone).toMatch(/\*{4}/);
    expect(o.addresses[0].line1).toMatch(/\*{4}$/);
    expect(o.inviter).toMatchObject({ id: ines.id, name: `邀请人${tag}`, source: 'code' });
    expect(o.source.kind).toBe('invite');
    expect(o.promoter.binding).toMatchObject({ promoter: { id: ines.id, name: `邀请人${tag}` }, active: true });
    expect(o.promoter.own).toBeNull();
    expect(o.loyalty.balance).toBe(128);
    expect(o.loyalty.history[0]).toMatchObject({ delta: 128, reason: 'order_paid' });
  });

  it('shows an inviter\'s invitees, promoter standing and shares made', async () => {
    const o = (await get(`/customers/${ines.id}/overview`)).data;
    expect(o.invitees).toMatchObject({ total: 1, items: [{ id: bo.id, name: `顾客乙${tag}` }] });
    expect(o.promoter.own).toMatchObject({ status: 'approved', boundCustomers: 1 });
    expect(o.shares).toMatchObject({ shares: 1, byChannel: [{ channel: 'wechat', shares: 1 }] });
  });

  it('answers 404 for an unknown customer', async () => {
    const res = await get('/customers/00000000-0000-4000-8000-000000000000/overview');
    expect(res.statusCode).toBe(404);
    expect(res.data.error.code).toBe('IDENTITY_USER_NOT_FOUND');
  });
});

describe('the points rules', () => {
  it('reads every rule with its range and changes some; out of range is refused and nothing changes', async () => {
    const before = await get('/loyalty/rules');
    expect(before.statusCode).toBe(200);
    expect(before.data.limits.pointsPerYuan).toMatchObject({ minimum: 0, maximum: 100 });
    const changed = await t.request({ method: 'PATCH', url: '/api/v1/admin/loyalty/rules', as: op, body: { pointsPerYuan: 2, reviewPoints: 30 } });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.data.rules).toMatchObject({ pointsPerYuan: 2, reviewPoints: 30 });
    expect(await t.platform.settings.get('loyalty.pointsPerYuan')).toBe(2);

    const tooMany = await t.request({ method: 'PATCH', url: '/api/v1/admin/loyalty/rules', as: op, body: { pointsPerYuan: 101, reviewPoints: 5 } });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.data.error.code).toBe('VALIDATION_FAILED');
    const empty = await t.request({ method: 'PATCH', url: '/api/v1/admin/loyalty/rules', as: op, body: {} });
    expect(empty.statusCode).toBe(400);
    expect((await get('/loyalty/rules')).data.rules).toMatchObject({ pointsPerYuan: 2, reviewPoints: 30 });

    const shopper = await t.request({ method: 'PATCH', url: '/api/v1/admin/loyalty/rules', as: cy, body: { pointsPerYuan: 50 } });
    expect(shopper.statusCode).toBe(403);
    expect((await get('/loyalty/rules', cy)).statusCode).toBe(403);
  });
});
