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
}, 240_000);
afterAll(() => t?.close());
beforeEach(async () => {
  op = await t.operator();
});

const get = (url: string, as: TestUser = op) => t.request({ method: 'GET', url, as });
/** The harness signs up by email: the phone is added as identity stores it (sealed, with its blind index). */
async function signUpWithPhone(displayName: string, phone?: string) {
  const u = await t.signUp({ displayName });
  if (phone) await t.platform.db.updateTable('users').set({ phone: t.platform.pii.seal(phone), phone_index: t.platform.pii.index(phone) }).where('id', '=', u.id).execute();
  return u;
}
const promoter = async (displayName: string, phone?: string) => {
  const u = await signUpWithPhone(displayName, phone);
  await t.services.affiliate.appointPromoter(op.id, u.id);
  return u;
};
/** A new customer bound to the promoter buys `n` units (¥100 each) and pays. */
async function sale(p: TestUser, n = 1) {
  const buyer = await t.signUp();
  await t.services.affiliate.bindCustomer(buyer.id, p.id);
  const order = await placeOrder(t, buyer, await addressOf(t, buyer), [{ skuId: product.skuId, quantity: n }]);
  await payOrder(t, buyer, order.id);
  await t.settle();
  return order;
}

describe('the operators\' promoter directory', () => {
  it('lists promoters with attributed orders, GMV net of refunds and commission; sorts by each and finds them by name, email or whole phone', async () => {
    const tag = `t${Date.now().toString(36)}`;
    // A minute apart, so the joining order is theirs and not the ids'.
    const big = await promoter(`${tag} 大卖家`, '13912345678');
    t.clock.advance(60_000);
    const small = await promoter(`${tag} 小店主`);
    t.clock.advance(60_000);
    const idle = await promoter(`${tag} 新人`);
    await sale(big, 2);
    await sale(big, 1);
    const refunded = await sale(small, 1);
    // Half of the small promoter's order comes back: its GMV and commission halve, the order still counts.
    expect((await t.request({ method: 'POST', url: `/api/v1/admin/orders/${refunded.id}/refunds`, as: op, body: { reason: 'test', amount: 5_000 } })).statusCode).toBe(201);
    await t.settle();

    const byName = await get(`/api/v1/admin/affiliate/promoters?q=${encodeURIComponent(tag)}&sort=gmv&order=desc`);
    expect(byName.statusCode).toBe(200);
    expect(byName.data.total).toBe(3);
    expect(byName.data.items.map((p: any) => p.userId)).toEqual([big.id, small.id, idle.id]);
    const [b, s, i] = byName.data.items;
    expect(b).toMatchObject({ person: { id: big.id, name: `${tag} 大卖家`, phone: '139****5678' }, attributedOrders: 2, gmv: { amount: 30_000 }, commission: { amount: 3_000 } });
    expect(s).toMatchObject({ attributedOrders: 1, gmv: { amount: 5_000 }, commission: { amount: 500 } });
    expect(i).toMatchObject({ attributedOrders: 0, gmv: { amount: 0 }, commission: { amount: 0 }, person: { phone: null } });
    expect(b.totals).toMatchObject({ frozen: { amount: 3_000 } });

    const ascOrders = await get(`/api/v1/admin/affiliate/promoters?q=${encodeURIComponent(tag)}&sort=orders&order=asc`);
    expect(ascOrders.data.items.map((p: any) => p.userId)).toEqual([idle.id, small.id, big.id]);
    const byCommission = await get(`/api/v1/admin/affiliate/promoters?q=${encodeURIComponent(tag)}&sort=commission`);
    expect(byCommission.data.items[0].userId).toBe(big.id);
    const joined = await get(`/api/v1/admin/affiliate/promoters?q=${encodeURIComponent(tag)}&sort=joined&order=desc`);
    expect(joined.data.items[0].userId).toBe(idle.id);

    // Paged: two per page, the cursor carries on where the first page stopped.
    const first = await get(`/api/v1/admin/affiliate/promoters?q=${encodeURIComponent(tag)}&sort=gmv&limit=2`);
    expect(first.data.items).toHaveLength(2);
    const second = await get(`/api/v1/admin/affiliate/promoters?q=${encodeURIComponent(tag)}&sort=gmv&limit=2&cursor=${first.data.nextCursor}`);
    expect(second.data.items.map((p: any) => p.userId)).toEqual([idle.id]);
    expect(second.data.nextCursor).toBeNull();
    const offset = await get(`/api/v1/admin/affiliate/promoters?q=${encodeURIComponent(tag)}&sort=gmv&limit=1&offset=1`);
    expect(offset.data.items.map((p: any) => p.userId)).toEqual([small.id]);

    // A whole phone number finds its owner; a fragment of a sealed phone does not.
    const byPhone = await get('/api/v1/admin/affiliate/promoters?q=13912345678');
    expect(byPhone.data.items.map((p: any) => p.userId)).toEqual([big.id]);
    expect((await get('/api/v1/admin/affiliate/promoters?q=12345678')).data.items.some((p: any) => p.userId === big.id)).toBe(false);
    const byEmail = await get(`/api/v1/admin/affiliate/promoters?q=${encodeURIComponent(small.email)}`);
    expect(byEmail.data.items.map((p: any) => p.userId)).toEqual([small.id]);
    expect((await get(`/api/v1/admin/affiliate/promoters?q=nobody-${tag}`)).data).toEqual({ items: [], total: 0, nextCursor: null });
  });

  it('refuses a bad sort, order, offset or cursor with a coded 400, and shoppers altogether', async () => {
    for (const q of ['sort=balance', 'order=sideways', 'offset=-1', 'offset=100001', 'limit=0', `q=${'x'.repeat(101)}`]) {
      const res = await get(`/api/v1/admin/affiliate/promoters?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.data.error.code, q).toBeTruthy();
    }
    const badCursor = await get('/api/v1/admin/affiliate/promoters?cursor=bm90LWpzb24');
    expect(badCursor.statusCode).toBe(400);
    expect(badCursor.data.error.code).toBe('AFFILIATE_CURSOR_INVALID');
    const shopper = await t.signUp();
    for (const url of ['/api/v1/admin/affiliate/promoters', '/api/v1/admin/affiliate/applications', '/api/v1/admin/affiliate/withdrawals']) {
      expect((await get(url, shopper)).statusCode, url).toBe(403);
      expect((await t.request({ method: 'GET', url })).statusCode, url).toBe(401);
    }
  });

  it('names applicants and withdrawing promoters with a masked phone, and shows the payout account masked', async () => {
    const applicant = await signUpWithPhone('申请人小王', '13700001111');
    const applied = await t.request({ method: 'POST', url: '/api/v1/affiliate/applications', as: applicant, body: { note: '想做推广' } });
    const queue = await get('/api/v1/admin/affiliate/applications?status=pending&limit=100');
    expect(queue.data.items.find((a: any) => a.id === applied.data.id).applicant).toEqual({ id: applicant.id, name: '申请人小王', phone: '137****1111' });

    const p = await promoter('提现人老李', '13600002222');
    const order = await sale(p, 1);
    for (const step of ['ship', 'complete']) {
      const res = await t.request({ method: 'POST', url: `/api/v1/admin/orders/${order.id}/${step}`, as: op, body: step === 'ship' ? { carrier: 'SF', trackingNo: 'SF123' } : undefined });
      expect(res.statusCode).toBe(200);
    }
    await t.settle();
    t.clock.advance(8 * DAY);
    await t.settle();
    for (const [key, value] of [['affiliate.withdrawMinAmount', 100], ['affiliate.withdrawFeeBp', 0]] as const) {
      expect((await t.request({ method: 'PUT', url: `/api/v1/admin/settings/${key}`, as: op, body: { value } })).statusCode).toBe(200);
    }
    const withdraw = (body: unknown) => t.request({ method: 'POST', url: '/api/v1/affiliate/withdrawals', as: p, body });
    for (const bad of [{ amount: 300, payout: { method: 'paypal', account: '6222020200001234' } }, { amount: 300, payout: { method: 'bank', account: '12' } }, { amount: 300, payout: { method: 'bank', account: '6222<script>' } }, { amount: 300, payout: { method: 'bank' } }]) {
      expect((await withdraw(bad)).statusCode, JSON.stringify(bad)).toBe(400);
    }
    const withAccount = await withdraw({ amount: 300, payout: { method: 'bank', account: '6222 0202 0000 1234' } });
    expect(withAccount.statusCode).toBe(201);
    expect(withAccount.data.payout).toEqual({ method: 'bank', account: '**** 1234' });
    t.clock.advance(60_000);
    const without = await withdraw({ amount: 200 });
    expect(without.data.payout).toBeNull();
    // At rest the account is sealed, not the number typed.
    const stored = await t.platform.db.selectFrom('affiliate_withdrawals').select(['payout_account', 'payout_account_tail']).where('id', '=', withAccount.data.id).executeTakeFirstOrThrow();
    expect(stored.payout_account).not.toContain('6222');
    expect(t.platform.pii.open(stored.payout_account)).toBe('6222020200001234');

    const list = await get(`/api/v1/admin/affiliate/withdrawals?promoterId=${p.id}`);
    expect(list.data.items.map((w: any) => [w.promoter, w.payout])).toEqual([
      [{ id: p.id, name: '提现人老李', phone: '136****2222' }, null],
      [{ id: p.id, name: '提现人老李', phone: '136****2222' }, { method: 'bank', account: '**** 1234' }],
    ]);
    // The promoter's own list shows the same masked account.
    expect((await t.request({ method: 'GET', url: '/api/v1/affiliate/me/withdrawals', as: p })).data.items[1].payout).toEqual({ method: 'bank', account: '**** 1234' });

    // `pii rotate-key` re-seals it under the new key; it still opens to the number typed.
    const rotated = await t.services.privacy.rotatePiiKey();
    expect(rotated.resealed.affiliate).toBe(1);
    const resealed = await t.platform.db.selectFrom('affiliate_withdrawals').select('payout_account').where('id', '=', withAccount.data.id).executeTakeFirstOrThrow();
    expect(resealed.payout_account).not.toBe(stored.payout_account);
    expect(resealed.payout_account!.split(':')[1]).toBe(rotated.kid);
  });
});
