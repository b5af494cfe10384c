import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { sellableSku } from '../../test/fixtures.ts';
import { seedDemoLottery } from './lottery.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t?.close());

it('seeds one running draw with coupons, points, a product and nothing, with some draws, once', async () => {
  const sku = await sellableSku(t, { price: 29_900 });
  const shopperIds = (await Promise.all(Array.from({ length: 10 }, () => t.signUp()))).map((u) => u.id);
  const seeded = await seedDemoLottery(t.platform, t.services, { operatorId: null, shopperIds, productIds: [sku.productId], skuIds: [sku.skuId] });
  expect(seeded.drawId).not.toBeNull();
  expect(seeded.draws).toBe(10);
  const page = await t.request({ method: 'GET', url: `/api/v1/lottery/draws/${seeded.drawId}` });
  expect(new Set(page.data.prizes.map((p: any) => p.kind))).toEqual(new Set(['coupon', 'points', 'product', 'nothing']));
  expect((await seedDemoLottery(t.platform, t.services, { operatorId: null, shopperIds, productIds: [], skuIds: [] })).drawId).toBeNull();
});
