import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { availableOf, payOrder, placeOrder, sellableSku, shopperWithAddress } from '../../../test/fixtures.ts';
import { sandboxSigner, SANDBOX_SIGNATURE_HEADER, TEST_CARDS } from './index.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t?.close());

const count = async (table: 'webhook_events' | 'payments' | 'refunds' | 'outbox_events') =>
  Number((await t.platform.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

const orderOf = async (user: any, id: string) => (await t.request({ method: 'GET', url: `/api/v1/orders/${id}`, as: user })).data;

async function pendingOrder(price = 2990, stock = 10, quantity = 1) {
  const { skuId } = await sellableSku(t, { price, stock });
  const { user, addressId } = await shopperWithAddress(t);
  const order = await placeOrder(t, user, addressId, [{ skuId, quantity }]);
  return { skuId, user, addressId, order };
}

function webhook(body: object, signature?: string) {
  const raw = JSON.stringify(body);
  return t.request({
    method: 'POST',
    url: '/api/v1/payments/webhooks/sandbox',
    rawBody: raw,
    headers: { 'content-type': 'application/json', [SANDBOX_SIGNATURE_HEADER]: signature ?? sandboxSigner(t.platform)(raw) },
  });
}

describe('paying with the sandbox gateway', () => {
  it('pays only when the signed webhook arrives, then commits the stock', async () => {
    const { user, order, skuId } = await pendingOrder();
    const started = await t.request({ method: 'POST', url: `/api/v1/orders/${order.id}/payments`, as: user, headers: { 'idempotency-key': 'pay-1' } });
    expect(started.statusCode).toBe(201);
    expect(started.data).toMatchObject({ status: 'pending', amount: { amount: 3990, currency: 'CNY' } });
    const again = await t.request({ method: 'POST', url: `/api/v1/orders/${order.id}/payments`, as: user });
    expect(again.statusCode).toBe(200);
    expect(again.data.id).toBe(started.data.id);
    const confirmed = await t.request({ method: 'POST', url: `/api/v1/payments/${started.data.id}/confirm`, as: user, body: { card: { number: '4242 4242 4242 4242' } } });
    expect(confirmed.data.status).toBe('processing');
    expect((await orderOf(user, order.id)).status).toBe('pending_payment');
    await t.settle();
    const paid = await orderOf(user, order.id);
    expect(paid.status).toBe('to_ship');
    expect(paid.paid.amount).toBe(3990);
    expect(await availableOf(t, skuId)).toMatchObject({ onHand: 9, reserved: 0 });
    expect((await t.request({ method: 'POST', url: `/api/v1/orders/${order.id}/payments`, as: user })).data.error.code).toBe('PAYMENTS_ORDER_ALREADY_PAID');
  });

  it('the same webhook delivered three times pays once', async () => {
    const { user, order } = await pendingOrder();
    const started = await t.request({ method: 'POST', url: `/api/v1/orders/${order.id}/payments`, as: user });
    // Submit the card at the gateway but capture its webhook instead of letting the job deliver it.
    await t.request({ method: 'POST', url: `/api/v1/payments/${started.data.id}/confirm`, as: user, body: { card: { number: TEST_CARDS.success } } });
    const job = await t.platform.db.selectFrom('jobs').select(['id', 'payload']).where('kind', '=', 'payments.sandbox-deliver-webhook').where('status', '=', 'pending').orderBy('id', 'desc').executeTakeFirstOrThrow();
    await t.platform.db.updateTable('jobs').set({ status: 'done' }).where('id', '=', job.id).execute();
    const body = JSON.parse((job.payload as any).body);
    const paidEvents = async () => Number((await t.platform.db.selectFrom('outbox_events').select((eb) => eb.fn.countAll<number>().as('n')).where('type', '=', 'order.paid').where('aggregate_id', '=', order.id).executeTakeFirstOrThrow()).n);
    const outcomes = [];
    for (let i = 0; i < 3; i++) outcomes.push((await webhook(body)).data.outcome);
    expect(outcomes).toEqual(['paid', 'duplicate', 'duplicate']);
    // A new event id about the same charge (a gateway's own retry) changes nothing either.
    expect((await webhook({ ...body, id: body.id + '-retry' })).data.outcome).toBe('no_change');
    expect(await paidEvents()).toBe(1);
    const paid = await orderOf(user, order.id);
    expect(paid.paid.amount).toBe(paid.total.amount);
  });

  it('refuses a forged or stale webhook and changes nothing', async () => {
    const { user, order } = await pendingOrder();
    const started = await t.request({ method: 'POST', url: `/api/v1/orders/${order.id}/payments`, as: user });
    const before = await Promise.all([count('webhook_events'), count('outbox_events')]);
    const forged = { id: 'evt_forged', type: 'payment.succeeded', providerRef: started.data.providerRef, amount: 3990, currency: 'CNY' };
    const bad = await webhook(forged, 't=1780300800,v1=' + 'ab'.repeat(32));
    expect(bad.statusCode).toBe(400);
    expect(bad.data.error.code).toBe('PAYMENTS_WEBHOOK_SIGNATURE_INVALID');
    const unsigned = await t.request({ method: 'POST', url: '/api/v1/payments/webhooks/sandbox', rawBody: JSON.stringify(forged), headers: { 'content-type': 'application/json' } });
    expect(unsigned.statusCode).toBe(400);
    const raw = JSON.stringify(forged);
    const signedLongAgo = sandboxSigner({ ...t.platform, clock: { now: () => new Date(t.clock.now().getTime() - 3_600_000) } } as any)(raw);
    expect((await webhook(forged, signedLongAgo)).data.error.message).toMatch(/stale/);
    expect(await Promise.all([count('webhook_events'), count('outbox_events')])).toEqual(before);
    expect((await orderOf(user, order.id)).status).toBe('pending_payment');
  });

  it('a declined card fails the payment and the shopper can pay again', async () => {
    const { user, order } = await pendingOrder();
    const failed = await payOrder(t, user, order.id, TEST_CARDS.decline);
    expect(failed).toMatchObject({ status: 'failed', failureCode: 'card_declined' });
    expect((await orderOf(user, order.id)).status).toBe('pending_payment');
    await payOrder(t, user, order.id, TEST_CARDS.success);
    expect((await orderOf(user, order.id)).status).toBe('to_ship');
    expect(await t.platform.db.selectFrom('payments').select('status').where('order_id', '=', order.id).orderBy('created_at').execute()).toEqual([{ status: 'failed' }, { status: 'succeeded' }]);
  });

  it('the delayed test card confirms two minutes later', async () => {
    const { user, order } = await pendingOrder();
    await payOrder(t, user, order.id, TEST_CARDS.delayed);
    expect((await orderOf(user, order.id)).status).toBe('pending_payment');
    t.clock.advanceMinutes(2);
    await t.settle();
    expect((await orderOf(user, order.id)).status).toBe('to_ship');
  });

  it('money that arrives for an order cancelled meanwhile is refunded automatically', async () => {
    const { user, order, skuId } = await pendingOrder();
    await payOrder(t, user, order.id, TEST_CARDS.delayed);
    const cancelled = await t.request({ method: 'POST', url: `/api/v1/orders/${order.id}/cancel`, as: user });
    expect(cancelled.data.status).toBe('cancelled');
    t.clock.advanceMinutes(2);
    await t.settle();
    expect((await orderOf(user, order.id)).status).toBe('cancelled');
    const refunds = await t.platform.db.selectFrom('refunds').selectAll().where('order_id', '=', order.id).execute();
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({ kind: 'orphan', status: 'succeeded', amount: 3990 });
    expect(await availableOf(t, skuId)).toMatchObject({ onHand: 10, reserved: 0 });
  });

  it('an intent whose order expired cannot take a card', async () => {
    const { user, order } = await pendingOrder();
    const started = await t.request({ method: 'POST', url: `/api/v1/orders/${order.id}/payments`, as: user });
    t.clock.advanceMinutes(16);
    await t.settle();
    const res = await t.request({ method: 'POST', url: `/api/v1/payments/${started.data.id}/confirm`, as: user, body: { card: { number: TEST_CARDS.success } } });
    expect(res.statusCode).toBe(409);
    expect(res.data.error.code).toBe('PAYMENTS_NOT_CONFIRMABLE');
  });
});

describe('refunds', () => {
  it('partial by items, then the rest; restocks unshipped goods and ends refunded', async () => {
    const { user, order, skuId } = await pendingOrder(2000, 10, 3);
    const op = await t.operator();
    await payOrder(t, user, order.id);
    expect(await availableOf(t, skuId)).toMatchObject({ onHand: 7 });
    const part = await t.request({ method: 'POST', url: `/api/v1/admin/orders/${order.id}/refunds`, as: op, headers: { 'idempotency-key': 'r1' }, body: { lines: [{ lineId: order.lines[0].id, quantity: 1 }], reason: 'one broken' } });
    expect(part.statusCode).toBe(201);
    expect(part.data.amount.amount).toBe(2000);
    const busy = await t.request({ method: 'POST', url: `/api/v1/admin/orders/${order.id}/refunds`, as: op, body: { amount: 100, reason: 'again' } });
    expect(busy.data.error.code).toBe('PAYMENTS_REFUND_IN_PROGRESS');
    const replay = await t.request({ method: 'POST', url: `/api/v1/admin/orders/${order.id}/refunds`, as: op, headers: { 'idempotency-key': 'r1' }, body: { lines: [{ lineId: order.lines[0].id, quantity: 1 }], reason: 'one broken' } });
    expect(replay.statusCode).toBe(200);
    expect(replay.data.id).toBe(part.data.id);
    await t.settle();
    let o = await orderOf(user, order.id);
    expect(o.status).toBe('to_ship');
    expect(o.refunded.amount).toBe(2000);
    expect(o.lines[0].refundedQuantity).toBe(1);
    expect(await availableOf(t, skuId)).toMatchObject({ onHand: 8 });
    const rest = await t.request({ method: 'POST', url: `/api/v1/admin/orders/${order.id}/refunds`, as: op, body: { full: true, reason: 'customer cancelled' } });
    expect(rest.data.amount.amount).toBe(5000); // the two remaining items and the ¥10 shipping
    expect((await orderOf(user, order.id)).status).toBe('refunding');
    await t.settle();
    o = await orderOf(user, order.id);
    expect(o.status).toBe('refunded');
    expect(o.refunded.amount).toBe(o.paid.amount);
    expect(await availableOf(t, skuId)).toMatchObject({ onHand: 10, reserved: 0 });
    const more = await t.request({ method: 'POST', url: `/api/v1/admin/orders/${order.id}/refunds`, as: op, body: { amount: 1, reason: 'x' } });
    expect(more.statusCode).toBe(422);
    const sandboxRefunded = await t.platform.db.selectFrom('sandbox_charges').select('refunded_amount').where('ref', '=', (await t.platform.db.selectFrom('payments').select('provider_ref').where('order_id', '=', order.id).where('status', '=', 'succeeded').executeTakeFirstOrThrow()).provider_ref!).executeTakeFirstOrThrow();
    expect(sandboxRefunded.refunded_amount).toBe(o.paid.amount);
  });

  it('refuses to refund an unpaid order or more than was paid', async () => {
    const { order } = await pendingOrder();
    const op = await t.operator();
    const unpaid = await t.request({ method: 'POST', url: `/api/v1/admin/orders/${order.id}/refunds`, as: op, body: { full: true, reason: 'x' } });
    expect(unpaid.data.error.code).toBe('PAYMENTS_ORDER_NOT_PAID');
    const { user, order: o2 } = await pendingOrder();
    await payOrder(t, user, o2.id);
    const tooMuch = await t.request({ method: 'POST', url: `/api/v1/admin/orders/${o2.id}/refunds`, as: op, body: { amount: 999999, reason: 'x' } });
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.data.error.code).toBe('ORDER_REFUND_AMOUNT_EXCEEDED');
  });
});

describe('after-sales', () => {
  it('shopper asks, operator approves, the refund lands and the request closes', async () => {
    const { user, order } = await pendingOrder(5000, 10, 2);
    const op = await t.operator();
    await payOrder(t, user, order.id);
    await t.request({ method: 'POST', url: `/api/v1/admin/orders/${order.id}/ship`, as: op, body: { carrier: 'SF', trackingNo: '1' } });
    const opened = await t.request({ method: 'POST', url: `/api/v1/orders/${order.id}/aftersales`, as: user, body: { type: 'return_refund', reason: 'damaged', lines: [{ lineId: order.lines[0].id, quantity: 1 }] } });
    expect(opened.statusCode).toBe(201);
    expect(opened.data.amount.amount).toBe(5000);
    const dup = await t.request({ method: 'POST', url: `/api/v1/orders/${order.id}/aftersales`, as: user, body: { type: 'refund', reason: 'other' } });
    expect(dup.data.error.code).toBe('AFTERSALES_ALREADY_OPEN');
    const queue = await t.request({ method: 'GET', url: '/api/v1/admin/aftersales?status=pending', as: op });
    expect(queue.data.items.map((r: any) => r.id)).toContain(opened.data.id);
    const approved = await t.request({ method: 'POST', url: `/api/v1/admin/aftersales/${opened.data.id}/approve`, as: op, body: {} });
    expect(approved.data.status).toBe('approved');
    await t.settle();
    const closed = await t.request({ method: 'GET', url: `/api/v1/aftersales/${opened.data.id}`, as: user });
    expect(closed.data.status).toBe('refunded');
    const o = await orderOf(user, order.id);
    expect(o.refunded.amount).toBe(5000);
    expect(o.status).toBe('shipped');
  });

  it('an operator can reject; a request on an unpaid order is refused', async () => {
    const { user, order } = await pendingOrder();
    const op = await t.operator();
    const early = await t.request({ method: 'POST', url: `/api/v1/orders/${order.id}/aftersales`, as: user, body: { type: 'refund', reason: 'changed_mind' } });
    expect(early.data.error.code).toBe('AFTERSALES_NOT_ALLOWED');
    await payOrder(t, user, order.id);
    const opened = await t.request({ method: 'POST', url: `/api/v1/orders/${order.id}/aftersales`, as: user, body: { type: 'refund', reason: 'changed_mind' } });
    const rejected = await t.request({ method: 'POST', url: `/api/v1/admin/aftersales/${opened.data.id}/reject`, as: op, body: { note: 'already packed' } });
    expect(rejected.data).toMatchObject({ status: 'rejected', operatorNote: 'already packed' });
    expect((await orderOf(user, order.id)).refunded.amount).toBe(0);
  });
});
