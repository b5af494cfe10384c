import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { payOrder, placeOrder, sellableSku, shopperWithAddress } from '../../../test/fixtures.ts';

let t: TestContext;
let op: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  op = await t.operator();
});
afterAll(() => t?.close());

const NIL = '00000000-0000-4000-8000-000000000000';

async function template(body: Record<string, unknown> = {}, activate = true) {
  const res = await t.request({ method: 'POST', url: '/api/v1/admin/coupons/templates', as: op, body: { name: '¥10 off', kind: 'fixed', discountAmount: 1000, scope: 'store', validDaysAfterClaim: 7, ...body } });
  if (res.statusCode !== 201) throw new Error(`template: ${res.statusCode} ${res.body}`);
  if (!activate) return res.data;
  const on = await t.request({ method: 'POST', url: `/api/v1/admin/coupons/templates/${res.data.id}/activate`, as: op });
  if (on.statusCode !== 200) throw new Error(`activate: ${on.statusCode} ${on.body}`);
  return on.data;
}

async function claim(user: TestUser, templateId: string) {
  const res = await t.request({ method: 'POST', url: `/api/v1/coupons/templates/${templateId}/claim`, as: user });
  if (res.statusCode !== 201) throw new Error(`claim: ${res.statusCode} ${res.body}`);
  return res.data;
}

const count = async (table: 'orders' | 'coupons' | 'coupon_templates', where?: [string, string]) => {
  let q = t.platform.db.selectFrom(table as any).select((eb: any) => eb.fn.countAll().as('n'));
  if (where) q = q.where(where[0] as any, '=', where[1]);
  return Number(((await q.executeTakeFirstOrThrow()) as any).n);
};
const couponRow = (id: string) => t.platform.db.selectFrom('coupons').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const templateRow = (id: string) => t.platform.db.selectFrom('coupon_templates').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('operator templates', () => {
  it('creates a draft, activates it and lists it with stats; the action is audited', async () => {
    const created = await template({ name: '满100减20', kind: 'threshold', discountAmount: 2000, minSpendAmount: 10000, totalQuota: 50, budgetAmount: 100000 }, false);
    expect(created).toMatchObject({ status: 'draft', kind: 'threshold', amount: { amount: 2000, currency: 'CNY' }, minSpend: { amount: 10000, currency: 'CNY' }, totalQuota: 50, claimedCount: 0, remainingQuota: 50 });
    const on = await t.request({ method: 'POST', url: `/api/v1/admin/coupons/templates/${created.id}/activate`, as: op });
    expect(on.data.status).toBe('active');
    const list = await t.request({ method: 'GET', url: '/api/v1/admin/coupons/templates?status=active', as: op });
    expect(list.data.items.find((x: any) => x.id === created.id).stats).toMatchObject({ claimed: 0, used: 0 });
    const audit = await t.platform.db.selectFrom('audit_log').select('action').where('subject_id', '=', created.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['coupon_template.created', 'campaign.start']);
  });

  it('locks published terms but lets the quota grow; pause and end move the status', async () => {
    const tp = await template({ totalQuota: 10 });
    const terms = await t.request({ method: 'PATCH', url: `/api/v1/admin/coupons/templates/${tp.id}`, as: op, body: { discountAmount: 5000 } });
    expect(terms.statusCode).toBe(409);
    expect(terms.data.error.code).toBe('CAMPAIGN_RULES_LOCKED');
    const quota = await t.request({ method: 'PATCH', url: `/api/v1/admin/coupons/templates/${tp.id}`, as: op, body: { totalQuota: 20 } });
    expect(quota.data.totalQuota).toBe(20);
    expect((await t.request({ method: 'POST', url: `/api/v1/admin/coupons/templates/${tp.id}/pause`, as: op })).data.status).toBe('paused');
    expect((await t.request({ method: 'POST', url: `/api/v1/admin/coupons/templates/${tp.id}/end`, as: op })).data.status).toBe('ended');
    const again = await t.request({ method: 'POST', url: `/api/v1/admin/coupons/templates/${tp.id}/activate`, as: op });
    expect(again.data.error.code).toBe('CAMPAIGN_STATUS');
  });

  it('issues to a list of users within the quota and reports what it skipped', async () => {
    const tp = await template({ totalQuota: 2, claimable: false });
    const [a, b, c] = await Promise.all([t.signUp(), t.signUp(), t.signUp()]);
    const res = await t.request({ method: 'POST', url: `/api/v1/admin/coupons/templates/${tp.id}/issue`, as: op, body: { userIds: [a.id, b.id, c.id, NIL] } });
    expect(res.statusCode).toBe(200);
    expect(res.data).toEqual({ issued: 2, skipped: 2, unknownUsers: 1, overLimit: 0, overQuota: 1 });
    expect((await templateRow(tp.id)).claimed_count).toBe(2);
    const listed = await t.request({ method: 'GET', url: `/api/v1/admin/coupons/templates/${tp.id}/coupons`, as: op });
    expect(listed.data.items.map((x: any) => x.source)).toEqual(['issue', 'issue']);
    const audit = await t.platform.db.selectFrom('audit_log').select(['action', 'details']).where('subject_id', '=', tp.id).where('action', '=', 'coupon_template.issued').execute();
    expect(audit).toHaveLength(1);
  });

  it('shoppers cannot reach operator routes', async () => {
    const u = await t.signUp();
    const res = await t.request({ method: 'POST', url: '/api/v1/admin/coupons/templates', as: u, body: { name: 'x', kind: 'fixed', discountAmount: 1, scope: 'store', validDaysAfterClaim: 1 } });
    expect(res.statusCode).toBe(403);
  });
});

