import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { addressOf, payOrder, placeOrder, sellableSku } from '../../../test/fixtures.ts';

const DAY = 86_400_000;
let t: TestContext;
let op: TestUser;
let product: { productId: string; skuId: string };
beforeAll(async () => {
  t = await createTestContext();
  op = await t.operator();
  product = await sellableSku(t, { price: 10_000, stock: 10_000 });
});
afterAll(() => t?.close());
// Sessions expire as the clock moves on: a fresh operator per test.
beforeEach(async () => {
  op = await t.operator();
});

const setting = async (key: string, value: unknown) => {
  const res = await t.request({ method: 'PUT', url: `/api/v1/admin/settings/${key}`, as: op, body: { value } });
  expect(res.statusCode).toBe(200);
};
const promoter = async (name?: string) => {
  const u = await t.signUp(name ? { displayName: name } : {});
  await t.services.affiliate.appointPromoter(op.id, u.id);
  return u;
};
const bind = (customer: TestUser, to: TestUser) => t.services.affiliate.bindCustomer(customer.id, to.id);
const me = async (u: TestUser) => (await t.request({ method: 'GET', url: '/api/v1/affiliate/me', as: u })).data;
const commissions = async (u: TestUser, status?: string) => (await t.request({ method: 'GET', url: `/api/v1/affiliate/me/commissions${status ? `?status=${status}` : ''}`, as: u })).data.items;

/** The buyer orders one unit (¥100, free shipping) and pays. */
async function buy(buyer: TestUser, skuId = product.skuId) {
  const order = await placeOrder(t, buyer, await addressOf(t, buyer), [{ skuId, quantity: 1 }]);
  await payOrder(t, buyer, order.id);
  await t.settle();
  return order;
}
async function complete(orderId: string) {
  expect((await t.request({ method: 'POST', url: `/api/v1/admin/orders/${orderId}/ship`, as: op, body: { carrier: 'SF', trackingNo: 'SF123' } })).statusCode).toBe(200);
  expect((await t.request({ method: 'POST', url: `/api/v1/admin/orders/${orderId}/complete`, as: op })).statusCode).toBe(200);
  await t.settle();
}
async function refund(orderId: string, body: Record<string, unknown>) {
  const res = await t.request({ method: 'POST', url: `/api/v1/admin/orders/${orderId}/refunds`, as: op, body: { reason: 'test', ...body } });
  expect(res.statusCode).toBe(201);
  await t.settle();
}
/** A promoter with `amount` fen of settled commission (level 1 on ¥100 orders at 10%). */
async function settledPromoter(orders = 1) {
  const p = await promoter();
  for (let i = 0; i < orders; i++) {
    const c = await t.signUp();
    await bind(c, p);
    const o = await buy(c);
    await complete(o.id);
  }
  t.clock.advance(8 * DAY);
  await t.settle();
  return p;
}

