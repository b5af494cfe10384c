import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { payOrder, placeOrder, sellableSku, shopperWithAddress } from '../../../test/fixtures.ts';

let t: TestContext;
let op: TestUser;
// Two buyers: Ann buys a tea set twice (one paid, one not), Bo buys a teapot and pays.
let ann: { user: TestUser; paid: { id: string; number: string }; unpaid: { id: string } };
let bo: { user: TestUser; paid: { id: string } };
const tag = Math.random().toString(36).slice(2, 7);

beforeAll(async () => {
  t = await createTestContext();
  op = await t.operator();
  const teaSet = await sellableSku(t, { price: 12_800, stock: 20, title: `工作台茶具 ${tag}` });
  const teapot = await sellableSku(t, { price: 5_900, stock: 20, title: `工作台茶壶 ${tag}` });
  const a = await shopperWithAddress(t);
  const b = await shopperWithAddress(t);
  const annPaid = await placeOrder(t, a.user, a.addressId, [{ skuId: teaSet.skuId, quantity: 1 }]);
  await payOrder(t, a.user, annPaid.id);
  t.clock.advance(60_000);
  const annUnpaid = await placeOrder(t, a.user, a.addressId, [{ skuId: teaSet.skuId, quantity: 2 }]);
  const boPaid = await placeOrder(t, b.user, b.addressId, [{ skuId: teapot.skuId, quantity: 1 }]);
  await payOrder(t, b.user, boPaid.id);
  ann = { user: a.user, paid: annPaid, unpaid: annUnpaid };
  bo = { user: b.user, paid: boPaid };
});
afterAll(() => t?.close());

const get = (url: string) => t.request({ method: 'GET', url: `/api/v1/admin${url}`, as: op });

describe('the order workbench', () => {
  it('filters by buyer, product and day, and names each buyer', async () => {
    const byBuyer = await get(`/orders?buyer=${ann.user.id}`);
    expect(byBuyer.statusCode, byBuyer.body).toBe(200);
    expect(byBuyer.data.items.map((o: { id: string }) => o.id).sort()).toEqual([ann.paid.id, ann.unpaid.id].sort());
    expect(byBuyer.data.buyers[ann.user.id]).toBeTruthy();

    const byProduct = await get(`/orders?product=${encodeURIComponent(`茶壶 ${tag}`)}`);
    expect(byProduct.data.items.map((o: { id: string }) => o.id)).toEqual([bo.paid.id]);

    // The harness's clock is 2026-06-01 08:00 UTC, 16:00 in Shanghai: the orders are on 2026-06-01 there.
    const onTheDay = await get(`/orders?from=2026-06-01&to=2026-06-01&product=${encodeURIComponent(tag)}`);
    expect(onTheDay.data.items).toHaveLength(3);
    const dayBefore = await get(`/orders?from=2026-05-31&to=2026-05-31&product=${encodeURIComponent(tag)}`);
    expect(dayBefore.data.items).toHaveLength(0);
  });

  it('counts every status tab under the other filters, with the filtered total', async () => {
    const summary = await get(`/orders/summary?product=${encodeURIComponent(tag)}`);
    expect(summary.statusCode, summary.body).toBe(200);
    expect(summary.data.counts).toMatchObject({ pending_payment: 1, to_ship: 2, shipped: 0 });
    expect(summary.data.all).toBe(3);
    expect(summary.data.count).toBe(3);
    const paidOnly = await get(`/orders/summary?product=${encodeURIComponent(tag)}&status=to_ship`);
    // The tabs keep their counts when one is chosen; the total follows the chosen tab.
    expect(paidOnly.data.counts.pending_payment).toBe(1);
    expect(paidOnly.data.count).toBe(2);
    // The tea set ships free (over the free-shipping threshold); the teapot pays ¥10.
    expect(paidOnly.data.total.amount).toBe(12_800 + 5_900 + 1_000);
  });

  it('exports the filtered orders as CSV with names, amounts in yuan and a BOM', async () => {
    const res = await get(`/orders/export.csv?buyer=${bo.user.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.body.charCodeAt(0)).toBe(0xfeff);
    const lines = res.body.slice(1).trim().split(/\r?\n/);
    expect(lines[0]).toBe('order_no,placed_at,status,kind,buyer,items,goods,shipping,discount,total,paid,refunded,currency,carrier,tracking_no');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`工作台茶壶 ${tag}`);
    expect(lines[1]).toContain(',59.00,10.00,0.00,69.00,69.00,0.00,CNY,,');
  });

  it('ships several orders at once and reports the one that cannot ship, by its code', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/admin/orders/ship',
      as: op,
      body: { items: [{ orderId: ann.paid.id, carrier: 'shunfeng', trackingNo: 'SF1000001' }, { orderId: ann.unpaid.id, carrier: 'zhongtong', trackingNo: 'ZT2000002' }, { orderId: bo.paid.id, carrier: 'zhongtong', trackingNo: 'ZT2000003' }] },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.data.shipped).toBe(2);
    expect(res.data.results.map((r: { ok: boolean }) => r.ok)).toEqual([true, false, true]);
    expect(res.data.results[1].error.code).toBe('ORDER_INVALID_TRANSITION');
    const shipped = await get(`/orders/${bo.paid.id}`);
    expect(shipped.data.order).toMatchObject({ status: 'shipped', tracking: { carrier: 'zhongtong', trackingNo: 'ZT2000003' } });
  });

  it('refuses a carrier that is not on the list, or an order twice, and ships nothing', async () => {
    const fresh = await shopperWithAddress(t);
    const sku = await sellableSku(t);
    const order = await placeOrder(t, fresh.user, fresh.addressId, [{ skuId: sku.skuId, quantity: 1 }]);
    await payOrder(t, fresh.user, order.id);
    for (const items of [
      [{ orderId: order.id, carrier: '随便快递', trackingNo: 'X1234567' }],
      [{ orderId: order.id, carrier: 'shunfeng', trackingNo: 'SF1' + '0'.repeat(5) }, { orderId: order.id, carrier: 'shunfeng', trackingNo: 'SF2000000' }],
    ]) {
      const res = await t.request({ method: 'POST', url: '/api/v1/admin/orders/ship', as: op, body: { items } });
      expect(res.statusCode).toBe(400);
      expect(res.data.error.code).toBe('VALIDATION_FAILED');
    }
    expect((await get(`/orders/${order.id}`)).data.order.status).toBe('to_ship');
    expect((await get('/orders/carriers')).data.items.map((c: { code: string }) => c.code)).toContain('shunfeng');
  });

  it('refuses a range that ends before it starts, and keeps shoppers out', async () => {
    const backwards = await get('/orders?from=2026-06-02&to=2026-06-01');
    expect(backwards.statusCode).toBe(400);
    const shopper = await t.request({ method: 'GET', url: '/api/v1/admin/orders/summary', as: ann.user });
    expect(shopper.statusCode).toBe(403);
  });
});
