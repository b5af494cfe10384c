import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { seedDemoCatalog } from './catalog.ts';

let t: TestContext;
let result: { productIds: string[]; skuIds: string[] };
let progress: Array<[number, number]>;
let ms: number;

beforeAll(async () => {
  t = await createTestContext();
  progress = [];
  const started = performance.now();
  result = await seedDemoCatalog(t.platform, t.services, { scale: 1, onProgress: (done, total) => progress.push([done, total]) });
  ms = performance.now() - started;
});
afterAll(() => t?.close());

describe('demo catalog', () => {
  it('creates 200 products with SKUs, stock and covers, quickly, reporting progress', async () => {
    expect(result.productIds).toHaveLength(200);
    expect(result.skuIds.length).toBeGreaterThanOrEqual(200);
    expect(ms).toBeLessThan(20_000);
    expect(progress.at(-1)).toEqual([200, 200]);
    const { rows } = await sql<{ products: number; skus: number; levels: number; media: number; events: number }>`
      select (select count(*)::int from products) as products, (select count(*)::int from skus) as skus,
             (select count(*)::int from inventory_levels) as levels, (select count(*)::int from media) as media,
             (select count(*)::int from outbox_events where type = 'product.created') as events`.execute(t.platform.db);
    expect(rows[0]).toEqual({ products: 200, skus: result.skuIds.length, levels: result.skuIds.length, media: 200, events: 200 });
  });

  it('is browsable by shoppers with images', async () => {
    const list = await t.request({ method: 'GET', url: '/api/v1/catalog/products?limit=5' });
    expect(list.data.items).toHaveLength(5);
    const cover = await t.request({ method: 'GET', url: list.data.items[0].image });
    expect(cover.statusCode).toBe(200);
    expect(cover.headers['content-type']).toBe('image/svg+xml');
    const tree = await t.request({ method: 'GET', url: '/api/v1/catalog/categories' });
    expect(tree.data.items).toHaveLength(8);
    expect(tree.data.items.every((c: any) => c.children.length === 4)).toBe(true);
  });

  it('converges on a re-run instead of duplicating', async () => {
    const again = await seedDemoCatalog(t.platform, t.services, { scale: 1 });
    expect(again).toEqual(result);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from products`.execute(t.platform.db);
    expect(rows[0].n).toBe(200);
  });
});
