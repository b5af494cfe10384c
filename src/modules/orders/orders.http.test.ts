import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { availableOf, payOrder, placeOrder, sellableSku, shopperWithAddress } from '../../../test/fixtures.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t?.close());

const countOrders = async (userId?: string) => {
  let q = t.platform.db.selectFrom('orders').select((eb) => eb.fn.countAll<number>().as('n'));
  if (userId) q = q.where('user_id', '=', userId);
  return Number((await q.executeTakeFirstOrThrow()).n);
};

describe('placing orders', () => {
  it('prices the order, reserves stock and records every adjustment', async () => {
    const { skuId } = await sellableSku(t, { price: 2990, stock: 5 });
    const { user, addressId } = await shopperWithAddress(t);
    const order = await placeOrder(t, user, addressId, [{ skuId, quantity: 2 }]);
    expect(order.status).toBe('pending_payment');
    expect(order.goods).toEqual({ amount: 5980, currency: 'CNY' });
    expect(order.shipping).toEqual({ amount: 1000, currency: 'CNY' });
    expect(order.total).toEqual({ amount: 6980, currency: 'CNY' });
    expect(order.adjustments).toEqual([{ step: 'shipping', code: 'SHIPPING_FLAT', label: 'shipping', amount: { amount: 1000, currency: 'CNY' }, skuId: null }]);
    expect(order.expiresAt).toBe('2026-06-01T08:15:00.000Z');
    expect(await availableOf(t, skuId)).toMatchObject({ onHand: 5, reserved: 2, available: 3 });
  });

  it('returns the same order for a retried Idempotency-Key and refuses the key for a different order', async () => {
    const { skuId } = await sellableSku(t);
    const { user, addressId } = await shopperWithAddress(t);
    const body = { items: [{ skuId, quantity: 1 }], addressId };
    const first = await t.request({ method: 'POST', url: '/api/v1/orders', as: user, body, headers: { 'idempotency-key': 'checkout-abc-1' } });
    const again = await t.request({ method: 'POST', url: '/api/v1/orders', as: user, body, headers: { 'idempotency-key': 'checkout-abc-1' } });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.data.id).toBe(first.data.id);
    expect(await countOrders(user.id)).toBe(1);
    expect((await availableOf(t, skuId)).reserved).toBe(1);
    const other = await t.request({ method: 'POST', url: '/api/v1/orders', as: user, body: { ...body, items: [{ skuId, quantity: 2 }] }, headers: { 'idempotency-key': 'checkout-abc-1' } });
    expect(other.statusCode).toBe(422);
    expect(other.data.error.code).toBe('ORDER_IDEMPOTENCY_KEY_REUSED');
  });

  it('gives one order for the same key sent concurrently', async () => {
    const { skuId } = await sellableSku(t);
    const { user, addressId } = await shopperWithAddress(t);
    const body = { items: [{ skuId, quantity: 1 }], addressId };
    const results = await Promise.all(Array.from({ length: 8 }, () => t.request({ method: 'POST', url: '/api/v1/orders', as: user, body, headers: { 'idempotency-key': 'same-key-race' } })));
    expect(new Set(results.map((r) => r.data.id)).size).toBe(1);
    expect(await countOrders(user.id)).toBe(1);
  });

  it('orders the cart and empties what it bought', async () => {
    const { skuId } = await sellableSku(t, { price: 5000 });
    const { user, addressId } = await shopperWithAddress(t);
    const cart = await t.request({ method: 'PUT', url: `/api/v1/cart/items/${skuId}`, as: user, body: { quantity: 2 } });
    expect(cart.statusCode).toBe(200);
    expect(cart.data.quote.total.amount).toBe(10000); // over the ¥99 threshold: ships free
    const res = await t.request({ method: 'POST', url: '/api/v1/orders', as: user, body: { fromCart: true, addressId } });
    expect(res.statusCode).toBe(201);
    expect(res.data.shipping.amount).toBe(0);
    expect((await t.request({ method: 'GET', url: '/api/v1/cart', as: user })).data.items).toEqual([]);
  });
});

