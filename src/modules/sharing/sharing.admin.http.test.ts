import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { sellableSku } from '../../../test/fixtures.ts';

let t: TestContext;
let op: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  op = await t.operator();
}, 240_000);
afterAll(() => t?.close());

describe('the operators\' share lists name people, products and campaigns', () => {
  it('lists root shares with the sharer\'s name and masked phone, the product\'s title and thumbnail, and the cascade\'s clicks; the cascade names every node', async () => {
    const product = await sellableSku(t, { title: '云南小粒咖啡豆 500g' });
    await t.platform.db.updateTable('products').set({ images: JSON.stringify(['/media/cover-1', '/media/detail-2']) as any }).where('id', '=', product.productId).execute();
    const sharer = await t.signUp({ displayName: '分享达人阿珍' });
    await t.platform.db.updateTable('users').set({ phone: t.platform.pii.seal('13512345678'), phone_index: t.platform.pii.index('13512345678') }).where('id', '=', sharer.id).execute();
    const created = await t.request({ method: 'POST', url: '/api/v1/shares', as: sharer, body: { target: { type: 'product', id: product.productId }, channel: 'wechat' } });
    expect(created.statusCode).toBe(201);
    for (let i = 0; i < 3; i++) expect((await t.request({ method: 'GET', url: `/s/${created.data.token}` })).statusCode).toBe(302);

    const list = await t.request({ method: 'GET', url: '/api/v1/admin/shares?limit=100', as: op });
    expect(list.statusCode).toBe(200);
    const root = list.data.items.find((s: any) => s.id === created.data.id);
    expect(root).toMatchObject({
      sharer: { id: sharer.id, name: '分享达人阿珍', phone: '135****5678' },
      targetCard: { type: 'product', id: product.productId, title: '云南小粒咖啡豆 500g', image: '/media/cover-1' },
      campaign: null,
      channel: 'wechat',
      clicks: 3,
      size: 1,
    });

    const cascade = await t.request({ method: 'GET', url: `/api/v1/admin/shares/${created.data.id}/cascade`, as: op });
    expect(cascade.statusCode).toBe(200);
    expect(cascade.data.targetCard).toMatchObject({ title: '云南小粒咖啡豆 500g', image: '/media/cover-1' });
    expect(cascade.data.nodes.map((n: any) => n.sharer)).toEqual([{ id: sharer.id, name: '分享达人阿珍', phone: '135****5678' }]);

    // An archived product keeps its name in the report.
    await t.platform.db.updateTable('products').set({ status: 'archived' }).where('id', '=', product.productId).execute();
    const later = await t.request({ method: 'GET', url: '/api/v1/admin/shares?limit=100', as: op });
    expect(later.data.items.find((s: any) => s.id === created.data.id).targetCard.title).toBe('云南小粒咖啡豆 500g');
  });

  it('is for operators only', async () => {
    const shopper = await t.signUp();
    for (const url of ['/api/v1/admin/shares', '/api/v1/admin/shares/00000000-0000-4000-8000-000000000000/cascade']) {
      expect((await t.request({ method: 'GET', url, as: shopper })).statusCode, url).toBe(403);
      expect((await t.request({ method: 'GET', url })).statusCode, url).toBe(401);
    }
    const missing = await t.request({ method: 'GET', url: '/api/v1/admin/shares/00000000-0000-4000-8000-000000000000/cascade', as: op });
    expect(missing.statusCode).toBe(404);
    expect(missing.data.error.code).toBe('SHARING_SHARE_NOT_FOUND');
  });
});
