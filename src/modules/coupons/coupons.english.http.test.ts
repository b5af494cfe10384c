// Coupon templates carry an optional English name and description: shoppers see them in the coupon
// centre and their wallet, and operators may change them after publishing (they are not terms).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';

let t: TestContext;
let op: TestUser;
let shopper: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  op = await t.operator();
  shopper = await t.signUp();
});
afterAll(() => t?.close());

const create = (body: Record<string, unknown>) =>
  t.request({ method: 'POST', url: '/api/v1/admin/coupons/templates', as: op, body: { name: '全场9折券', kind: 'percent', percentBp: 1000, scope: 'store', validDaysAfterClaim: 7, ...body } });

describe('English coupon names', () => {
  it('shows the English name in the coupon centre and the wallet', async () => {
    const made = await create({ nameEn: '  10% off everything  ', descriptionEn: 'Storewide, up to ¥50 off' });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.data).toMatchObject({ name: '全场9折券', nameEn: '10% off everything', descriptionEn: 'Storewide, up to ¥50 off' });
    await t.request({ method: 'POST', url: `/api/v1/admin/coupons/templates/${made.data.id}/activate`, as: op });

    const centre = await t.request({ method: 'GET', url: '/api/v1/coupons/templates', as: shopper });
    expect(centre.data.items.find((i: any) => i.id === made.data.id)).toMatchObject({ nameEn: '10% off everything' });
    const claimed = await t.request({ method: 'POST', url: `/api/v1/coupons/templates/${made.data.id}/claim`, as: shopper });
    expect(claimed.statusCode, claimed.body).toBe(201);
    expect(claimed.data).toMatchObject({ name: '全场9折券', nameEn: '10% off everything', descriptionEn: 'Storewide, up to ¥50 off' });
    const wallet = await t.request({ method: 'GET', url: '/api/v1/me/coupons', as: shopper });
    expect(wallet.data.items.find((c: any) => c.templateId === made.data.id)).toMatchObject({ nameEn: '10% off everything' });
  });

  it('is null without one, and can be set and cleared after publishing', async () => {
    const made = await create({});
    expect(made.data).toMatchObject({ nameEn: null, descriptionEn: null });
    await t.request({ method: 'POST', url: `/api/v1/admin/coupons/templates/${made.data.id}/activate`, as: op });
    const patch = (body: unknown) => t.request({ method: 'PATCH', url: `/api/v1/admin/coupons/templates/${made.data.id}`, as: op, body });
    const named = await patch({ nameEn: '10% off' });
    expect(named.statusCode, named.body).toBe(200);
    expect(named.data).toMatchObject({ status: 'active', nameEn: '10% off' });
    const cleared = await patch({ nameEn: null });
    expect(cleared.data).toMatchObject({ nameEn: null, name: '全场9折券' });
  });

  it('refuses an over-long English name and writes nothing', async () => {
    const before = (await t.request({ method: 'GET', url: '/api/v1/admin/coupons/templates?limit=100', as: op })).data.items.length;
    const long = await create({ nameEn: 'x'.repeat(1000) });
    expect(long.statusCode).toBe(400);
    expect(long.data.error.code).toBe('VALIDATION_FAILED');
    const wrongType = await create({ nameEn: 7 });
    expect(wrongType.statusCode).toBe(400);
    expect((await t.request({ method: 'GET', url: '/api/v1/admin/coupons/templates?limit=100', as: op })).data.items.length).toBe(before);
  });
});
