// Races against the database (real concurrency on PostgreSQL; serialised on PGlite).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { addressOf, sellableSku } from '../../../test/fixtures.ts';
import { newId } from '../../platform/ids.ts';

let t: TestContext;
let op: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  op = await t.operator();
});
afterAll(() => t?.close());

/** Many shoppers fast: bulk-imported rows plus a bearer session each (no password hashing per user). */
async function shoppers(n: number): Promise<TestUser[]> {
  const now = t.clock.now();
  const rows = Array.from({ length: n }, (_, i) => ({ id: newId(), email: `race-${i}-${Math.random().toString(36).slice(2, 8)}@example.com`, phone: null, passwordHash: 'x', displayName: `Racer ${i}`, roles: ['shopper' as const], createdAt: now }));
  await t.services.identity.importUsers(rows);
  const users: TestUser[] = [];
  for (let i = 0; i < rows.length; i += 50) {
    const batch = await Promise.all(rows.slice(i, i + 50).map(async (r) => {
      const s = await t.services.identity.openSession(r.id, 'bearer');
      return { id: r.id, email: r.email, token: s.token, headers: { authorization: `Bearer ${s.token}` } };
    }));
    users.push(...batch);
  }
  return users;
}

async function template(body: Record<string, unknown>) {
  const res = await t.request({ method: 'POST', url: '/api/v1/admin/coupons/templates', as: op, body: { name: '¥10 off', kind: 'fixed', discountAmount: 1000, scope: 'store', validDaysAfterClaim: 7, ...body } });
  if (res.statusCode !== 201) throw new Error(`template: ${res.statusCode} ${res.body}`);
  await t.request({ method: 'POST', url: `/api/v1/admin/coupons/templates/${res.data.id}/activate`, as: op });
  return res.data;
}

describe('coupon races', () => {
  it('500 concurrent claims for a quota of 100: exactly 100 coupons, 400 COUPONS_SOLD_OUT', async () => {
    const tp = await template({ totalQuota: 100 });
    const users = await shoppers(500);
    const results = await Promise.all(users.map((u) => t.request({ method: 'POST', url: `/api/v1/coupons/templates/${tp.id}/claim`, as: u })));
    const created = results.filter((r) => r.statusCode === 201);
    const refused = results.filter((r) => r.statusCode === 409);
    expect(created).toHaveLength(100);
    expect(refused).toHaveLength(400);
    expect(new Set(refused.map((r) => r.data.error.code))).toEqual(new Set(['COUPONS_SOLD_OUT']));
    const row = await t.platform.db.selectFrom('coupon_templates').select('claimed_count').where('id', '=', tp.id).executeTakeFirstOrThrow();
    expect(row.claimed_count).toBe(100);
    const coupons = await t.platform.db.selectFrom('coupons').select(['user_id']).where('template_id', '=', tp.id).execute();
    expect(coupons).toHaveLength(100);
    expect(new Set(coupons.map((c) => c.user_id)).size).toBe(100);
  }, 180_000);

  it('one shopper claiming concurrently never passes the per-user limit', async () => {
    const tp = await template({ perUserLimit: 3 });
    const [u] = await shoppers(1);
    const results = await Promise.all(Array.from({ length: 20 }, () => t.request({ method: 'POST', url: `/api/v1/coupons/templates/${tp.id}/claim`, as: u })));
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(3);
    expect(new Set(results.filter((r) => r.statusCode !== 201).map((r) => r.data.error.code))).toEqual(new Set(['COUPONS_CLAIM_LIMIT']));
    const coupons = await t.platform.db.selectFrom('coupons').select('id').where('template_id', '=', tp.id).execute();
    expect(coupons).toHaveLength(3);
  });

  it('30 concurrent checkouts with ¥10 coupons against a ¥50 budget: at most 5 use the coupon, the rest COUPONS_BUDGET_EXHAUSTED', async () => {
    const tp = await template({ budgetAmount: 5000 });
    const { skuId } = await sellableSku(t, { price: 3000, stock: 100 });
    const users = await shoppers(30);
    const buyers = await Promise.all(
      users.map(async (user) => {
        const claimed = await t.request({ method: 'POST', url: `/api/v1/coupons/templates/${tp.id}/claim`, as: user });
        return { user, couponId: claimed.data.id as string, addressId: await addressOf(t, user) };
      }),
    );
    const ordersBefore = await t.platform.db.selectFrom('orders').select('id').execute();
    const results = await Promise.all(
      buyers.map((b) => t.request({ method: 'POST', url: '/api/v1/orders', as: b.user, body: { items: [{ skuId, quantity: 1 }], addressId: b.addressId, couponIds: [b.couponId] } })),
    );
    const placed = results.filter((r) => r.statusCode === 201);
    const refused = results.filter((r) => r.statusCode !== 201);
    expect(placed.length).toBeLessThanOrEqual(5);
    expect(placed.length).toBe(5); // nothing else competes for the budget here
    expect(new Set(refused.map((r) => `${r.statusCode} ${r.data.error.code}`))).toEqual(new Set(['409 COUPONS_BUDGET_EXHAUSTED']));
    const row = await t.services.campaigns.get(tp.id);
    expect(row.spent_amount).toBe(5000);
    expect(row.spent_amount).toBeLessThanOrEqual(row.budget_amount!);
    const locked = await t.platform.db.selectFrom('coupons').select(['status', 'discount_amount']).where('template_id', '=', tp.id).where('status', '=', 'locked').execute();
    expect(locked).toHaveLength(placed.length);
    expect(locked.reduce((s, c) => s + c.discount_amount, 0)).toBe(5000);
    // A refused order wrote nothing: no order rows, no stock held.
    const ordersAfter = await t.platform.db.selectFrom('orders').select('id').execute();
    expect(ordersAfter.length - ordersBefore.length).toBe(placed.length);
    const level = await t.services.inventory.getAvailability(t.platform.db, [skuId]);
    expect(level.get(skuId)!.reserved).toBe(placed.length);
  }, 120_000);
});