describe('affiliate distribution', () => {
  it('pays level 1 and level 2 in a three-level chain — never the third — frozen until completion + 7 days', async () => {
    const [z, a, b] = [await promoter('Z'), await promoter('A'), await promoter('B')];
    const c = await t.signUp();
    await bind(a, z);
    await bind(b, a);
    await bind(c, b);
    const order = await buy(c);

    const rows = await t.platform.db.selectFrom('affiliate_commissions').selectAll().where('order_id', '=', order.id).orderBy('level').execute();
    expect(rows.map((r) => [r.level, r.promoter_id, r.amount, r.status])).toEqual([
      [1, b.id, 1000, 'frozen'],
      [2, a.id, 500, 'frozen'],
    ]);
    expect(rows.some((r) => r.promoter_id === z.id)).toBe(false);
    expect((await me(z)).totals.frozen.amount).toBe(0);
    expect((await me(b)).totals).toMatchObject({ frozen: { amount: 1000 }, settled: { amount: 0 }, available: { amount: 0 } });
    expect((await me(a)).referees).toEqual({ level1: 1, level2: 1 });

    // The same order.paid event delivered again changes nothing.
    const paid = await t.platform.db.selectFrom('outbox_events').selectAll().where('type', '=', 'order.paid').where('aggregate_id', '=', order.id).executeTakeFirstOrThrow();
    await t.platform.db.transaction().execute((trx) => t.services.affiliate.onOrderPaid(trx, paid.payload as any));
    expect(await t.platform.db.selectFrom('affiliate_commissions').select('id').where('order_id', '=', order.id).execute()).toHaveLength(2);

    // Not before completion, however long it waits.
    t.clock.advance(20 * DAY);
    await t.settle();
    expect((await commissions(b))[0].status).toBe('frozen');

    await complete(order.id);
    t.clock.advance(7 * DAY - 60_000);
    await t.settle();
    expect((await commissions(b))[0].status).toBe('frozen');
    t.clock.advance(60_000);
    await t.settle();
    expect((await commissions(b))[0]).toMatchObject({ status: 'settled', net: { amount: 1000 } });
    expect((await me(b)).totals).toMatchObject({ frozen: { amount: 0 }, settled: { amount: 1000 }, available: { amount: 1000 } });
    expect((await me(a)).totals.available.amount).toBe(500);
    expect((await me(z)).totals.available.amount).toBe(0);
  });

  it('reverses frozen commission in proportion to a partial refund and all of it on the rest', async () => {
    const [a, b] = [await promoter(), await promoter()];
    const c = await t.signUp();
    await bind(b, a);
    await bind(c, b);
    const order = await buy(c);
    await refund(order.id, { amount: 2500 });
    const after = await t.platform.db.selectFrom('affiliate_commissions').selectAll().where('order_id', '=', order.id).orderBy('level').execute();
    expect(after.map((r) => [r.level, r.reversed_amount, r.status])).toEqual([
      [1, 250, 'frozen'],
      [2, 125, 'frozen'],
    ]);
    await refund(order.id, { full: true });
    const all = await t.platform.db.selectFrom('affiliate_commissions').selectAll().where('order_id', '=', order.id).orderBy('level').execute();
    expect(all.map((r) => [r.reversed_amount, r.status])).toEqual([
      [1000, 'reversed'],
      [500, 'reversed'],
    ]);
    expect((await me(b)).totals).toMatchObject({ frozen: { amount: 0 }, reversed: { amount: 1000 } });
  });

  it('a partially refunded commission settles what is left; a refund after settlement comes out of the balance', async () => {
    const b = await promoter();
    const c = await t.signUp();
    await bind(c, b);
    const order = await buy(c);
    await refund(order.id, { amount: 4000 });
    await complete(order.id);
    t.clock.advance(7 * DAY);
    await t.settle();
    expect((await me(b)).totals.available.amount).toBe(600);
    await refund(order.id, { full: true });
    const m = await me(b);
    expect(m.totals).toMatchObject({ available: { amount: 0 }, settled: { amount: 0 }, reversed: { amount: 1000 } });
  });

  it('keeps commission frozen while an after-sales request is open and settles once it is rejected', async () => {
    const b = await promoter();
    const c = await t.signUp();
    await bind(c, b);
    const order = await buy(c);
    await complete(order.id);
    const req = await t.request({ method: 'POST', url: `/api/v1/orders/${order.id}/aftersales`, as: c, body: { type: 'refund', reason: 'quality' } });
    expect(req.statusCode).toBe(201);
    await t.settle();
    expect((await commissions(b))[0]).toMatchObject({ status: 'frozen', onHold: true });
    t.clock.advance(10 * DAY);
    await t.settle();
    expect((await commissions(b))[0]).toMatchObject({ status: 'frozen', onHold: true });
    const rejected = await t.request({ method: 'POST', url: `/api/v1/admin/aftersales/${req.data.id}/reject`, as: op, body: { note: '商品无质量问题' } });
    expect(rejected.statusCode).toBe(200);
    await t.settle();
    expect((await commissions(b))[0]).toMatchObject({ status: 'settled', onHold: false });
  });

  it('refuses binding to yourself or to your own downline, keeps the first binding, binds through a share link', async () => {
    const [z, a, b] = [await promoter(), await promoter(), await promoter()];
    await expect(bind(a, a)).rejects.toMatchObject({ code: 'AFFILIATE_BINDING_SELF' });
    await bind(a, z);
    await bind(b, a);
    await expect(bind(z, a)).rejects.toMatchObject({ code: 'AFFILIATE_BINDING_DOWNLINE' }); // a is z's level 1
    await expect(bind(z, b)).rejects.toMatchObject({ code: 'AFFILIATE_BINDING_DOWNLINE' }); // b is z's level 2
    await expect(bind(b, z)).rejects.toMatchObject({ code: 'AFFILIATE_BINDING_ALREADY_BOUND' }); // first binding wins
    const shopper = await t.signUp();
    await expect(t.services.affiliate.bindCustomer(a.id, shopper.id)).rejects.toMatchObject({ code: 'AFFILIATE_BINDING_NOT_PROMOTER' });

    // A new customer arriving through b's product share is bound to b.
    const share = await t.request({ method: 'POST', url: '/api/v1/shares', as: b, body: { target: { type: 'product', id: product.productId }, channel: 'wechat' } });
    expect(share.statusCode).toBe(201);
    const click = await t.request({ method: 'GET', url: share.data.url });
    const visitor = click.cookies.find((k) => k.name === 'fission_vid')!.value;
    const email = `aff-${Date.now()}@example.com`;
    const code = await t.registrationCode({ email });
    const reg = await t.request({ method: 'POST', url: '/api/v1/auth/register', headers: { cookie: `fission_vid=${visitor}` }, body: { email, code, password: 'fission2026', displayName: '小红', session: 'bearer' } });
    await t.settle();
    const binding = await t.platform.db.selectFrom('promoter_bindings').selectAll().where('customer_id', '=', reg.data.user.id).executeTakeFirstOrThrow();
    expect(binding).toMatchObject({ promoter_id: b.id, source: 'share', share_id: share.data.id });
    const referees = await t.request({ method: 'GET', url: '/api/v1/affiliate/me/referees', as: b });
    expect(referees.data.items).toEqual([expect.objectContaining({ level: 1, name: '小*' })]);

    // Override on: a later link re-binds, but never into a cycle.
    await setting('affiliate.bindingOverride', true);
    await bind(b, z);
    await expect(bind(z, b)).rejects.toMatchObject({ code: 'AFFILIATE_BINDING_DOWNLINE' });
    await setting('affiliate.bindingOverride', false);
  });

  it('two promoters binding to each other at the same moment never form a cycle', async () => {
    for (let round = 0; round < 3; round++) {
      const [a, b, c] = [await promoter(), await promoter(), await promoter()];
      const attempts = await Promise.allSettled([bind(a, b), bind(b, a), bind(b, c), bind(c, a), bind(a, b), bind(b, a)]);
      expect(attempts.filter((r) => r.status === 'fulfilled').length).toBeGreaterThanOrEqual(1);
      for (const r of attempts) if (r.status === 'rejected') expect((r.reason as any).code).toMatch(/^AFFILIATE_BINDING_(DOWNLINE|ALREADY_BOUND)$/);
      const rows = await t.platform.db.selectFrom('promoter_bindings').selectAll().where('customer_id', 'in', [a.id, b.id, c.id]).execute();
      const up = new Map(rows.map((r) => [r.customer_id, r.promoter_id]));
      for (const start of [a.id, b.id, c.id]) {
        const seen = new Set<string>();
        for (let cur: string | undefined = start; cur; cur = up.get(cur)) {
          expect(seen.has(cur)).toBe(false);
          seen.add(cur);
        }
      }
    }
  });

  it('refuses any configuration of a third level with 422, and applies per-product overrides', async () => {
    for (const body of [{ levels: 3 }, { level1RateBp: 1000, level3RateBp: 100 }]) {
      const res = await t.request({ method: 'PUT', url: '/api/v1/admin/affiliate/rates', as: op, body });
      expect(res.statusCode).toBe(422);
      expect(res.data.error.code).toBe('AFFILIATE_THIRD_LEVEL_FORBIDDEN');
    }
    const bad = await t.request({ method: 'PUT', url: `/api/v1/admin/affiliate/product-rates/${product.productId}`, as: op, body: { level1Bp: 1000, level2Bp: 500, level3Bp: 100 } });
    expect(bad.statusCode).toBe(422);
    expect(bad.data.error.code).toBe('AFFILIATE_THIRD_LEVEL_FORBIDDEN');
    expect((await t.request({ method: 'GET', url: '/api/v1/admin/affiliate/rates', as: op })).data).toEqual({ levels: 2, level1Bp: 1000, level2Bp: 500 });
    expect((await t.request({ method: 'PUT', url: '/api/v1/admin/affiliate/rates', as: op, body: { levels: 2, level1RateBp: 1000 } })).statusCode).toBe(200);
    expect((await t.request({ method: 'PUT', url: '/api/v1/admin/affiliate/rates', as: op, body: { level1RateBp: -1 } })).statusCode).toBe(400);

    const hot = await sellableSku(t, { price: 20_000, stock: 100 });
    const set = await t.request({ method: 'PUT', url: `/api/v1/admin/affiliate/product-rates/${hot.productId}`, as: op, body: { level1Bp: 2000, level2Bp: 0 } });
    expect(set.statusCode).toBe(200);
    const [a, b] = [await promoter(), await promoter()];
    const c = await t.signUp();
    await bind(b, a);
    await bind(c, b);
    const order = await buy(c, hot.skuId);
    const rows = await t.platform.db.selectFrom('affiliate_commissions').selectAll().where('order_id', '=', order.id).execute();
    expect(rows.map((r) => [r.level, r.rate_bp, r.amount])).toEqual([[1, 2000, 4000]]);
  });

  it('withdrawals: minimum, fee, never above the available balance, operator pays or rejects; the statement adds up', async () => {
    await setting('affiliate.withdrawMinAmount', 100);
    await setting('affiliate.withdrawFeeBp', 100);
    const start = t.clock.now();
    const b = await settledPromoter(1); // ¥10.00 available
    expect((await me(b)).totals.available.amount).toBe(1000);
    const w = (amount: number, headers: Record<string, string> = {}) => t.request({ method: 'POST', url: '/api/v1/affiliate/withdrawals', as: b, body: { amount }, headers });

    expect((await w(50)).data.error.code).toBe('AFFILIATE_WITHDRAW_BELOW_MINIMUM');
    const over = await w(1001);
    expect(over.statusCode).toBe(422);
    expect(over.data.error.code).toBe('AFFILIATE_INSUFFICIENT_BALANCE');
    expect((await t.request({ method: 'POST', url: '/api/v1/affiliate/withdrawals', as: b, body: { amount: '300' } })).statusCode).toBe(400);

    const first = await w(300, { 'idempotency-key': 'wd-1' });
    expect(first.statusCode).toBe(201);
    expect(first.data).toMatchObject({ amount: { amount: 300 }, fee: { amount: 3 }, net: { amount: 297 }, status: 'pending' });
    const again = await w(300, { 'idempotency-key': 'wd-1' });
    expect(again.statusCode).toBe(200);
    expect(again.data.id).toBe(first.data.id);

    const second = await w(300);
    expect((await me(b)).totals).toMatchObject({ available: { amount: 400 }, pendingWithdrawals: { amount: 600 } });
    const notOp = await t.request({ method: 'POST', url: `/api/v1/admin/affiliate/withdrawals/${first.data.id}/approve`, as: b, body: {} });
    expect(notOp.statusCode).toBe(403);
    const paid = await t.request({ method: 'POST', url: `/api/v1/admin/affiliate/withdrawals/${first.data.id}/approve`, as: op, body: {} });
    expect(paid.data.status).toBe('paid');
    const rejected = await t.request({ method: 'POST', url: `/api/v1/admin/affiliate/withdrawals/${second.data.id}/reject`, as: op, body: { note: '账户信息有误' } });
    expect(rejected.data.status).toBe('rejected');
    expect((await t.request({ method: 'POST', url: `/api/v1/admin/affiliate/withdrawals/${second.data.id}/approve`, as: op, body: {} })).statusCode).toBe(409);
    expect((await me(b)).totals).toMatchObject({ available: { amount: 700 }, withdrawn: { amount: 300 }, pendingWithdrawals: { amount: 0 } });

    const st = await t.request({ method: 'GET', url: `/api/v1/affiliate/me/statement?from=${start.toISOString()}&to=${new Date(t.clock.now().getTime() + 1000).toISOString()}`, as: b });
    expect(st.statusCode).toBe(200);
    const s = st.data;
    expect(s).toMatchObject({ openingBalance: { amount: 0 }, commissionsSettled: { amount: 1000 }, reversals: { amount: 0 }, withdrawals: { amount: 594 }, fees: { amount: 6 }, withdrawalsReturned: { amount: 300 }, closingBalance: { amount: 700 } });
    expect(s.openingBalance.amount + s.commissionsSettled.amount - s.reversals.amount - s.withdrawals.amount - s.fees.amount + s.withdrawalsReturned.amount).toBe(s.closingBalance.amount);
    const later = await t.request({ method: 'GET', url: `/api/v1/affiliate/me/statement?from=${new Date(t.clock.now().getTime() + 1000).toISOString()}&to=${new Date(t.clock.now().getTime() + 2000).toISOString()}`, as: b });
    expect(later.data).toMatchObject({ openingBalance: { amount: 700 }, closingBalance: { amount: 700 } });

    const list = await t.request({ method: 'GET', url: '/api/v1/admin/affiliate/promoters?limit=100', as: op });
    expect(list.data.items.find((p: any) => p.userId === b.id).totals).toMatchObject({ settled: { amount: 1000 }, withdrawn: { amount: 300 }, available: { amount: 700 } });
    await setting('affiliate.withdrawFeeBp', 0);
  });

  it('ten concurrent withdrawals never overdraw the balance', async () => {
    await setting('affiliate.withdrawMinAmount', 100);
    const b = await settledPromoter(1); // 1000 available
    const results = await Promise.all(Array.from({ length: 10 }, () => t.request({ method: 'POST', url: '/api/v1/affiliate/withdrawals', as: b, body: { amount: 300 } })));
    const ok = results.filter((r) => r.statusCode === 201);
    expect(ok).toHaveLength(3);
    expect(results.filter((r) => r.statusCode === 422).every((r) => r.data.error.code === 'AFFILIATE_INSUFFICIENT_BALANCE')).toBe(true);
    expect(results.every((r) => r.statusCode === 201 || r.statusCode === 422)).toBe(true);
    const m = await me(b);
    expect(m.totals).toMatchObject({ available: { amount: 100 }, pendingWithdrawals: { amount: 900 } });
  });

  it('becomes a promoter by application (operator review), at once in open mode, or on a first paid order — never for a fee', async () => {
    const u = await t.signUp();
    const applied = await t.request({ method: 'POST', url: '/api/v1/affiliate/applications', as: u, body: { note: '我是美妆博主' } });
    expect(applied.statusCode).toBe(201);
    expect(applied.data.status).toBe('pending');
    expect((await me(u)).status).toBe('pending');
    const queue = await t.request({ method: 'GET', url: '/api/v1/admin/affiliate/applications?status=pending&limit=100', as: op });
    expect(queue.data.items.some((a: any) => a.id === applied.data.id)).toBe(true);
    const approved = await t.request({ method: 'POST', url: `/api/v1/admin/affiliate/applications/${applied.data.id}/approve`, as: op, body: {} });
    expect(approved.data.status).toBe('approved');
    const user = await t.services.identity.getUser(u.id);
    expect(user.roles).toContain('promoter');
    expect((await me(u)).link).not.toBeNull();

    const r = await t.signUp();
    const app2 = await t.request({ method: 'POST', url: '/api/v1/affiliate/applications', as: r, body: {} });
    const rej = await t.request({ method: 'POST', url: `/api/v1/admin/affiliate/applications/${app2.data.id}/reject`, as: op, body: { note: '资料不全' } });
    expect(rej.data.status).toBe('rejected');
    expect((await t.request({ method: 'POST', url: `/api/v1/admin/affiliate/applications/${app2.data.id}/approve`, as: op, body: {} })).statusCode).toBe(409);

    await setting('affiliate.promoterMode', 'open');
    const o = await t.signUp();
    expect((await t.request({ method: 'POST', url: '/api/v1/affiliate/applications', as: o, body: {} })).data.status).toBe('approved');

    await setting('affiliate.promoterMode', 'after_first_paid_order');
    const buyer = await t.signUp();
    expect((await me(buyer)).status).toBe('none');
    await buy(buyer);
    expect((await me(buyer)).status).toBe('approved');
    await buy(r); // rejected by an operator earlier: a purchase does not overrule that
    expect((await me(r)).status).toBe('rejected');
    await setting('affiliate.promoterMode', 'application');

    expect((await t.request({ method: 'POST', url: '/api/v1/affiliate/applications', as: o, body: { fee: 100 } })).statusCode).toBe(400);
    expect((await t.request({ method: 'GET', url: '/api/v1/admin/affiliate/applications', as: o })).statusCode).toBe(403);
    expect((await t.request({ method: 'GET', url: '/api/v1/affiliate/me' })).statusCode).toBe(401);
  });

  it('refuses bad input with a 4xx and writes nothing', async () => {
    const shopper = await t.signUp();
    const before = await t.platform.db.selectFrom('affiliate_withdrawals').select(t.platform.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    for (const body of [{ amount: 0 }, { amount: -100 }, { amount: 1.5 }, { amount: 1000, extra: true }, {}]) {
      expect((await t.request({ method: 'POST', url: '/api/v1/affiliate/withdrawals', as: shopper, body })).statusCode).toBe(400);
    }
    const notPromoter = await t.request({ method: 'POST', url: '/api/v1/affiliate/withdrawals', as: shopper, body: { amount: 1000 } });
    expect(notPromoter.statusCode).toBe(403);
    expect(notPromoter.data.error.code).toBe('AFFILIATE_NOT_PROMOTER');
    const after = await t.platform.db.selectFrom('affiliate_withdrawals').select(t.platform.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    const now = t.clock.now().toISOString();
    expect((await t.request({ method: 'GET', url: `/api/v1/affiliate/me/statement?from=${now}&to=${now}`, as: shopper })).statusCode).toBe(400);
    expect((await t.request({ method: 'GET', url: '/api/v1/affiliate/me/statement?from=yesterday&to=today', as: shopper })).statusCode).toBe(400);
    expect((await t.request({ method: 'GET', url: '/api/v1/affiliate/me/commissions?status=paid', as: shopper })).statusCode).toBe(400);
    expect((await t.request({ method: 'PUT', url: `/api/v1/admin/affiliate/product-rates/${product.productId}`, as: op, body: { level1Bp: 99_999, level2Bp: 0 } })).statusCode).toBe(400);
    expect((await t.request({ method: 'POST', url: '/api/v1/admin/affiliate/withdrawals/00000000-0000-4000-8000-000000000000/approve', as: op, body: {} })).statusCode).toBe(404);
    expect((await t.request({ method: 'POST', url: '/api/v1/admin/affiliate/applications/not-a-uuid/approve', as: op, body: {} })).statusCode).toBe(400);
    expect((await t.request({ method: 'POST', url: '/api/v1/affiliate/applications', as: shopper, body: { note: 'x'.repeat(501) } })).statusCode).toBe(400);
  });

  it('pays the buyer themself only when self-purchase commission is on', async () => {
    const a = await promoter();
    const b = await promoter();
    await bind(b, a);
    const o1 = await buy(b);
    expect((await t.platform.db.selectFrom('affiliate_commissions').selectAll().where('order_id', '=', o1.id).execute()).map((r) => [r.level, r.promoter_id])).toEqual([[1, a.id]]);
    await setting('affiliate.selfPurchaseCommission', true);
    const o2 = await buy(b);
    const rows = await t.platform.db.selectFrom('affiliate_commissions').selectAll().where('order_id', '=', o2.id).orderBy('level').execute();
    expect(rows.map((r) => [r.level, r.promoter_id])).toEqual([
      [1, b.id],
      [2, a.id],
    ]);
    await setting('affiliate.selfPurchaseCommission', false);
  });
});
