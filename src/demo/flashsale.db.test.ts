import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { sellableSku } from '../../test/fixtures.ts';
import { seedDemoFlashsale } from './flashsale.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t?.close());

it('seeds a live slot with activity and two upcoming slots, once', async () => {
  const skus = await Promise.all([19_900, 12_900, 8_800, 5_990, 3_990, 2_990].map((price) => sellableSku(t, { price })));
  const shopperIds = (await Promise.all(Array.from({ length: 12 }, () => t.signUp()))).map((u) => u.id);
  const seeded = await seedDemoFlashsale(t.platform, t.services, { operatorId: null, shopperIds, productIds: skus.map((s) => s.productId), skuIds: skus.map((s) => s.skuId) });
  expect(seeded.slotIds).toHaveLength(3);
  expect(seeded.orderIds).toHaveLength(12);
  const live = await t.services.flashsale.listShopperSlots('live');
  expect(live).toHaveLength(1);
  expect(live[0].items).toHaveLength(6);
  expect(live[0].items.reduce((a, i) => a + (i.stock - i.remaining), 0)).toBe(12);
  expect(await t.services.flashsale.listShopperSlots('upcoming')).toHaveLength(2);
  const paid = await t.platform.db.selectFrom('orders').select('status').where('id', 'in', seeded.orderIds).where('status', '!=', 'pending_payment').execute();
  expect(paid).toHaveLength(8);
  const again = await seedDemoFlashsale(t.platform, t.services, { operatorId: null, shopperIds, productIds: [], skuIds: skus.map((s) => s.skuId) });
  expect(again.slotIds).toHaveLength(0);
});
