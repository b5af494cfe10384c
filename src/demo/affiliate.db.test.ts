import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { addressOf, payOrder, placeOrder, sellableSku } from '../../test/fixtures.ts';
import { seedDemoAffiliate } from './affiliate.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t?.close());

it('seeds promoters with KOLs, bindings, product overrides, settled commission, a pending withdrawal and a pending application, once', async () => {
  const op = await t.operator();
  const sku = await sellableSku(t, { price: 50_000, stock: 100 });
  const users = [];
  for (let i = 0; i < 30; i++) users.push(await t.signUp());
  // Four future customers already bought and received their orders.
  for (const u of users.slice(6, 10)) {
    const order = await placeOrder(t, u, await addressOf(t, u), [{ skuId: sku.skuId, quantity: 1 }]);
    await payOrder(t, u, order.id);
    await t.request({ method: 'POST', url: `/api/v1/admin/orders/${order.id}/ship`, as: op, body: { carrier: 'SF', trackingNo: 'SF1' } });
    await t.request({ method: 'POST', url: `/api/v1/admin/orders/${order.id}/complete`, as: op });
  }
  await t.settle();
  t.clock.advance(8 * 86_400_000);
  const shopperIds = users.map((u) => u.id);
  const seeded = await seedDemoAffiliate(t.platform, t.services, { operatorId: op.id, shopperIds, productIds: [sku.productId] });
  expect(seeded.promoterIds).toHaveLength(6);
  expect(seeded.kolIds.length).toBeGreaterThanOrEqual(1);
  expect(seeded.bindings).toBeGreaterThanOrEqual(20);
  expect(seeded.commissions).toBeGreaterThanOrEqual(4);
  expect(seeded.pendingWithdrawalId).not.toBeNull();
  expect(seeded.pendingApplicationId).not.toBeNull();
  const levels = await t.platform.db.selectFrom('affiliate_commissions').select('level').distinct().execute();
  expect(levels.every((l) => l.level === 1 || l.level === 2)).toBe(true);
  expect((await t.services.affiliate.listProductRates())).toHaveLength(1);
  const again = await seedDemoAffiliate(t.platform, t.services, { operatorId: op.id, shopperIds, productIds: [sku.productId] });
  expect(again.promoterIds).toHaveLength(0);
});
