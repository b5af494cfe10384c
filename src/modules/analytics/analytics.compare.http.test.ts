// The dashboard compares each period with the one just before it: today with yesterday, the last
// 7 China days with the 7 before. Days are China days, so 01:00 in Shanghai belongs to that date.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { addressOf, payOrder, placeOrder, sellableSku } from '../../../test/fixtures.ts';

let t: TestContext;
let operator: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  operator = await t.operator();
});
afterAll(() => t?.close());

const daily = async (query: string) => t.request({ method: 'GET', url: `/api/v1/admin/analytics/daily${query}`, as: operator });

async function paidOrderAt(at: string, shopper: TestUser, skuId: string) {
  t.clock.set(at);
  const order = await placeOrder(t, shopper, await addressOf(t, shopper), [{ skuId, quantity: 1 }]);
  await payOrder(t, shopper, order.id);
  await t.settle();
  return order.total.amount as number;
}

describe('GET /admin/analytics/daily: the previous period', () => {
  it('totals the same number of days just before the report, by China day', async () => {
    const { skuId } = await sellableSku(t, { price: 10_000 });
    const shopper = await t.signUp();
    // 2026-06-10 and 2026-06-11 in China. 16:30Z on the 10th is already 00:30 on the 11th there.
    const yesterday = await paidOrderAt('2026-06-10T04:00:00.000Z', shopper, skuId);
    const todayEarly = await paidOrderAt('2026-06-10T16:30:00.000Z', shopper, skuId);
    const todayLate = await paidOrderAt('2026-06-11T06:00:00.000Z', shopper, skuId);
    // Eight days before: inside the 7 days before the last 7 (2026-06-05 … 06-11 against 05-29 … 06-04).
    const weekBefore = await paidOrderAt('2026-06-03T02:00:00.000Z', shopper, skuId);
    t.clock.set('2026-06-11T08:00:00.000Z');

    const today = await daily('?from=2026-06-11&to=2026-06-11');
    expect(today.statusCode).toBe(200);
    expect(today.data.totals).toMatchObject({ orders: 2, paidOrders: 2, gmv: { amount: todayEarly + todayLate, currency: 'CNY' } });
    expect(today.data.previous).toMatchObject({ from: '2026-06-10', to: '2026-06-10', totals: { orders: 1, paidOrders: 1, gmv: { amount: yesterday, currency: 'CNY' } } });

    const week = await daily('?from=2026-06-05&to=2026-06-11');
    expect(week.data.totals).toMatchObject({ orders: 3, paidOrders: 3, gmv: { amount: yesterday + todayEarly + todayLate } });
    expect(week.data.previous).toMatchObject({ from: '2026-05-29', to: '2026-06-04', totals: { orders: 1, paidOrders: 1, gmv: { amount: weekBefore } } });
    // The report's own days are unchanged by the comparison: seven rows, none from the period before.
    expect(week.data.days.map((d: { date: string }) => d.date)).toEqual(['2026-06-05', '2026-06-06', '2026-06-07', '2026-06-08', '2026-06-09', '2026-06-10', '2026-06-11']);
  });

  it('is all zeros before the store had any activity', async () => {
    const res = await daily('?from=2026-01-01&to=2026-01-07');
    expect(res.statusCode).toBe(200);
    expect(res.data.previous).toEqual({ from: '2025-12-25', to: '2025-12-31', totals: { gmv: { amount: 0, currency: 'CNY' }, orders: 0, paidOrders: 0, newCustomers: 0, shares: 0, clicks: 0, attributedSignups: 0 } });
  });
});
