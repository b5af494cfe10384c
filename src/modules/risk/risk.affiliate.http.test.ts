import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { addressOf, payOrder, placeOrder, sellableSku } from '../../../test/fixtures.ts';

const DAY = 86_400_000;
let t: TestContext;
let skuId: string;
beforeAll(async () => {
  t = await createTestContext();
  ({ skuId } = await sellableSku(t, { price: 10_000, stock: 10_000 }));
});
afterAll(() => t?.close());

const signInOn = async (user: TestUser, deviceId: string) => {
  const res = await t.request({ method: 'POST', url: '/api/v1/auth/login', headers: { 'x-device-id': deviceId }, body: { login: user.email, password: 'fission2026', session: 'bearer' } });
  expect(res.statusCode).toBe(200);
};

describe('risk on affiliate commissions', () => {
  it('a promoter\'s sock-puppet orders from one phone earn commission only when an operator releases it, once', async () => {
    const op = await t.operator();
    const promoter = await t.signUp();
    await t.services.affiliate.appointPromoter(op.id, promoter.id);
    const puppets = [await t.signUp(), await t.signUp(), await t.signUp()];
    for (const p of puppets) await signInOn(p, 'puppet-phone-01');
    await t.settle();
    const orders: { id: string }[] = [];
    for (const p of puppets) {
      await t.services.affiliate.bindCustomer(p.id, promoter.id);
      const order = await placeOrder(t, p, await addressOf(t, p), [{ skuId, quantity: 1 }]);
      await payOrder(t, p, order.id);
      await t.settle();
      orders.push(order);
    }
    const decisions = await t.platform.db.selectFrom('risk_decisions').selectAll().where('action_kind', '=', 'affiliate.commission').where('user_id', '=', promoter.id).execute();
    expect(decisions).toHaveLength(3);
    expect(decisions.every((d) => d.status === 'held' && d.reasons.some((r) => r.code === 'COUNTERPART_ON_DEVICE_FARM'))).toBe(true);
    expect(decisions[0]!.money_amount).toBe(1000);

    const op2 = await t.operator();
    for (const o of orders) {
      await t.request({ method: 'POST', url: `/api/v1/admin/orders/${o.id}/ship`, as: op2, body: { carrier: 'SF', trackingNo: 'SF1' } });
      await t.request({ method: 'POST', url: `/api/v1/admin/orders/${o.id}/complete`, as: op2 });
    }
    t.clock.advance(8 * DAY);
    await t.settle();
    const status = async () => (await t.platform.db.selectFrom('affiliate_commissions').select(['order_id', 'status']).where('promoter_id', '=', promoter.id).execute());
    expect((await status()).every((c) => c.status === 'frozen')).toBe(true);

    const op3 = await t.operator();
    const first = decisions.find((d) => d.payload.orderId === orders[0]!.id)!;
    const both = await Promise.all([0, 1].map(() => t.request({ method: 'POST', url: `/api/v1/admin/risk/cases/${first.id}/release`, as: op3, body: { reason: '真实顾客' } })));
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    await t.settle();
    const after = await status();
    expect(after.filter((c) => c.status === 'settled').map((c) => c.order_id)).toEqual([orders[0]!.id]);
    const ledger = await t.platform.db.selectFrom('affiliate_ledger').select('amount').where('promoter_id', '=', promoter.id).execute();
    expect(ledger.reduce((s, r) => s + Number(r.amount), 0)).toBe(1000);

    // Cancelling the second case reverses its commission in full: no longer frozen, never paid.
    const second = decisions.find((d) => d.payload.orderId === orders[1]!.id)!;
    const cancelled = await t.request({ method: 'POST', url: `/api/v1/admin/risk/cases/${second.id}/cancel`, as: op3, body: { reason: '刷单' } });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    t.clock.advance(8 * DAY);
    await t.settle();
    const byOrder = new Map((await t.platform.db.selectFrom('affiliate_commissions').select(['order_id', 'status', 'amount', 'reversed_amount']).where('promoter_id', '=', promoter.id).execute()).map((c) => [c.order_id, c]));
    expect(byOrder.get(orders[1]!.id)).toMatchObject({ status: 'reversed', reversed_amount: 1000 });
    expect(byOrder.get(orders[2]!.id)).toMatchObject({ status: 'frozen' });
    const events = await t.platform.db.selectFrom('outbox_events').select(['type', 'payload']).where('type', '=', 'affiliate.commission_cancelled').execute();
    expect(events.map((e) => e.payload)).toEqual([expect.objectContaining({ orderId: orders[1]!.id, decisionId: second.id })]);
    const after2 = await t.platform.db.selectFrom('affiliate_ledger').select('amount').where('promoter_id', '=', promoter.id).execute();
    expect(after2.reduce((s, r) => s + Number(r.amount), 0)).toBe(1000);
  });
});