describe('claiming', () => {
  it('claims from the coupon centre, up to the per-user limit', async () => {
    const tp = await template({ perUserLimit: 2, totalQuota: 100 });
    const u = await t.signUp();
    const centre = await t.request({ method: 'GET', url: '/api/v1/coupons/templates', as: u });
    expect(centre.data.items.find((x: any) => x.id === tp.id)).toMatchObject({ canClaim: true, held: 0, remainingQuota: 100 });
    const c = await claim(u, tp.id);
    expect(c).toMatchObject({ templateId: tp.id, status: 'available', source: 'claim', validFrom: '2026-06-01T08:00:00.000Z', validUntil: '2026-06-08T08:00:00.000Z' });
    await claim(u, tp.id);
    const third = await t.request({ method: 'POST', url: `/api/v1/coupons/templates/${tp.id}/claim`, as: u });
    expect(third.statusCode).toBe(409);
    expect(third.data.error.code).toBe('COUPONS_CLAIM_LIMIT');
    expect((await templateRow(tp.id)).claimed_count).toBe(2);
    const after = await t.request({ method: 'GET', url: '/api/v1/coupons/templates', as: u });
    expect(after.data.items.find((x: any) => x.id === tp.id)).toMatchObject({ canClaim: false, held: 2, remainingQuota: 98 });
    const events = await t.platform.db.selectFrom('outbox_events').select('id').where('type', '=', 'coupon.claimed').where('aggregate_id', '=', c.id).execute();
    expect(events).toHaveLength(1);
  });

  it('over quota is 409 COUPONS_SOLD_OUT; a draft or issue-only template is 422; unknown is 404', async () => {
    const tp = await template({ totalQuota: 1 });
    await claim(await t.signUp(), tp.id);
    const u = await t.signUp();
    const before = await count('coupons');
    const sold = await t.request({ method: 'POST', url: `/api/v1/coupons/templates/${tp.id}/claim`, as: u });
    expect([sold.statusCode, sold.data.error.code]).toEqual([409, 'COUPONS_SOLD_OUT']);
    const draft = await template({}, false);
    const notYet = await t.request({ method: 'POST', url: `/api/v1/coupons/templates/${draft.id}/claim`, as: u });
    expect([notYet.statusCode, notYet.data.error.code]).toEqual([422, 'COUPONS_NOT_CLAIMABLE']);
    const issueOnly = await template({ claimable: false });
    const io = await t.request({ method: 'POST', url: `/api/v1/coupons/templates/${issueOnly.id}/claim`, as: u });
    expect([io.statusCode, io.data.error.code]).toEqual([422, 'COUPONS_NOT_CLAIMABLE']);
    const unknown = await t.request({ method: 'POST', url: `/api/v1/coupons/templates/${NIL}/claim`, as: u });
    expect([unknown.statusCode, unknown.data.error.code]).toEqual([404, 'COUPONS_TEMPLATE_NOT_FOUND']);
    expect(await count('coupons')).toBe(before);
    expect((await templateRow(issueOnly.id)).claimed_count).toBe(0);
  });

  it('outside its window a template cannot be claimed', async () => {
    const tp = await template({ validDaysAfterClaim: null, validFrom: '2026-06-05T00:00:00.000Z', validUntil: '2026-06-10T00:00:00.000Z' });
    const res = await t.request({ method: 'POST', url: `/api/v1/coupons/templates/${tp.id}/claim`, as: await t.signUp() });
    expect(res.data.error).toMatchObject({ code: 'COUPONS_NOT_CLAIMABLE', details: { reason: 'not_started' } });
  });

  it('refuses malformed bodies and anonymous claims, writing nothing', async () => {
    const before = await count('coupon_templates');
    for (const body of [
      { name: 'x', kind: 'fixed', discountAmount: '1000', scope: 'store', validDaysAfterClaim: 7 },
      { name: 'x', kind: 'fixed', discountAmount: -5, scope: 'store', validDaysAfterClaim: 7 },
      { name: 'x', kind: 'bogus', discountAmount: 5, scope: 'store', validDaysAfterClaim: 7 },
      { name: 'x', kind: 'fixed', discountAmount: 5, scope: 'store', validDaysAfterClaim: 7, extra: 1 },
      { name: 'x', kind: 'percent', percentBp: 20000, scope: 'store', validDaysAfterClaim: 7 },
      { name: 'x', kind: 'fixed', discountAmount: 5, scope: 'categories', scopeIds: ['not-a-uuid'], validDaysAfterClaim: 7 },
    ]) {
      const res = await t.request({ method: 'POST', url: '/api/v1/admin/coupons/templates', as: op, body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.data.error.code).toBe('VALIDATION_FAILED');
    }
    const rule = await t.request({ method: 'POST', url: '/api/v1/admin/coupons/templates', as: op, body: { name: 'x', kind: 'threshold', discountAmount: 500, scope: 'store', validDaysAfterClaim: 7 } });
    expect([rule.statusCode, rule.data.error.code]).toEqual([400, 'COUPONS_TEMPLATE_INVALID']);
    const bad = await t.request({ method: 'POST', url: '/api/v1/admin/coupons/templates/not-a-uuid/issue', as: op, body: { userIds: [] } });
    expect(bad.statusCode).toBe(400);
    const json = await t.request({ method: 'POST', url: '/api/v1/admin/coupons/templates', as: op, rawBody: '{"name":', headers: { 'content-type': 'application/json' } });
    expect([json.statusCode, json.data.error.code]).toEqual([400, 'BAD_JSON']);
    expect(await count('coupon_templates')).toBe(before);
    expect((await t.request({ method: 'POST', url: `/api/v1/coupons/templates/${NIL}/claim` })).statusCode).toBe(401);
  });
});

describe('coupons at checkout', () => {
  it('a claimed coupon shows in the quote and the order, locks to the order and is used when paid', async () => {
    const tp = await template({ name: '满50减10', kind: 'threshold', discountAmount: 1000, minSpendAmount: 5000, budgetAmount: 100000 });
    const { skuId } = await sellableSku(t, { price: 3000 });
    const { user, addressId } = await shopperWithAddress(t);
    const c = await claim(user, tp.id);
    const quote = await t.request({ method: 'POST', url: '/api/v1/checkout/quote', as: user, body: { items: [{ skuId, quantity: 2 }], couponIds: [c.id] } });
    expect(quote.statusCode).toBe(200);
    expect(quote.data.adjustments[0]).toEqual({ step: 'coupons', code: 'COUPON', label: '满50减10', amount: { amount: -1000, currency: 'CNY' }, skuId: null, ref: c.id });
    expect(quote.data.total.amount).toBe(6000 - 1000 + 1000);
    const order = await t.request({ method: 'POST', url: '/api/v1/orders', as: user, body: { items: [{ skuId, quantity: 2 }], addressId, couponIds: [c.id] } });
    expect(order.statusCode).toBe(201);
    expect(order.data.discount.amount).toBe(1000);
    expect(order.data.adjustments.find((a: any) => a.step === 'coupons')).toMatchObject({ code: 'COUPON', amount: { amount: -1000 } });
    expect(await couponRow(c.id)).toMatchObject({ status: 'locked', order_id: order.data.id, discount_amount: 1000 });
    expect((await t.services.campaigns.get(tp.id)).spent_amount).toBe(1000);
    // A second order with the same coupon is refused and writes nothing.
    const before = await count('orders');
    const again = await t.request({ method: 'POST', url: '/api/v1/orders', as: user, body: { items: [{ skuId, quantity: 2 }], addressId, couponIds: [c.id] } });
    expect(again.data.error).toMatchObject({ code: 'COUPONS_NOT_USABLE', details: { reason: 'locked' } });
    expect(await count('orders')).toBe(before);
    await payOrder(t, user, order.data.id);
    expect(await couponRow(c.id)).toMatchObject({ status: 'used', order_id: order.data.id });
    const mine = await t.request({ method: 'GET', url: '/api/v1/me/coupons?status=used', as: user });
    expect(mine.data.items.map((x: any) => x.id)).toEqual([c.id]);
  });

  it('a cancelled unpaid order returns the coupon and releases its budget', async () => {
    const tp = await template({ budgetAmount: 5000 });
    const { skuId } = await sellableSku(t, { price: 3000 });
    const { user, addressId } = await shopperWithAddress(t);
    const c = await claim(user, tp.id);
    const order = await t.request({ method: 'POST', url: '/api/v1/orders', as: user, body: { items: [{ skuId, quantity: 1 }], addressId, couponIds: [c.id] } });
    expect((await t.services.campaigns.get(tp.id)).spent_amount).toBe(1000);
    await t.request({ method: 'POST', url: `/api/v1/orders/${order.data.id}/cancel`, as: user });
    await t.settle();
    expect(await couponRow(c.id)).toMatchObject({ status: 'available', order_id: null, discount_amount: 0 });
    expect((await t.services.campaigns.get(tp.id)).spent_amount).toBe(0);
    const reuse = await t.request({ method: 'POST', url: '/api/v1/orders', as: user, body: { items: [{ skuId, quantity: 1 }], addressId, couponIds: [c.id] } });
    expect(reuse.statusCode).toBe(201);
  });

  it('an order left unpaid until it expires also returns the coupon', async () => {
    const tp = await template();
    const { skuId } = await sellableSku(t, { price: 3000 });
    const { user, addressId } = await shopperWithAddress(t);
    const c = await claim(user, tp.id);
    await t.request({ method: 'POST', url: '/api/v1/orders', as: user, body: { items: [{ skuId, quantity: 1 }], addressId, couponIds: [c.id] } });
    t.clock.advanceMinutes(16);
    await t.settle();
    expect((await couponRow(c.id)).status).toBe('available');
  });

  it('a scoped coupon discounts only the lines in scope; a category includes its subcategories', async () => {
    const parent = await t.services.catalog.createCategory(null, { name: '服装', nameEn: 'Apparel', slug: `apparel-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}` });
    const child = await t.services.catalog.createCategory(null, { name: '鞋', nameEn: 'Shoes', slug: `shoes-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`, parentId: parent.id });
    const [shoe] = await t.services.catalog.importProducts(null, [{ title: '跑鞋', categoryId: child.id, status: 'active', skus: [{ code: `SHOE-${Math.random().toString(36).slice(2, 8)}`, price: { amount: 4000 }, initialStock: 10 }] }]);
    const other = await sellableSku(t, { price: 6000 });
    const tp = await template({ name: '服装 8 折', kind: 'percent', discountAmount: null, percentBp: 2000, maxDiscountAmount: 5000, scope: 'categories', scopeIds: [parent.id] });
    const { user } = await shopperWithAddress(t);
    const c = await claim(user, tp.id);
    const quote = await t.request({ method: 'POST', url: '/api/v1/checkout/quote', as: user, body: { items: [{ skuId: shoe.skuIds[0], quantity: 1 }, { skuId: other.skuId, quantity: 1 }], couponIds: [c.id] } });
    expect(quote.statusCode).toBe(200);
    const lines = Object.fromEntries(quote.data.lines.map((l: any) => [l.skuId, l.discount.amount]));
    expect(lines).toEqual({ [shoe.skuIds[0]]: 800, [other.skuId]: 0 });
    const none = await t.request({ method: 'POST', url: '/api/v1/checkout/quote', as: user, body: { items: [{ skuId: other.skuId, quantity: 1 }], couponIds: [c.id] } });
    expect(none.data.error).toMatchObject({ code: 'COUPONS_NOT_USABLE', details: { reason: 'nothing_in_scope' } });
  });

  it('stacking: two store coupons are refused, a store and a product coupon combine', async () => {
    const { skuId, productId } = await sellableSku(t, { price: 10000 });
    const a = await template({ name: 'A' });
    const b = await template({ name: 'B' });
    const p = await template({ name: 'P', scope: 'products', scopeIds: [productId], discountAmount: 500 });
    const { user } = await shopperWithAddress(t);
    const [ca, cb, cp] = [await claim(user, a.id), await claim(user, b.id), await claim(user, p.id)];
    const two = await t.request({ method: 'POST', url: '/api/v1/checkout/quote', as: user, body: { items: [{ skuId, quantity: 1 }], couponIds: [ca.id, cb.id] } });
    expect([two.statusCode, two.data.error.code]).toEqual([422, 'COUPONS_STACKING_NOT_ALLOWED']);
    const ok = await t.request({ method: 'POST', url: '/api/v1/checkout/quote', as: user, body: { items: [{ skuId, quantity: 1 }], couponIds: [ca.id, cp.id] } });
    expect(ok.statusCode).toBe(200);
    expect(ok.data.discount.amount).toBe(1500);
  });

  it('min spend not reached is 422 COUPONS_NOT_USABLE with the reason', async () => {
    const tp = await template({ kind: 'threshold', discountAmount: 2000, minSpendAmount: 20000 });
    const { skuId } = await sellableSku(t, { price: 3000 });
    const { user } = await shopperWithAddress(t);
    const c = await claim(user, tp.id);
    const res = await t.request({ method: 'POST', url: '/api/v1/checkout/quote', as: user, body: { items: [{ skuId, quantity: 1 }], couponIds: [c.id] } });
    expect(res.data.error).toMatchObject({ code: 'COUPONS_NOT_USABLE', details: { reason: 'min_spend_not_reached', minSpend: 20000 } });
  });

  it('a free-shipping coupon waives the fee', async () => {
    const tp = await template({ name: '包邮', kind: 'free_shipping', discountAmount: null });
    const { skuId } = await sellableSku(t, { price: 1000 });
    const { user, addressId } = await shopperWithAddress(t);
    const c = await claim(user, tp.id);
    const order = await t.request({ method: 'POST', url: '/api/v1/orders', as: user, body: { items: [{ skuId, quantity: 1 }], addressId, couponIds: [c.id] } });
    expect(order.statusCode).toBe(201);
    expect(order.data.shipping.amount).toBe(0);
    expect(await couponRow(c.id)).toMatchObject({ status: 'locked', discount_amount: 0 });
  });

  it('an expired coupon is 422 COUPONS_EXPIRED and no order is written; it lists as expired', async () => {
    const tp = await template({ validDaysAfterClaim: 1 });
    const { skuId } = await sellableSku(t, { price: 3000 });
    const { user, addressId } = await shopperWithAddress(t);
    const c = await claim(user, tp.id);
    t.clock.advance(86_400_000 + 1);
    const before = await count('orders');
    const res = await t.request({ method: 'POST', url: '/api/v1/orders', as: user, body: { items: [{ skuId, quantity: 1 }], addressId, couponIds: [c.id] } });
    expect([res.statusCode, res.data.error.code]).toEqual([422, 'COUPONS_EXPIRED']);
    expect(await count('orders')).toBe(before);
    const expired = await t.request({ method: 'GET', url: '/api/v1/me/coupons?status=expired', as: user });
    expect(expired.data.items.map((x: any) => [x.id, x.status])).toEqual([[c.id, 'expired']]);
    expect((await t.request({ method: 'GET', url: '/api/v1/me/coupons?status=available', as: user })).data.items).toEqual([]);
  });

  it('someone else\'s coupon is 404 COUPONS_NOT_FOUND and no order is written', async () => {
    const tp = await template();
    const { skuId } = await sellableSku(t, { price: 3000 });
    const a = await shopperWithAddress(t);
    const b = await shopperWithAddress(t);
    const c = await claim(a.user, tp.id);
    const before = await count('orders');
    for (const id of [c.id, NIL]) {
      const res = await t.request({ method: 'POST', url: '/api/v1/orders', as: b.user, body: { items: [{ skuId, quantity: 1 }], addressId: b.addressId, couponIds: [id] } });
      expect([res.statusCode, res.data.error.code]).toEqual([404, 'COUPONS_NOT_FOUND']);
    }
    expect(await count('orders')).toBe(before);
    expect((await couponRow(c.id)).status).toBe('available');
    expect((await t.request({ method: 'GET', url: `/api/v1/me/coupons/${c.id}`, as: b.user })).statusCode).toBe(404);
  });

  it('a quote without coupons is unchanged', async () => {
    const { skuId } = await sellableSku(t, { price: 2990 });
    const { user, addressId } = await shopperWithAddress(t);
    const order = await placeOrder(t, user, addressId, [{ skuId, quantity: 1 }]);
    expect(order.adjustments.map((a: any) => a.step)).toEqual(['shipping']);
  });
});

describe('granting for other modules', () => {
  it('grantCoupon is idempotent on sourceRef and counts against the quota; revokeCoupon takes back an unused one', async () => {
    const tp = await template({ totalQuota: 1, claimable: false });
    const u = await t.signUp();
    const g = { userId: u.id, templateId: tp.id, source: 'reward' as const, sourceRef: `invite:${u.id}` };
    const first = await t.platform.db.transaction().execute((trx) => t.services.coupons.grantCoupon(trx, g));
    const second = await t.platform.db.transaction().execute((trx) => t.services.coupons.grantCoupon(trx, g));
    expect(first.created).toBe(true);
    expect(second).toEqual({ couponId: first.couponId, created: false });
    expect((await templateRow(tp.id)).claimed_count).toBe(1);
    const other = await t.platform.db.transaction().execute((trx) => t.services.coupons.grantCoupon(trx, { ...g, sourceRef: 'invite:other' })).catch((e) => e);
    expect(other.code).toBe('COUPONS_SOLD_OUT');
    const revoked = await t.platform.db.transaction().execute((trx) => t.services.coupons.revokeCoupon(trx, { source: 'reward', sourceRef: g.sourceRef, userId: u.id }));
    expect(revoked.revoked).toBe(1);
    expect((await couponRow(first.couponId)).status).toBe('revoked');
  });
});
