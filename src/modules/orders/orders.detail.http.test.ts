// The operator's order page (GET /api/v1/admin/orders/:id) and the after-sales list: the buyer by
// name with a masked phone, what brought the order (share, sharer, campaign tag, promoters),
// amounts that add up with shipping once, history with who acted, refunds whose failure carries an
// error catalog code; after-sales rows name the order by number and the buyer by name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { addressOf, payOrder, placeOrder, sellableSku } from '../../../test/fixtures.ts';
import { VISITOR_COOKIE } from '../../platform/visitor.ts';
import { orderAmounts } from './orders.detail.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t?.close());

const cny = (amount: number) => ({ amount, currency: 'CNY' });
let seq = 0;

/** A shopper who arrived through `token`'s share link and signed up in that browser. */
async function arriveThrough(token: string, name: string): Promise<TestUser> {
  const click = await t.request({ method: 'GET', url: `/s/${token}` });
  const visitorId = click.cookies.find((c) => c.name === VISITOR_COOKIE)!.value;
  const email = `detail-${++seq}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const res = await t.request({ method: 'POST', url: '/api/v1/auth/register', headers: { cookie: `${VISITOR_COOKIE}=${visitorId}` }, body: { email, code: await t.registrationCode({ email }), password: 'fission2026', displayName: name, session: 'bearer' } });
  if (res.statusCode !== 201) throw new Error(`register: ${res.statusCode} ${res.body}`);
  return { id: res.data.user.id, email, token: res.data.token, headers: { authorization: `Bearer ${res.data.token}` } };
}

describe('the operator\'s order page', () => {
  it('names the buyer, tells which share, sharer, campaign and promoters brought the order, and shows shipping once', async () => {
    const op = await t.operator();
    const { productId, skuId } = await sellableSku(t, { price: 4500 });
    const sharer = await t.signUp({ displayName: '分享达人小周' });
    await t.services.affiliate.appointPromoter(op.id, sharer.id);
    const shared = await t.request({ method: 'POST', url: '/api/v1/shares', as: sharer, body: { target: { type: 'product', id: productId }, channel: 'moments', campaignId: 'spring-tag' } });
    expect(shared.statusCode).toBe(201);
    const buyer = await arriveThrough(shared.data.token, '买家小林');
    await t.settle();
    const order = await placeOrder(t, buyer, await addressOf(t, buyer), [{ skuId, quantity: 2 }]);
    await payOrder(t, buyer, order.id);
    await t.settle();

    const res = await t.request({ method: 'GET', url: `/api/v1/admin/orders/${order.id}`, as: op });
    expect(res.statusCode).toBe(200);
    const d = res.data;
    expect(d.buyer).toEqual({ id: buyer.id, name: '买家小林', phone: null });
    expect(d.attribution.share).toMatchObject({ id: shared.data.id, channel: 'moments', sharer: { id: sharer.id, name: '分享达人小周' }, campaign: { id: 'spring-tag', name: null } });
    // The share bound the buyer to the sharer, a promoter: level 1.
    expect(d.attribution.promoters).toEqual([{ level: 1, id: sharer.id, name: '分享达人小周' }]);
    // ¥90 of goods + ¥10 shipping: shipping is its own line, never also among the discounts.
    expect(d.amounts).toEqual({ goods: cny(9000), discounts: [], shipping: { amount: cny(1000), free: null }, total: cny(10000), paid: cny(10000), refunded: cny(0), refundable: cny(10000) });
    expect(d.history.map((h: any) => [h.to, h.reason, h.actorName])).toEqual([
      ['pending_payment', 'placed', '买家小林'],
      ['paid', expect.stringMatching(/^payment /), null],
      ['to_ship', 'no hold', null],
    ]);
    expect(d.finance.payments).toEqual([expect.objectContaining({ status: 'succeeded', amount: cny(10000) })]);
    expect(d.order.address.phone).toMatch(/\*{4}/);
  });

  it('masks the buyer\'s phone and has no attribution for an order nobody shared', async () => {
    const op = await t.operator();
    const { skuId } = await sellableSku(t, { price: 20000 });
    const phone = '13800138123';
    const reg = await t.request({ method: 'POST', url: '/api/v1/auth/register', body: { phone, code: await t.registrationCode({ phone }), password: 'fission2026', displayName: '手机买家', session: 'bearer' } });
    expect(reg.statusCode).toBe(201);
    const buyer: TestUser = { id: reg.data.user.id, email: '', token: reg.data.token, headers: { authorization: `Bearer ${reg.data.token}` } };
    const order = await placeOrder(t, buyer, await addressOf(t, buyer), [{ skuId, quantity: 1 }]);
    const d = (await t.request({ method: 'GET', url: `/api/v1/admin/orders/${order.id}`, as: op })).data;
    expect(d.buyer).toEqual({ id: buyer.id, name: '手机买家', phone: '138****8123' });
    expect(d.attribution).toEqual({ share: null, promoters: [] });
  });

  it('codes a refund the gateway declined, and the refund row tells the operator what happened', async () => {
    const op = await t.operator();
    const { skuId } = await sellableSku(t, { price: 3000 });
    const buyer = await t.signUp();
    const order = await placeOrder(t, buyer, await addressOf(t, buyer), [{ skuId, quantity: 1 }]);
    await payOrder(t, buyer, order.id);
    // The gateway no longer knows the charge (as the demo's payments once were): it refuses the refund.
    const payment = await t.platform.db.selectFrom('payments').select('provider_ref').where('order_id', '=', order.id).where('status', '=', 'succeeded').executeTakeFirstOrThrow();
    await t.platform.db.deleteFrom('sandbox_charges').where('ref', '=', payment.provider_ref!).execute();
    const refund = await t.request({ method: 'POST', url: `/api/v1/admin/orders/${order.id}/refunds`, as: op, body: { amount: 500, reason: '少发一件赠品' }, headers: { 'idempotency-key': 'detail-declined' } });
    expect(refund.statusCode).toBe(201);
    await t.settle();
    const d = (await t.request({ method: 'GET', url: `/api/v1/admin/orders/${order.id}`, as: op })).data;
    expect(d.finance.refunds).toEqual([expect.objectContaining({ status: 'failed', amount: cny(500), reason: '少发一件赠品', failure: { code: 'ORDER_REFUND_DECLINED', details: { gatewayMessage: expect.any(String) } } })]);
    expect(d.amounts).toMatchObject({ refunded: cny(0), refundable: cny(4000) });
  });

  it('answers 404 for an unknown order and 403 for a shopper', async () => {
    const op = await t.operator();
    const missing = await t.request({ method: 'GET', url: '/api/v1/admin/orders/00000000-0000-4000-8000-000000000000', as: op });
    expect(missing.statusCode).toBe(404);
    expect(missing.data.error.code).toBe('ORDER_NOT_FOUND');
    expect((await t.request({ method: 'GET', url: '/api/v1/admin/orders/00000000-0000-4000-8000-000000000000', as: await t.signUp() })).statusCode).toBe(403);
  });
});

describe('amounts that add up', () => {
  const adj = (step: string, code: string, label: string, amount: number) => ({ step, code, label, amount: cny(amount), skuId: null });
  it('groups discounts by kind, keeps shipping once and says why it was free', () => {
    const a = orderAmounts({
      goods: cny(30000),
      shipping: cny(0),
      total: cny(25000),
      paid: cny(25000),
      refunded: cny(2000),
      adjustments: [adj('campaign', 'GROUPBUY', '拼团价', -3000), adj('coupons', 'C1', '满199减10', -1000), adj('coupons', 'C2', '新人券', -1000), adj('campaign', 'CAMPAIGN_FREE_SHIPPING', '包邮', 0), adj('shipping', 'SHIPPING_FREE', 'free shipping benefit', 0)],
    });
    expect(a.discounts).toEqual([
      { kind: 'campaign', labels: ['拼团价'], amount: cny(-3000) },
      { kind: 'coupons', labels: ['满199减10', '新人券'], amount: cny(-2000) },
    ]);
    expect(a.shipping).toEqual({ amount: cny(0), free: 'campaign' });
    expect(a.refundable).toEqual(cny(23000));
  });

  it('shows a difference the adjustments do not explain as its own line, so the sum still holds', () => {
    const a = orderAmounts({ goods: cny(10000), shipping: cny(1000), total: cny(9000), paid: cny(9000), refunded: cny(0), adjustments: [adj('shipping', 'SHIPPING_FLAT', 'shipping', 1000)] });
    expect(a.discounts).toEqual([{ kind: 'other', labels: [], amount: cny(-2000) }]);
    expect(a.shipping.free).toBeNull();
  });
});

describe('the operator\'s after-sales list', () => {
  it('names each request\'s order by number and its buyer by name', async () => {
    const op = await t.operator();
    const { skuId } = await sellableSku(t, { price: 5000 });
    const buyer = await t.signUp({ displayName: '售后买家' });
    const order = await placeOrder(t, buyer, await addressOf(t, buyer), [{ skuId, quantity: 1 }]);
    await payOrder(t, buyer, order.id);
    const opened = await t.request({ method: 'POST', url: `/api/v1/orders/${order.id}/aftersales`, as: buyer, body: { type: 'refund', reason: 'not_as_described' } });
    expect(opened.statusCode).toBe(201);
    const list = await t.request({ method: 'GET', url: '/api/v1/admin/aftersales?status=pending', as: op });
    expect(list.statusCode).toBe(200);
    expect(list.data.items.find((r: any) => r.id === opened.data.id)).toMatchObject({ orderId: order.id, orderNumber: order.number, buyer: { id: buyer.id, name: '售后买家' }, reason: 'not_as_described' });
  });
});
