// SKUs carry optional English option names and values, keyed by the Chinese attribute name, for
// the storefront's English mode; edits keep them for the attributes a SKU still has.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';

let t: TestContext;
let op: TestUser;
let categoryId: string;
beforeAll(async () => {
  t = await createTestContext();
  op = await t.operator();
  categoryId = (await t.request({ method: 'POST', url: '/api/v1/admin/catalog/categories', as: op, body: { name: '女装', nameEn: 'Womenswear', slug: 'womens-en' } })).data.id;
});
afterAll(() => t?.close());

const RED_M = { 颜色: { name: 'Colour', value: 'Red' }, 尺码: { name: 'Size', value: 'M' } };

async function product(skuBody: Record<string, unknown>) {
  const made = await t.request({ method: 'POST', url: '/api/v1/admin/catalog/products', as: op, body: { title: '碎花连衣裙', categoryId, status: 'active', skus: [{ code: `D-${Math.random().toString(36).slice(2, 8)}`, attributes: { 颜色: '红色', 尺码: 'M' }, price: { amount: 19900 }, initialStock: 5, ...skuBody }] } });
  expect(made.statusCode, made.body).toBe(201);
  return made.data as { id: string; skus: { id: string }[] };
}
const shopperView = async (id: string) => (await t.request({ method: 'GET', url: `/api/v1/catalog/products/${id}` })).data;
const patch = (skuId: string, body: unknown) => t.request({ method: 'PATCH', url: `/api/v1/admin/catalog/skus/${skuId}`, as: op, body });

describe('English SKU options', () => {
  it('shows shoppers the English option names and values', async () => {
    const p = await product({ attrsEn: { 颜色: { name: ' Colour ', value: 'Red' }, 尺码: { name: 'Size', value: 'M' } } });
    const seen = await shopperView(p.id);
    expect(seen.skus[0]).toMatchObject({ attributes: { 颜色: '红色', 尺码: 'M' }, attrsEn: RED_M });
    // Campaigns show the SKU's label through the catalog's pricing facts: in English too.
    const pricing = (await t.services.catalog.getSkusForPricing(t.platform.db, [p.skus[0].id])).get(p.skus[0].id);
    expect(pricing).toMatchObject({ skuLabel: '红色 / M', skuLabelEn: 'Red / M', productTitleEn: null });
  });

  it('is null without them; an edit sets, keeps, trims to the remaining attributes, and clears them', async () => {
    const p = await product({});
    const skuId = p.skus[0].id;
    expect((await shopperView(p.id)).skus[0].attrsEn).toBeNull();
    const set = await patch(skuId, { attrsEn: RED_M });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.data.attrsEn).toEqual(RED_M);
    expect((await patch(skuId, { price: { amount: 18900 } })).data.attrsEn).toEqual(RED_M);
    expect((await patch(skuId, { attributes: { 颜色: '蓝色' } })).data.attrsEn).toEqual({ 颜色: RED_M.颜色 });
    expect((await patch(skuId, { attrsEn: null })).data.attrsEn).toBeNull();
    expect((await shopperView(p.id)).skus[0].attrsEn).toBeNull();
  });

  it('refuses English texts for an attribute the SKU lacks, or empty ones, and writes nothing', async () => {
    const p = await product({ attrsEn: RED_M });
    const skuId = p.skus[0].id;
    const stray = await patch(skuId, { attrsEn: { 材质: { name: 'Material', value: 'Cotton' } } });
    expect(stray.statusCode).toBe(400);
    expect(stray.data.error.code).toBe('CATALOG_ATTRIBUTES_INVALID');
    const blank = await patch(skuId, { attrsEn: { 颜色: { name: '   ', value: 'Red' } } });
    expect(blank.data.error.code).toBe('CATALOG_ATTRIBUTES_INVALID');
    expect((await patch(skuId, { attrsEn: { 颜色: { name: 'Colour' } } })).statusCode).toBe(400);
    expect((await patch(skuId, { attrsEn: { 颜色: { name: 'Colour', value: 'x'.repeat(500) } } })).statusCode).toBe(400);
    expect((await shopperView(p.id)).skus[0].attrsEn).toEqual(RED_M);
    const before = (await t.request({ method: 'GET', url: '/api/v1/admin/catalog/products?limit=100', as: op })).data.items.length;
    const bad = await t.request({ method: 'POST', url: '/api/v1/admin/catalog/products', as: op, body: { title: '错的', categoryId, skus: [{ code: 'BAD-EN-1', attributes: { 颜色: '红色' }, attrsEn: { 尺码: { name: 'Size', value: 'M' } }, price: { amount: 100 } }] } });
    expect(bad.statusCode).toBe(400);
    expect((await t.request({ method: 'GET', url: '/api/v1/admin/catalog/products?limit=100', as: op })).data.items.length).toBe(before);
  });
});