describe('bad input changes nothing', () => {
  it.each([
    ['malformed JSON', { rawBody: '{"items": [', headers: { 'content-type': 'application/json' } }, 400, 'BAD_JSON'],
    ['missing address', { body: { items: [{ skuId: '00000000-0000-4000-8000-000000000000', quantity: 1 }] } }, 400, 'VALIDATION_FAILED'],
    ['negative quantity', { body: { items: [{ skuId: '00000000-0000-4000-8000-000000000000', quantity: -1 }], addressId: '00000000-0000-4000-8000-000000000000' } }, 400, 'VALIDATION_FAILED'],
    ['huge quantity', { body: { items: [{ skuId: '00000000-0000-4000-8000-000000000000', quantity: 1e12 }], addressId: '00000000-0000-4000-8000-000000000000' } }, 400, 'VALIDATION_FAILED'],
    ['quantity as a string', { body: { items: [{ skuId: '00000000-0000-4000-8000-000000000000', quantity: '2' }], addressId: '00000000-0000-4000-8000-000000000000' } }, 400, 'VALIDATION_FAILED'],
    ['over-long note', { body: { items: [{ skuId: '00000000-0000-4000-8000-000000000000', quantity: 1 }], addressId: '00000000-0000-4000-8000-000000000000', note: 'x'.repeat(5000) } }, 400, 'VALIDATION_FAILED'],
    ['unknown field', { body: { items: [{ skuId: '00000000-0000-4000-8000-000000000000', quantity: 1 }], addressId: '00000000-0000-4000-8000-000000000000', total: 1 } }, 400, 'VALIDATION_FAILED'],
  ])('%s is refused and writes nothing', async (_name, req, status, code) => {
    const { user } = await shopperWithAddress(t);
    const before = await countOrders();
    const res = await t.request({ method: 'POST', url: '/api/v1/orders', as: user, ...(req as any) });
    expect(res.statusCode).toBe(status);
    expect(res.data.error.code).toBe(code);
    expect(await countOrders()).toBe(before);
  });

  it('an unknown SKU is 404 CHECKOUT_SKU_NOT_FOUND and reserves nothing', async () => {
    const { skuId } = await sellableSku(t, { stock: 3 });
    const { user, addressId } = await shopperWithAddress(t);
    const before = await countOrders();
    const res = await t.request({ method: 'POST', url: '/api/v1/orders', as: user, body: { items: [{ skuId, quantity: 1 }, { skuId: '00000000-0000-4000-8000-000000000000', quantity: 1 }], addressId } });
    expect(res.statusCode).toBe(404);
    expect(res.data.error.code).toBe('CHECKOUT_SKU_NOT_FOUND');
    expect(await countOrders()).toBe(before);
    expect((await availableOf(t, skuId)).reserved).toBe(0);
  });

  it('more than is in stock is 409 INVENTORY_INSUFFICIENT and writes nothing', async () => {
    const { skuId } = await sellableSku(t, { stock: 3 });
    const { user, addressId } = await shopperWithAddress(t);
    const before = await countOrders();
    const res = await t.request({ method: 'POST', url: '/api/v1/orders', as: user, body: { items: [{ skuId, quantity: 4 }], addressId } });
    expect(res.statusCode).toBe(409);
    expect(res.data.error.code).toBe('INVENTORY_INSUFFICIENT');
    expect(await countOrders()).toBe(before);
  });

  it('someone else\'s address is 404', async () => {
    const { skuId } = await sellableSku(t);
    const a = await shopperWithAddress(t);
    const b = await shopperWithAddress(t);
    const res = await t.request({ method: 'POST', url: '/api/v1/orders', as: b.user, body: { items: [{ skuId, quantity: 1 }], addressId: a.addressId } });
    expect(res.statusCode).toBe(404);
  });
});

