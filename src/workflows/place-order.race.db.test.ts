// Races against the database (real concurrency on PostgreSQL; serialised on PGlite).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { addressOf, availableOf, sellableSku } from '../../test/fixtures.ts';
import { sandboxSigner, SANDBOX_SIGNATURE_HEADER, TEST_CARDS } from '../modules/payments/index.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t?.close());

describe('races', () => {
  it('200 concurrent orders for the last 10 units: exactly 10 reservations, 190 INVENTORY_INSUFFICIENT', async () => {
    const { skuId } = await sellableSku(t, { stock: 10 });
    const shoppers = await Promise.all(
      Array.from({ length: 50 }, async () => {
        const user = await t.signUp();
        return { user, addressId: await addressOf(t, user) };
      }),
    );
    const attempts = Array.from({ length: 200 }, (_, i) => shoppers[i % shoppers.length]);
    const results = await Promise.all(attempts.map(({ user, addressId }) => t.request({ method: 'POST', url: '/api/v1/orders', as: user, body: { items: [{ skuId, quantity: 1 }], addressId } })));
    const created = results.filter((r) => r.statusCode === 201);
    const refused = results.filter((r) => r.statusCode === 409);
    expect(created).toHaveLength(10);
    expect(refused).toHaveLength(190);
    expect(new Set(refused.map((r) => r.data.error.code))).toEqual(new Set(['INVENTORY_INSUFFICIENT']));
    expect(await availableOf(t, skuId)).toEqual({ onHand: 10, reserved: 10, available: 0 });
    const orders = await t.platform.db.selectFrom('orders').innerJoin('order_lines', 'order_lines.order_id', 'orders.id').select('orders.id').where('order_lines.sku_id', '=', skuId).execute();
    expect(orders).toHaveLength(10);
    const reservations = await t.platform.db.selectFrom('inventory_reservations').select('id').where('sku_id', '=', skuId).where('status', '=', 'active').execute();
    expect(reservations).toHaveLength(10);
  });

  it('concurrent payment starts for one order open a single payment; the same webhook delivered concurrently pays once', async () => {
    const { skuId } = await sellableSku(t, { stock: 5 });
    const user = await t.signUp();
    const addressId = await addressOf(t, user);
    const order = (await t.request({ method: 'POST', url: '/api/v1/orders', as: user, body: { items: [{ skuId, quantity: 1 }], addressId } })).data;
    const starts = await Promise.all(Array.from({ length: 20 }, () => t.request({ method: 'POST', url: `/api/v1/orders/${order.id}/payments`, as: user })));
    expect(new Set(starts.map((r) => r.data.id)).size).toBe(1);
    const paymentId = starts[0].data.id;
    const confirms = await Promise.all(Array.from({ length: 5 }, () => t.request({ method: 'POST', url: `/api/v1/payments/${paymentId}/confirm`, as: user, body: { card: { number: TEST_CARDS.success } } })));
    expect(confirms.filter((r) => r.statusCode === 200)).toHaveLength(1);
    const job = await t.platform.db.selectFrom('jobs').select(['id', 'payload']).where('kind', '=', 'payments.sandbox-deliver-webhook').where('status', '=', 'pending').orderBy('id', 'desc').executeTakeFirstOrThrow();
    await t.platform.db.updateTable('jobs').set({ status: 'done' }).where('id', '=', job.id).execute();
    const raw = (job.payload as { body: string }).body;
    const sign = sandboxSigner(t.platform);
    const deliveries = await Promise.all(
      Array.from({ length: 3 }, () => t.request({ method: 'POST', url: '/api/v1/payments/webhooks/sandbox', rawBody: raw, headers: { 'content-type': 'application/json', [SANDBOX_SIGNATURE_HEADER]: sign(raw) } })),
    );
    expect(deliveries.map((d) => d.data.outcome).sort()).toEqual(['duplicate', 'duplicate', 'paid']);
    const paid = await t.platform.db.selectFrom('outbox_events').select('id').where('type', '=', 'order.paid').where('aggregate_id', '=', order.id).execute();
    expect(paid).toHaveLength(1);
    expect(await t.platform.db.selectFrom('payments').select(['status']).where('order_id', '=', order.id).execute()).toEqual([{ status: 'succeeded' }]);
    expect(await availableOf(t, skuId)).toEqual({ onHand: 4, reserved: 0, available: 4 });
  });

  it('concurrent refunds never return more than was paid', async () => {
    const { skuId } = await sellableSku(t, { stock: 5, price: 10000 });
    const user = await t.signUp();
    const op = await t.operator();
    const addressId = await addressOf(t, user);
    const order = (await t.request({ method: 'POST', url: '/api/v1/orders', as: user, body: { items: [{ skuId, quantity: 1 }], addressId } })).data;
    const p = await t.request({ method: 'POST', url: `/api/v1/orders/${order.id}/payments`, as: user });
    await t.request({ method: 'POST', url: `/api/v1/payments/${p.data.id}/confirm`, as: user, body: { card: { number: TEST_CARDS.success } } });
    await t.settle();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => t.request({ method: 'POST', url: `/api/v1/admin/orders/${order.id}/refunds`, as: op, body: { amount: 6000, reason: `race ${i}` } })));
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
    await t.settle();
    const after = await t.platform.db.selectFrom('orders').select(['paid_amount', 'refunded_amount']).where('id', '=', order.id).executeTakeFirstOrThrow();
    expect(after).toEqual({ paid_amount: 10000, refunded_amount: 6000 });
  });
});
