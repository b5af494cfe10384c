import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { sellableSku } from '../../test/fixtures.ts';
import { seedDemoGroupbuy } from './groupbuy.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t?.close());

it('seeds three live group buys with open teams, some with paid members, once', async () => {
  const skus = await Promise.all([19_900, 8_800, 4_990].map((price) => sellableSku(t, { price })));
  const shopperIds = (await Promise.all(Array.from({ length: 20 }, () => t.signUp()))).map((u) => u.id);
  const seeded = await seedDemoGroupbuy(t.platform, t.services, { operatorId: null, shopperIds, productIds: skus.map((s) => s.productId), skuIds: skus.map((s) => s.skuId) });
  expect(seeded.campaignIds).toHaveLength(3);
  expect(seeded.teamIds.length).toBeGreaterThanOrEqual(6);
  expect(await t.services.groupbuy.listLiveCampaigns()).toHaveLength(3);
  const pages = await Promise.all(seeded.teamIds.map((id) => t.services.groupbuy.getTeamPage(id)));
  expect(pages.filter((p) => p.status === 'open').length).toBeGreaterThanOrEqual(5);
  expect(pages.every((p) => p.status === 'open' || p.status === 'completed')).toBe(true);
  expect(pages.filter((p) => p.members.length > 1).length).toBeGreaterThanOrEqual(3);
  const again = await seedDemoGroupbuy(t.platform, t.services, { operatorId: null, shopperIds, productIds: [], skuIds: skus.map((s) => s.skuId) });
  expect(again.campaignIds).toHaveLength(0);
});
