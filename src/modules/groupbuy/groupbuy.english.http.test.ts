// Group-buy campaigns carry an optional English name (and their product's English title) for the
// storefront's English mode; a draft's English name can be changed or cleared like its other rules.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { sellableSku } from '../../../test/fixtures.ts';

let t: TestContext;
let op: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  op = await t.operator();
});
afterAll(() => t?.close());

const rules = (skuId: string) => ({ name: '两人拼团', skuId, groupPrice: 5900, teamSize: 2, stock: 100 });
const create = (body: Record<string, unknown>) => t.request({ method: 'POST', url: '/api/v1/admin/groupbuy/campaigns', as: op, body });

describe('English group-buy names', () => {
  it('shows the English name and product title to shoppers', async () => {
    const { skuId } = await sellableSku(t, { price: 9900, stock: 1000 });
    const made = await create({ ...rules(skuId), nameEn: '  Team of two  ' });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.data).toMatchObject({ name: '两人拼团', nameEn: 'Team of two' });
    const productId = made.data.productId;
    const titled = await t.request({ method: 'PATCH', url: `/api/v1/admin/catalog/products/${productId}`, as: op, body: { titleEn: 'Two-person mug' } });
    expect(titled.statusCode, titled.body).toBe(200);
    await t.request({ method: 'POST', url: `/api/v1/admin/groupbuy/campaigns/${made.data.id}/start`, as: op });

    const list = await t.request({ method: 'GET', url: '/api/v1/groupbuy/campaigns' });
    expect(list.data.items.find((c: any) => c.id === made.data.id)).toMatchObject({ name: '两人拼团', nameEn: 'Team of two', titleEn: 'Two-person mug', skuLabelEn: null });
    const one = await t.request({ method: 'GET', url: `/api/v1/groupbuy/campaigns/${made.data.id}` });
    expect(one.data).toMatchObject({ nameEn: 'Team of two', titleEn: 'Two-person mug' });
  });

  it('is null without one, and a draft can set and clear it', async () => {
    const { skuId } = await sellableSku(t, { price: 9900, stock: 1000 });
    const made = await create(rules(skuId));
    expect(made.data).toMatchObject({ nameEn: null });
    const put = (body: Record<string, unknown>) => t.request({ method: 'PUT', url: `/api/v1/admin/groupbuy/campaigns/${made.data.id}`, as: op, body: { ...rules(skuId), ...body } });
    expect((await put({ nameEn: 'Team deal' })).data).toMatchObject({ nameEn: 'Team deal' });
    expect((await put({ nameEn: '' })).data).toMatchObject({ nameEn: null, name: '两人拼团' });
    await put({ nameEn: 'Team deal' });
    expect((await put({ nameEn: null })).data).toMatchObject({ nameEn: null });
    const read = await t.request({ method: 'GET', url: `/api/v1/admin/groupbuy/campaigns/${made.data.id}`, as: op });
    expect(read.data.campaign.nameEn).toBeNull();
  });

  it('refuses an over-long or non-text English name and writes nothing', async () => {
    const { skuId } = await sellableSku(t, { price: 9900, stock: 1000 });
    const before = (await t.request({ method: 'GET', url: '/api/v1/admin/groupbuy/campaigns', as: op })).data.items.length;
    const long = await create({ ...rules(skuId), nameEn: 'x'.repeat(1000) });
    expect(long.statusCode).toBe(400);
    expect(long.data.error.code).toBe('VALIDATION_FAILED');
    expect((await create({ ...rules(skuId), nameEn: 7 })).statusCode).toBe(400);
    expect((await t.request({ method: 'GET', url: '/api/v1/admin/groupbuy/campaigns', as: op })).data.items.length).toBe(before);
  });
});