describe('authorisation', () => {
  it('shopper B cannot read, cancel, pay, refund or see the payments of shopper A\'s order', async () => {
    const { skuId } = await sellableSku(t);
    const a = await shopperWithAddress(t);
    const b = await shopperWithAddress(t);
    const order = await placeOrder(t, a.user, a.addressId, [{ skuId, quantity: 1 }]);
    for (const [method, url, body] of [
      ['GET', `/api/v1/orders/${order.id}`, undefined],
      ['POST', `/api/v1/orders/${order.id}/cancel`, undefined],
      ['POST', `/api/v1/orders/${order.id}/payments`, undefined],
      ['POST', `/api/v1/orders/${order.id}/aftersales`, { type: 'refund', reason: 'changed_mind' }],
      ['POST', `/api/v1/orders/${order.id}/confirm-receipt`, undefined],
    ] as const) {
      const res = await t.request({ method, url, as: b.user, body });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    const payment = await t.request({ method: 'POST', url: `/api/v1/orders/${order.id}/payments`, as: a.user });
    expect((await t.request({ method: 'GET', url: `/api/v1/payments/${payment.data.id}`, as: b.user })).statusCode).toBe(404);
    expect((await t.request({ method: 'POST', url: `/api/v1/payments/${payment.data.id}/confirm`, as: b.user, body: { card: { number: '4242424242424242' } } })).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: '/api/v1/orders', as: b.user })).data.items).toEqual([]);
    expect((await t.request({ method: 'GET', url: `/api/v1/admin/orders/${order.id}`, as: b.user })).statusCode).toBe(403);
    expect((await t.request({ method: 'POST', url: `/api/v1/admin/orders/${order.id}/refunds`, as: b.user, body: { full: true, reason: 'x' } })).statusCode).toBe(403);
    expect((await t.request({ method: 'GET', url: `/api/v1/orders/${order.id}` })).statusCode).toBe(401);
  });
});

describe('expiry', () => {
  it('cancels an unpaid order after 15 minutes and releases its stock', async () => {
    const { skuId } = await sellableSku(t, { stock: 4 });
    const { user, addressId } = await shopperWithAddress(t);
    const order = await placeOrder(t, user, addressId, [{ skuId, quantity: 3 }]);
    expect((await availableOf(t, skuId)).available).toBe(1);
    t.clock.advanceMinutes(14);
    await t.settle();
    expect((await t.request({ method: 'GET', url: `/api/v1/orders/${order.id}`, as: user })).data.status).toBe('pending_payment');
    t.clock.advanceMinutes(2);
    await t.settle();
    const after = await t.request({ method: 'GET', url: `/api/v1/orders/${order.id}`, as: user });
    expect(after.data.status).toBe('cancelled');
    expect(after.data.cancelReason).toBe('payment_timeout');
    expect(await availableOf(t, skuId)).toMatchObject({ onHand: 4, reserved: 0, available: 4 });
  });

  it('a shopper cancels an unpaid order; a paid one cannot be cancelled', async () => {
    const { skuId } = await sellableSku(t, { stock: 4 });
    const { user, addressId } = await shopperWithAddress(t);
    const order = await placeOrder(t, user, addressId, [{ skuId, quantity: 1 }]);
    const cancelled = await t.request({ method: 'POST', url: `/api/v1/orders/${order.id}/cancel`, as: user });
    expect(cancelled.data.status).toBe('cancelled');
    expect((await availableOf(t, skuId)).reserved).toBe(0);
    const paid = await placeOrder(t, user, addressId, [{ skuId, quantity: 1 }]);
    await payOrder(t, user, paid.id);
    const refused = await t.request({ method: 'POST', url: `/api/v1/orders/${paid.id}/cancel`, as: user });
    expect(refused.statusCode).toBe(409);
    expect(refused.data.error.code).toBe('ORDER_INVALID_TRANSITION');
  });
});

