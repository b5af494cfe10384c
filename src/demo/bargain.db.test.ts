import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { sellableSku } from '../../test/fixtures.ts';
import { seedDemoBargain } from './bargain.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t?.close());

it('seeds running price-cut campaigns with helped price-cuts, once', async () => {
  const skus = await Promise.all([19_900, 8_800, 4_990].map((price) => sellableSku(t, { price })));
  const shopperIds = (await Promise.all(Array.from({ length: 30 }, () => t.signUp()))).map((u) => u.id);
  const seeded = await seedDemoBargain(t.platform, t.services, { operatorId: null, shopperIds, productIds: skus.map((s) => s.productId), skuIds: skus.map((s) => s.skuId) });
  expect(seeded.campaignIds).toHaveLength(3);
  expect(seeded.cutIds.length).toBeGreaterThanOrEqual(6);
  const helps = await t.platform.db.selectFrom('bargain_helps').select('id').execute();
  expect(helps.length).toBeGreaterThan(5);
  const again = await seedDemoBargain(t.platform, t.services, { operatorId: null, shopperIds, productIds: [], skuIds: skus.map((s) => s.skuId) });
  expect(again.campaignIds).toHaveLength(0);
});
