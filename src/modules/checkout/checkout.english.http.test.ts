// Cart and checkout lines carry the product's English title and option label from the catalog, for
// the storefront's English mode; null where the catalog has none.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';

let t: TestContext;
let shopper: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  shopper = await t.signUp();
});
afterAll(() => t?.close());

async function product(english: boolean) {
  const tag = Math.random().toString(36).slice(2, 8);
  const category = await t.services.catalog.createCategory(null, { name: `女装 ${tag}`, nameEn: `Women ${tag}`, slug: `women-${tag}` });
  const [made] = await t.services.catalog.importProducts(null, [
    {
      title: '碎花连衣裙',
      ...(english ? { titleEn: 'Floral dress' } : {}),
      categoryId: category.id,
      status: 'active',
      skus: [{ code: `EN-${tag}`, attributes: { 颜色: '红色', 尺码: 'M' }, ...(english ? { attrsEn: { 颜色: { name: 'Colour', value: 'Red' } } } : {}), price: { amount: 9900 }, initialStock: 10 }],
    },
  ]);
  return made.skuIds[0];
}

describe('English titles in the cart and at checkout', () => {
  it('prices lines with the English title and option label', async () => {
    const english = await product(true);
    const plain = await product(false);
    const put = await t.request({ method: 'PUT', url: `/api/v1/cart/items/${english}`, as: shopper, body: { quantity: 1 } });
    expect(put.statusCode, put.body).toBe(200);
    await t.request({ method: 'PUT', url: `/api/v1/cart/items/${plain}`, as: shopper, body: { quantity: 2 } });
    const cart = await t.request({ method: 'GET', url: '/api/v1/cart', as: shopper });
    const lines = cart.data.quote.lines;
    // A value without an English text keeps its Chinese one in the English label.
    expect(lines.find((l: any) => l.skuId === english)).toMatchObject({ title: '碎花连衣裙', titleEn: 'Floral dress', skuLabel: '红色 / M', skuLabelEn: 'Red / M' });
    expect(lines.find((l: any) => l.skuId === plain)).toMatchObject({ title: '碎花连衣裙', titleEn: null, skuLabelEn: null });

    const quote = await t.request({ method: 'POST', url: '/api/v1/checkout/quote', as: shopper, body: { items: [{ skuId: english, quantity: 1 }] } });
    expect(quote.statusCode, quote.body).toBe(200);
    expect(quote.data.lines[0]).toMatchObject({ titleEn: 'Floral dress', skuLabelEn: 'Red / M' });
  });
});