describe('campaign placements', () => {
  it('an engine that keeps its own stock leaves normal stock alone, also when the order is refunded', async () => {
    const { skuId } = await sellableSku(t, { price: 5000, stock: 7 });
    const { user, addressId } = await shopperWithAddress(t);
    const op = await t.operator();
    const taken: string[] = [];
    const placed = await t.services.placeOrder(user.id, { items: [{ skuId, quantity: 1 }], addressId }, null, {
      kind: 'test_campaign', unitAmount: 3900, label: '活动价', code: 'TEST_CAMPAIGN', ref: 'c1', reserveInventory: false,
      commit: async (_trx, orderId) => void taken.push(orderId),
    });
    expect(taken).toEqual([placed.order.id]);
    expect(placed.order.kind).toBe('test_campaign');
    expect(placed.order.lines[0].unitPrice.amount).toBe(3900);
    expect(placed.order.adjustments[0]).toMatchObject({ step: 'campaign', code: 'TEST_CAMPAIGN', amount: { amount: -1100 } });
    expect(await availableOf(t, skuId)).toMatchObject({ onHand: 7, reserved: 0 });
    await payOrder(t, user, placed.order.id);
    await t.request({ method: 'POST', url: `/api/v1/admin/orders/${placed.order.id}/refunds`, as: op, body: { full: true, reason: 'campaign failed' } });
    await t.settle();
    expect((await t.request({ method: 'GET', url: `/api/v1/orders/${placed.order.id}`, as: user })).data.status).toBe('refunded');
    expect(await availableOf(t, skuId)).toMatchObject({ onHand: 7, reserved: 0 });
  });
});

describe('fulfilment', () => {
  it('operator ships, shopper confirms receipt; the history records every step', async () => {
    const { skuId } = await sellableSku(t, { stock: 4 });
    const { user, addressId } = await shopperWithAddress(t);
    const op = await t.operator();
    const order = await placeOrder(t, user, addressId, [{ skuId, quantity: 1 }]);
    await payOrder(t, user, order.id);
    expect(await availableOf(t, skuId)).toMatchObject({ onHand: 3, reserved: 0 });
    const shipped = await t.request({ method: 'POST', url: `/api/v1/admin/orders/${order.id}/ship`, as: op, body: { carrier: '顺丰', trackingNo: 'SF123' } });
    expect(shipped.data.status).toBe('shipped');
    const done = await t.request({ method: 'POST', url: `/api/v1/orders/${order.id}/confirm-receipt`, as: user });
    expect(done.data.status).toBe('completed');
    const admin = await t.request({ method: 'GET', url: `/api/v1/admin/orders/${order.id}`, as: op });
    expect(admin.data.history.map((h: any) => h.to)).toEqual(['pending_payment', 'paid', 'to_ship', 'shipped', 'completed']);
    expect(admin.data.finance.payments[0].status).toBe('succeeded');
    const list = await t.request({ method: 'GET', url: '/api/v1/admin/orders?status=completed', as: op });
    expect(list.data.items.map((o: any) => o.id)).toContain(order.id);
  });

  it('completes shipped orders automatically after the setting\'s days', async () => {
    const { skuId } = await sellableSku(t);
    const { user, addressId } = await shopperWithAddress(t);
    const op = await t.operator();
    const order = await placeOrder(t, user, addressId, [{ skuId, quantity: 1 }]);
    await payOrder(t, user, order.id);
    await t.request({ method: 'POST', url: `/api/v1/admin/orders/${order.id}/ship`, as: op, body: { carrier: 'EMS', trackingNo: 'E1' } });
    t.clock.advance(10 * 86_400_000 + 1000);
    await t.settle();
    expect((await t.request({ method: 'GET', url: `/api/v1/orders/${order.id}`, as: user })).data.status).toBe('completed');
  });
});
