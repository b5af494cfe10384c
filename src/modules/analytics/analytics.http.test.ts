import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { addressOf, payOrder, placeOrder, sellableSku } from '../../../test/fixtures.ts';
import { VISITOR_COOKIE } from '../../platform/visitor.ts';

let t: TestContext;
let operator: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  operator = await t.operator();
});
afterAll(() => t?.close());

const daily = async (query: string) => t.request({ method: 'GET', url: `/api/v1/admin/analytics/daily${query}`, as: operator });

describe('GET /admin/analytics/daily', () => {
  it('lines up each module\'s facts by China day, with zeros on quiet days', async () => {
    // 2026-06-01 16:00 in China: a sharer, a friend who arrives through the share and buys.
    const { productId, skuId } = await sellableSku(t, { price: 5_000 });
    const sharer = await t.signUp();
    const share = await t.request({ method: 'POST', url: '/api/v1/shares', as: sharer, body: { target: { type: 'product', id: productId }, channel: 'wechat' } });
    const click = await t.request({ method: 'GET', url: `/s/${share.data.token}` });
    const visitor = click.cookies.find((c) => c.name === VISITOR_COOKIE)!.value;
    const reg = await t.request({ method: 'POST', url: '/api/v1/auth/register', headers: { cookie: `${VISITOR_COOKIE}=${visitor}` }, body: { email: 'analytics-friend@example.com', code: await t.registrationCode({ email: 'analytics-friend@example.com' }), password: 'fission2026', displayName: 'Friend', session: 'bearer' } });
    const friend: TestUser = { id: reg.data.user.id, email: 'analytics-friend@example.com', token: reg.data.token, headers: { authorization: `Bearer ${reg.data.token}` } };
    await t.settle();
    const paid = await placeOrder(t, friend, await addressOf(t, friend), [{ skuId, quantity: 2 }]);
    await payOrder(t, friend, paid.id);
    await t.settle();

    // 01:00 on 2 June in China (still 1 June in UTC): an order placed and left unpaid.
    t.clock.set('2026-06-01T17:00:00.000Z');
    await placeOrder(t, sharer, await addressOf(t, sharer), [{ skuId, quantity: 1 }]);

    const res = await daily('?from=2026-05-31&to=2026-06-02');
    expect(res.statusCode).toBe(200);
    expect(res.data.days.map((d: { date: string }) => d.date)).toEqual(['2026-05-31', '2026-06-01', '2026-06-02']);
    expect(res.data.days[0]).toEqual({ date: '2026-05-31', gmv: { amount: 0, currency: 'CNY' }, orders: 0, paidOrders: 0, newCustomers: 0, shares: 0, clicks: 0, attributedSignups: 0 });
    // The operator account is not a shopper, so two new customers: the sharer and the friend.
    expect(res.data.days[1]).toEqual({ date: '2026-06-01', gmv: { amount: paid.total.amount, currency: 'CNY' }, orders: 1, paidOrders: 1, newCustomers: 2, shares: 1, clicks: 1, attributedSignups: 1 });
    expect(res.data.days[2]).toMatchObject({ date: '2026-06-02', orders: 1, paidOrders: 0, gmv: { amount: 0 } });
    expect(res.data.totals).toEqual({ gmv: { amount: paid.total.amount, currency: 'CNY' }, orders: 2, paidOrders: 1, newCustomers: 2, shares: 1, clicks: 1, attributedSignups: 1 });
  });

  it('defaults to the 30 days ending today', async () => {
    const res = await daily('');
    expect(res.statusCode).toBe(200);
    expect(res.data).toMatchObject({ from: '2026-05-04', to: '2026-06-02' });
    expect(res.data.days).toHaveLength(30);
  });

  it('refuses bad ranges with a clear error', async () => {
    expect((await daily('?from=2026-02-30')).data.error).toMatchObject({ code: 'ANALYTICS_DATE_INVALID', details: { field: 'from' } });
    expect((await daily('?from=2026-06-02&to=2026-06-01')).data.error.code).toBe('ANALYTICS_RANGE_REVERSED');
    expect((await daily('?from=2024-01-01&to=2026-01-01')).data.error.code).toBe('ANALYTICS_RANGE_TOO_LONG');
    expect((await daily('?from=yesterday')).statusCode).toBe(400);
  });

  it('is for operators only', async () => {
    const shopper = await t.signUp();
    expect((await t.request({ method: 'GET', url: '/api/v1/admin/analytics/daily', as: shopper })).statusCode).toBe(403);
    expect((await t.request({ method: 'GET', url: '/api/v1/admin/analytics/daily' })).statusCode).toBe(401);
  });
});
