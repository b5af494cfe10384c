// Price-cut campaigns carry an optional English name for the storefront's English mode: shoppers
// get it on the campaign list and on a price-cut's page; a draft can change or clear it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { sellableSku } from '../../../test/fixtures.ts';

let t: TestContext;
let op: TestUser;
let shopper: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  op = await t.operator();
  shopper = await t.signUp();
});
afterAll(() => t?.close());

const rules = (skuId: string) => ({ name: '砍价免费拿', skuId, floorAmount: 990, helpersNeeded: 5, stock: 10 });
const create = (body: Record<string, unknown>) => t.request({ method: 'POST', url: '/api/v1/admin/bargain/campaigns', as: op, body });

describe('English price-cut names', () => {
  it('shows the English name on the campaign list and the price-cut page', async () => {
    const { skuId } = await sellableSku(t, { price: 19_900, stock: 1000 });
    const made = await create({ ...rules(skuId), nameEn: '  Cut it to ¥9.90  ' });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.data).toMatchObject({ name: '砍价免费拿', nameEn: 'Cut it to ¥9.90' });
    await t.request({ method: 'POST', url: `/api/v1/admin/bargain/campaigns/${made.data.id}/start`, as: op });

    const list = await t.request({ method: 'GET', url: '/api/v1/bargain/campaigns' });
    expect(list.data.items.find((c: any) => c.id === made.data.id)).toMatchObject({ name: '砍价免费拿', nameEn: 'Cut it to ¥9.90' });
    const cut = await t.request({ method: 'POST', url: `/api/v1/bargain/campaigns/${made.data.id}/cuts`, as: shopper });
    expect(cut.statusCode, cut.body).toBe(201);
    const page = await t.request({ method: 'GET', url: `/api/v1/bargain/cuts/${cut.data.id}`, as: shopper });
    expect(page.data).toMatchObject({ nameEn: 'Cut it to ¥9.90' });
  });

  it('is null without one, and a draft can set and clear it', async () => {
    const { skuId } = await sellableSku(t, { price: 19_900, stock: 1000 });
    const made = await create(rules(skuId));
    expect(made.data).toMatchObject({ nameEn: null });
    const put = (body: Record<string, unknown>) => t.request({ method: 'PUT', url: `/api/v1/admin/bargain/campaigns/${made.data.id}`, as: op, body: { ...rules(skuId), ...body } });
    expect((await put({ nameEn: 'Free mug' })).data).toMatchObject({ nameEn: 'Free mug' });
    expect((await put({ nameEn: '' })).data).toMatchObject({ nameEn: null, name: '砍价免费拿' });
    await put({ nameEn: 'Free mug' });
    expect((await put({ nameEn: null })).data).toMatchObject({ nameEn: null });
    const read = await t.request({ method: 'GET', url: `/api/v1/admin/bargain/campaigns/${made.data.id}`, as: op });
    expect(read.data.campaign.nameEn).toBeNull();
  });

  it('refuses an over-long or non-text English name and writes nothing', async () => {
    const { skuId } = await sellableSku(t, { price: 19_900, stock: 1000 });
    const before = (await t.request({ method: 'GET', url: '/api/v1/admin/bargain/campaigns', as: op })).data.items.length;
    const long = await create({ ...rules(skuId), nameEn: 'x'.repeat(1000) });
    expect(long.statusCode).toBe(400);
    expect(long.data.error.code).toBe('VALIDATION_FAILED');
    expect((await create({ ...rules(skuId), nameEn: 7 })).statusCode).toBe(400);
    expect((await t.request({ method: 'GET', url: '/api/v1/admin/bargain/campaigns', as: op })).data.items.length).toBe(before);
  });
});
