// The promoter centre: products with the commission a promoter would earn on each (赚 ¥x), equal to
// what a real paid order books, and the approval shown on the centre (申请已通过 with its date).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { addressOf, payOrder, placeOrder, sellableSku } from '../../../test/fixtures.ts';

let t: TestContext;
let op: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  op = await t.operator();
});
afterAll(() => t?.close());

type Item = { productId: string; title: string; image: string | null; price: { amount: number }; rateBp: number; estimatedCommission: { amount: number; currency: string } };
const products = async (u: TestUser) => t.request({ method: 'GET', url: '/api/v1/affiliate/me/products?limit=100', as: u });

describe('promoter centre: products with estimated commission, and the approval notice', () => {
  let promoter: TestUser;
  let plain: { productId: string; skuId: string };
  let special: { productId: string; skuId: string };
  let approvedAt: string;

  beforeAll(async () => {
    plain = await sellableSku(t, { price: 12_345, stock: 100, title: '估佣 普通商品' });
    special = await sellableSku(t, { price: 40_185, stock: 100, title: '估佣 高佣商品' });
    // This product pays 15.5% on level 1 instead of the store-wide rate.
    expect((await t.request({ method: 'PUT', url: `/api/v1/admin/affiliate/product-rates/${special.productId}`, as: op, body: { level1Bp: 1550, level2Bp: 300 } })).statusCode).toBe(200);
    promoter = await t.signUp({ displayName: 'Pia Promoter' });
  });

  it('an applicant has no approval date and no estimates; the operator approves and the centre says when', async () => {
    const applied = await t.request({ method: 'POST', url: '/api/v1/affiliate/applications', as: promoter, body: { note: '我有个美食群' } });
    expect(applied.statusCode, applied.body).toBe(201);
    const pending = await t.request({ method: 'GET', url: '/api/v1/affiliate/me', as: promoter });
    expect(pending.data).toMatchObject({ status: 'pending', approvedAt: null });
    const refused = await products(promoter);
    expect(refused.statusCode).toBe(403);
    expect(refused.data.error.code).toBe('AFFILIATE_NOT_APPROVED');

    t.clock.advance(3_600_000);
    approvedAt = t.clock.now().toISOString();
    const approved = await t.request({ method: 'POST', url: `/api/v1/admin/affiliate/applications/${applied.data.id}/approve`, as: op, body: {} });
    expect(approved.statusCode, approved.body).toBe(200);
    const centre = await t.request({ method: 'GET', url: '/api/v1/affiliate/me', as: promoter });
    expect(centre.data).toMatchObject({ status: 'approved', approvedAt });
  });

  it('each product shows its price and the level-1 commission by the rates the platform applies', async () => {
    const res = await products(promoter);
    expect(res.statusCode, res.body).toBe(200);
    const items: Item[] = res.data.items;
    const rates = (await t.request({ method: 'GET', url: '/api/v1/affiliate/program' })).data;
    const a = items.find((x) => x.productId === plain.productId)!;
    const b = items.find((x) => x.productId === special.productId)!;
    expect(a).toMatchObject({ title: '估佣 普通商品', price: { amount: 12_345 }, rateBp: rates.level1Bp });
    expect(a.estimatedCommission.amount).toBe(Math.round((12_345 * rates.level1Bp) / 10_000));
    // ¥401.85 × 15.5% = ¥62.28675 → 赚 ¥62.29 (half up, as the commission split rounds)
    expect(b).toMatchObject({ price: { amount: 40_185 }, rateBp: 1550, estimatedCommission: { amount: 6229, currency: 'CNY' } });
    expect('image' in b).toBe(true);
  });

  it('the estimate equals the commission a real order by a bound customer books', async () => {
    const estimate = ((await products(promoter)).data.items as Item[]).find((x) => x.productId === special.productId)!.estimatedCommission.amount;
    const customer = await t.signUp();
    await t.services.affiliate.bindCustomer(customer.id, promoter.id);
    const order = await placeOrder(t, customer, await addressOf(t, customer), [{ skuId: special.skuId, quantity: 1 }]);
    await payOrder(t, customer, order.id);
    await t.settle();
    const booked = (await t.request({ method: 'GET', url: '/api/v1/affiliate/me/commissions', as: promoter })).data.items;
    expect(booked).toHaveLength(1);
    expect(booked[0]).toMatchObject({ level: 1, rateBp: 1550, productId: special.productId, base: { amount: 40_185 } });
    expect(booked[0].amount.amount).toBe(estimate);
  });

  it('bad input is a coded 400 and signed-out is refused', async () => {
    const bad = await t.request({ method: 'GET', url: '/api/v1/affiliate/me/products?limit=0', as: promoter });
    expect(bad.statusCode).toBe(400);
    expect(bad.data.error.code).toBeTruthy();
    const anonymous = await t.request({ method: 'GET', url: '/api/v1/affiliate/me/products' });
    expect(anonymous.statusCode).toBe(401);
  });
});
