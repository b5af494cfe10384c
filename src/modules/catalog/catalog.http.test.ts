import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { MAX_AMOUNT } from '../../platform/money.ts';

let t: TestContext;
let op: TestUser;
let shopper: TestUser;
let apparel: string; // 服饰鞋包
let womens: string; // 女装, under 服饰鞋包
let digital: string; // 数码家电

beforeAll(async () => {
  t = await createTestContext();
  op = await t.operator();
  shopper = await t.signUp();
  const post = (body: unknown) => t.request({ method: 'POST', url: '/api/v1/admin/catalog/categories', as: op, body });
  apparel = (await post({ name: '服饰鞋包', nameEn: 'Apparel', slug: 'apparel', sort: 1 })).data.id;
  womens = (await post({ name: '女装', nameEn: 'Womenswear', slug: 'womens', parentId: apparel })).data.id;
  digital = (await post({ name: '数码家电', nameEn: 'Digital', slug: 'digital', sort: 0 })).data.id;
});
afterAll(() => t?.close());

const counts = async () => {
  const row = await sql<{ categories: number; products: number; skus: number; levels: number; media: number }>`
    select (select count(*)::int from categories) as categories, (select count(*)::int from products) as products,
           (select count(*)::int from skus) as skus, (select count(*)::int from inventory_levels) as levels,
           (select count(*)::int from media) as media`.execute(t.platform.db);
  return row.rows[0];
};

let seq = 0;
async function createProduct(overrides: Record<string, unknown> = {}) {
  seq++;
  const res = await t.request({
    method: 'POST',
    url: '/api/v1/admin/catalog/products',
    as: op,
    body: {
      title: `纯棉T恤 ${seq}`,
      subtitle: '夏季新款 透气舒适',
      categoryId: womens,
      status: 'active',
      skus: [
        { code: `TEE-${seq}-RM`, attributes: { 颜色: '红', 尺码: 'M' }, price: { amount: 5900 }, listPrice: { amount: 9900 }, initialStock: 20 },
        { code: `TEE-${seq}-BL`, attributes: { 颜色: '蓝', 尺码: 'L' }, price: { amount: 6900 }, initialStock: 0 },
      ],
      ...overrides,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.data;
}

describe('operators build the catalog', () => {
  it('creates a product with SKUs, labels, price range and opening stock', async () => {
    const p = await createProduct();
    expect(p.status).toBe('active');
    expect(p.price).toEqual({ min: { amount: 5900, currency: 'CNY' }, max: { amount: 6900, currency: 'CNY' } });
    expect(p.skus.map((s: any) => s.label)).toEqual(['红 / M', '蓝 / L']);
    expect(p.skus[0]).toMatchObject({ onHand: 20, reserved: 0, available: 20, listPrice: { amount: 9900, currency: 'CNY' } });
    const events = await t.platform.db.selectFrom('outbox_events').select('type').where('aggregate_id', '=', p.id).execute();
    expect(events.map((e) => e.type)).toContain('product.created');
    const audit = await t.platform.db.selectFrom('audit_log').select(['action', 'actor_id']).where('subject_id', '=', p.id).execute();
    expect(audit).toEqual([{ action: 'product.created', actor_id: op.id }]);
  });

  it('adds and edits SKUs, keeping the price range and price history in step', async () => {
    const p = await createProduct({ status: 'draft', skus: [] });
    expect(p.price).toBeNull();
    const added = await t.request({ method: 'POST', url: `/api/v1/admin/catalog/products/${p.id}/skus`, as: op, body: { code: `ADD-${p.id.slice(0, 8)}`, attributes: { 规格: '500g' }, price: { amount: 2990 }, initialStock: 7 } });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.data).toMatchObject({ label: '500g', available: 7, purchasable: false });
    const patched = await t.request({ method: 'PATCH', url: `/api/v1/admin/catalog/skus/${added.data.id}`, as: op, body: { price: { amount: 2490 } } });
    expect(patched.statusCode, patched.body).toBe(200);
    const detail = await t.request({ method: 'GET', url: `/api/v1/admin/catalog/products/${p.id}`, as: op });
    expect(detail.data.price.min.amount).toBe(2490);
    const history = await t.platform.db.selectFrom('sku_price_history').select('price_amount').where('sku_id', '=', added.data.id).orderBy('id').execute();
    expect(history.map((h) => h.price_amount)).toEqual([2990, 2490]);
    const dup = await t.request({ method: 'POST', url: `/api/v1/admin/catalog/products/${p.id}/skus`, as: op, body: { code: `ADD2-${p.id.slice(0, 8)}`, attributes: { 规格: '500g' }, price: { amount: 2990 } } });
    expect(dup.statusCode).toBe(409);
    expect(dup.data.error.code).toBe('CATALOG_SKU_DUPLICATE_ATTRIBUTES');
  });

  it('moves a product draft → active → archived and refuses other moves', async () => {
    const p = await createProduct({ status: 'draft' });
    const url = `/api/v1/admin/catalog/products/${p.id}`;
    expect((await t.request({ method: 'PATCH', url, as: op, body: { status: 'active' } })).data.status).toBe('active');
    const back = await t.request({ method: 'PATCH', url, as: op, body: { status: 'draft' } });
    expect(back.statusCode).toBe(422);
    expect(back.data.error.code).toBe('CATALOG_STATUS_TRANSITION');
    expect((await t.request({ method: 'PATCH', url, as: op, body: { status: 'archived' } })).data.status).toBe('archived');
    const empty = await createProduct({ status: 'draft', skus: [] });
    const noSku = await t.request({ method: 'PATCH', url: `/api/v1/admin/catalog/products/${empty.id}`, as: op, body: { status: 'active' } });
    expect(noSku.data.error.code).toBe('CATALOG_PRODUCT_NEEDS_SKU');
  });

  it('lists products for operators by status and search', async () => {
    const draft = await createProduct({ status: 'draft', title: '运营草稿专用标题' });
    const res = await t.request({ method: 'GET', url: `/api/v1/admin/catalog/products?status=draft&q=${encodeURIComponent('草稿专用')}`, as: op });
    expect(res.statusCode).toBe(200);
    expect(res.data.items.map((i: any) => i.id)).toEqual([draft.id]);
  });
});

describe('shoppers browse', () => {
  it('sees the category tree', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/catalog/categories' });
    expect(res.statusCode).toBe(200);
    const roots = res.data.items.filter((c: any) => [apparel, digital].includes(c.id));
    expect(roots.map((c: any) => c.slug)).toEqual(['digital', 'apparel']);
    expect(roots[1].children.map((c: any) => c.id)).toEqual([womens]);
  });

  it('searches, filters by category including subcategories, and pages without overlap', async () => {
    const made = [];
    for (let i = 0; i < 5; i++) {
      t.clock.advanceMinutes(1);
      made.push(await createProduct({ title: `真丝连衣裙 款${i}` }));
    }
    const phone = await createProduct({ title: '真丝手机壳', categoryId: digital, skus: [{ code: 'CASE-1', price: { amount: 3900 }, initialStock: 5 }] });

    const first = await t.request({ method: 'GET', url: `/api/v1/catalog/products?q=${encodeURIComponent('连衣裙')}&categoryId=${apparel}&limit=3` });
    expect(first.statusCode).toBe(200);
    expect(first.data.items).toHaveLength(3);
    expect(first.data.items[0].id).toBe(made[4].id); // newest first
    expect(first.data.items[0]).toMatchObject({ title: '真丝连衣裙 款4', price: { min: { amount: 5900, currency: 'CNY' }, max: { amount: 6900, currency: 'CNY' } }, categoryId: womens });
    const second = await t.request({ method: 'GET', url: `/api/v1/catalog/products?q=${encodeURIComponent('连衣裙')}&categoryId=${apparel}&limit=3&cursor=${first.data.nextCursor}` });
    expect(second.data.items).toHaveLength(2);
    expect(second.data.nextCursor).toBeNull();
    const ids = [...first.data.items, ...second.data.items].map((i: any) => i.id);
    expect(new Set(ids).size).toBe(5);
    expect(ids.sort()).toEqual(made.map((m) => m.id).sort());

    const silk = await t.request({ method: 'GET', url: `/api/v1/catalog/products?q=${encodeURIComponent('真丝')}&categoryId=${digital}` });
    expect(silk.data.items.map((i: any) => i.id)).toEqual([phone.id]);

    const cheap = await t.request({ method: 'GET', url: `/api/v1/catalog/products?q=${encodeURIComponent('真丝')}&sort=price_asc&limit=1` });
    expect(cheap.data.items[0].id).toBe(phone.id);
    const next = await t.request({ method: 'GET', url: `/api/v1/catalog/products?q=${encodeURIComponent('真丝')}&sort=price_asc&limit=10&cursor=${cheap.data.nextCursor}` });
    expect(next.data.items.map((i: any) => i.id)).not.toContain(phone.id);
    expect(next.data.items).toHaveLength(5);

    const wrongSort = await t.request({ method: 'GET', url: `/api/v1/catalog/products?sort=newest&cursor=${cheap.data.nextCursor}` });
    expect(wrongSort.statusCode).toBe(400);
    expect(wrongSort.data.error.code).toBe('CATALOG_CURSOR_INVALID');
  });

  it('shows a product with SKUs, prices and what is available', async () => {
    const p = await createProduct();
    await t.platform.db.transaction().execute((trx) => t.services.inventory.reserve(trx, 'order-1', [{ skuId: p.skus[0].id, quantity: 5 }]));
    const res = await t.request({ method: 'GET', url: `/api/v1/catalog/products/${p.id}`, as: shopper });
    expect(res.statusCode).toBe(200);
    expect(res.data.options).toEqual([{ name: '颜色', values: ['红', '蓝'] }, { name: '尺码', values: ['M', 'L'] }]);
    expect(res.data.skus[0]).toMatchObject({ label: '红 / M', price: { amount: 5900, currency: 'CNY' }, listPrice: { amount: 9900, currency: 'CNY' }, available: 15, purchasable: true });
    expect(res.data.skus[1]).toMatchObject({ available: 0, purchasable: false });
    expect(res.data.skus[0].onHand).toBeUndefined();
  });

  it('never shows draft products to shoppers', async () => {
    const p = await createProduct({ status: 'draft', title: '未上架的秘密新品' });
    const list = await t.request({ method: 'GET', url: `/api/v1/catalog/products?q=${encodeURIComponent('秘密新品')}` });
    expect(list.data.items).toEqual([]);
    const detail = await t.request({ method: 'GET', url: `/api/v1/catalog/products/${p.id}`, as: shopper });
    expect(detail.statusCode).toBe(404);
    expect(detail.data.error.code).toBe('CATALOG_PRODUCT_NOT_FOUND');
  });

  it('prices SKUs for checkout', async () => {
    const p = await createProduct();
    const map = await t.services.catalog.getSkusForPricing(t.platform.db, [p.skus[0].id, '00000000-0000-4000-8000-000000000000']);
    expect(map.size).toBe(1);
    expect(map.get(p.skus[0].id)).toEqual({
      skuId: p.skus[0].id,
      productId: p.id,
      productTitle: p.title,
      productTitleEn: null,
      skuLabel: '红 / M',
      skuLabelEn: null,
      attributes: { 颜色: '红', 尺码: 'M' },
      priceAmount: 5900,
      currency: 'CNY',
      categoryId: womens,
      image: null,
      purchasable: true,
    });
  });
});

describe('access and bad input', () => {
  it('keeps shoppers and strangers out of admin catalog routes', async () => {
    // Bodies are valid: the admin plugin checks roles in preHandler, after schema validation.
    const routes = [
      ['GET', '/api/v1/admin/catalog/products', undefined],
      ['GET', '/api/v1/admin/inventory', undefined],
      ['POST', '/api/v1/admin/catalog/products', { title: '越权', categoryId: womens }],
      ['POST', '/api/v1/admin/catalog/categories', { name: '越权', nameEn: 'x', slug: 'sneaky' }],
      ['POST', '/api/v1/admin/media', { contentType: 'image/svg+xml', dataBase64: Buffer.from('<svg/>').toString('base64') }],
      ['PUT', `/api/v1/admin/inventory/${womens}`, { onHand: 1 }],
    ] as const;
    const before = await counts();
    for (const [method, url, body] of routes) {
      const denied = await t.request({ method, url, as: shopper, body });
      expect(denied.statusCode, `${method} ${url}`).toBe(403);
      expect(denied.data.error.code).toBe('AUTH_FORBIDDEN');
      expect((await t.request({ method, url, body })).statusCode).toBe(401);
    }
    expect(await counts()).toEqual(before);
  });

  it('refuses bad products and SKUs with a code and writes nothing', async () => {
    const before = await counts();
    const base = { title: '好商品', categoryId: womens, skus: [{ code: 'BAD-1', price: { amount: 100 } }] };
    const cases: [unknown, number, string][] = [
      [{ ...base, skus: [{ code: 'BAD-1', price: { amount: -100 } }] }, 400, 'VALIDATION_FAILED'],
      [{ ...base, skus: [{ code: 'BAD-1', price: { amount: MAX_AMOUNT + 1 } }] }, 400, 'VALIDATION_FAILED'],
      [{ ...base, skus: [{ code: 'BAD-1', price: { amount: 19.9 } }] }, 400, 'VALIDATION_FAILED'],
      [{ ...base, skus: [{ code: 'BAD-1', price: { amount: '100' } }] }, 400, 'VALIDATION_FAILED'],
      [{ ...base, skus: [{ code: 'BAD-1', price: { amount: 100 }, initialStock: '5' }] }, 400, 'VALIDATION_FAILED'],
      [{ ...base, title: '长'.repeat(81) }, 400, 'VALIDATION_FAILED'],
      [{ ...base, title: '   ' }, 400, 'CATALOG_TEXT_INVALID'],
      [{ ...base, categoryId: '00000000-0000-4000-8000-000000000000' }, 404, 'CATALOG_CATEGORY_NOT_FOUND'],
      [{ ...base, categoryId: 'not-a-uuid' }, 400, 'VALIDATION_FAILED'],
      [{ ...base, price: 100 }, 400, 'VALIDATION_FAILED'],
      [{ ...base, skus: [{ code: 'BAD-1', price: { amount: 100 }, color: 'red' }] }, 400, 'VALIDATION_FAILED'],
      [{ ...base, skus: [{ code: 'BAD-1', price: { amount: 500 }, listPrice: { amount: 400 } }] }, 400, 'CATALOG_LIST_PRICE_BELOW_PRICE'],
      [{ ...base, images: ['javascript:alert(1)'] }, 400, 'CATALOG_IMAGE_INVALID'],
      [{ ...base, skus: [{ code: 'BAD-1', price: { amount: 100 } }, { code: 'BAD-1', price: { amount: 200 }, attributes: { a: 'b' } }] }, 409, 'CATALOG_SKU_CODE_TAKEN'],
      [{ ...base, status: 'active', skus: [] }, 422, 'CATALOG_PRODUCT_NEEDS_SKU'],
    ];
    for (const [body, status, code] of cases) {
      const res = await t.request({ method: 'POST', url: '/api/v1/admin/catalog/products', as: op, body });
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.data.error.code, JSON.stringify(body)).toBe(code);
    }
    const p = await createProduct();
    const skuCases: [string, string, unknown, number, string][] = [
      ['POST', `/api/v1/admin/catalog/products/${p.id}/skus`, { code: 'X-1', price: { amount: 0 } }, 400, 'VALIDATION_FAILED'],
      ['POST', `/api/v1/admin/catalog/products/${p.id}/skus`, { code: p.skus[0].code, attributes: { 颜色: '绿' }, price: { amount: 100 } }, 409, 'CATALOG_SKU_CODE_TAKEN'],
      ['POST', '/api/v1/admin/catalog/products/00000000-0000-4000-8000-000000000000/skus', { code: 'X-2', price: { amount: 100 } }, 404, 'CATALOG_PRODUCT_NOT_FOUND'],
      ['PATCH', `/api/v1/admin/catalog/skus/${p.skus[0].id}`, { price: { amount: -1 } }, 400, 'VALIDATION_FAILED'],
      ['PATCH', `/api/v1/admin/catalog/skus/${p.skus[0].id}`, {}, 400, 'VALIDATION_FAILED'],
      ['PATCH', `/api/v1/admin/catalog/products/${p.id}`, { categoryId: '00000000-0000-4000-8000-000000000000' }, 404, 'CATALOG_CATEGORY_NOT_FOUND'],
      ['POST', '/api/v1/admin/catalog/categories', { name: '重复', nameEn: 'Dup', slug: 'apparel' }, 409, 'CATALOG_SLUG_TAKEN'],
      ['POST', '/api/v1/admin/catalog/categories', { name: '孤儿', nameEn: 'Orphan', slug: 'orphan', parentId: '00000000-0000-4000-8000-000000000000' }, 404, 'CATALOG_CATEGORY_NOT_FOUND'],
      ['PATCH', `/api/v1/admin/catalog/categories/${apparel}`, { parentId: womens }, 422, 'CATALOG_CATEGORY_CYCLE'],
      ['DELETE', `/api/v1/admin/catalog/categories/${apparel}`, undefined, 409, 'CATALOG_CATEGORY_IN_USE'],
    ];
    const mid = await counts();
    for (const [method, url, body, status, code] of skuCases) {
      const res = await t.request({ method: method as any, url, as: op, body });
      expect(res.statusCode, `${method} ${url} ${JSON.stringify(body)}`).toBe(status);
      expect(res.data.error.code, `${method} ${url}`).toBe(code);
    }
    expect(await counts()).toEqual(mid);
    expect(mid).toEqual({ ...before, products: before.products + 1, skus: before.skus + 2, levels: before.levels + 2 });
    const detail = await t.request({ method: 'GET', url: `/api/v1/admin/catalog/products/${p.id}`, as: op });
    expect(detail.data.skus[0].price.amount).toBe(5900);
    expect(detail.data.categoryId).toBe(womens);
  });
});

describe('images', () => {
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="#f60"/></svg>';
  const upload = (contentType: string, data: Buffer | string) =>
    t.request({ method: 'POST', url: '/api/v1/admin/media', as: op, body: { contentType, dataBase64: Buffer.from(data).toString('base64') } });

  it('stores an SVG and serves it with a strict CSP and long cache', async () => {
    const res = await upload('image/svg+xml', svg);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.data.url).toBe(`/media/${res.data.id}`);
    const got = await t.request({ method: 'GET', url: res.data.url });
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/svg+xml');
    expect(got.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'");
    expect(got.headers['cache-control']).toMatch(/max-age=31536000/);
    expect(got.body).toBe(svg);
  });

  it('serves raster bytes unchanged', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f8c9b50000000049454e44ae426082', 'hex');
    const res = await upload('image/png', png);
    expect(res.statusCode, res.body).toBe(201);
    const got = await t.request({ method: 'GET', url: res.data.url });
    expect(got.headers['content-type']).toBe('image/png');
    // The site-wide policy (helmet), not the SVG sandbox: a raster runs no script either way.
    expect(got.headers['content-security-policy']).not.toContain("default-src 'none'");
    expect(got.rawPayload.equals(png)).toBe(true);
  });

  it('takes images up to 2 MB and refuses bigger ones', async () => {
    const header = Buffer.from('89504e470d0a1a0a', 'hex');
    const ok = await upload('image/png', Buffer.concat([header, Buffer.alloc(1_500_000)]));
    expect(ok.statusCode, ok.body.slice(0, 200)).toBe(201);
    const big = await upload('image/png', Buffer.concat([header, Buffer.alloc(2 * 1024 * 1024)]));
    expect(big.statusCode).toBe(413);
    expect(big.data.error.code).toBe('CATALOG_MEDIA_TOO_LARGE');
    const huge = await t.request({ method: 'POST', url: '/api/v1/admin/media', as: op, body: { contentType: 'image/png', dataBase64: 'A'.repeat(4 * 1024 * 1024) } });
    expect(huge.statusCode).toBe(413);
    expect(huge.data.error.code).toBe('BODY_TOO_LARGE');
  });

  it('refuses scripts, mismatched bytes, bad base64 and unknown types, storing nothing', async () => {
    const before = (await counts()).media;
    expect((await upload('image/svg+xml', '<svg><script>alert(1)</script></svg>')).data.error.code).toBe('CATALOG_MEDIA_INVALID');
    expect((await upload('image/png', 'GIF89a....')).data.error.code).toBe('CATALOG_MEDIA_INVALID');
    expect((await upload('image/gif', 'GIF89a....')).data.error.code).toBe('VALIDATION_FAILED');
    const bad = await t.request({ method: 'POST', url: '/api/v1/admin/media', as: op, body: { contentType: 'image/png', dataBase64: 'not base64!' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.data.error.code).toBe('CATALOG_MEDIA_INVALID');
    expect((await counts()).media).toBe(before);
    expect((await t.request({ method: 'GET', url: '/media/00000000-0000-4000-8000-000000000000' })).data.error.code).toBe('CATALOG_MEDIA_NOT_FOUND');
  });
});

describe('inventory admin', () => {
  it('lists low stock with names and sets counts', async () => {
    const p = await createProduct({ title: '库存很少的商品' });
    const low = await t.request({ method: 'GET', url: '/api/v1/admin/inventory?lowStock=true&threshold=0&limit=100', as: op });
    expect(low.statusCode).toBe(200);
    const row = low.data.items.find((i: any) => i.skuId === p.skus[1].id);
    expect(row).toMatchObject({ available: 0, productTitle: '库存很少的商品', skuLabel: '蓝 / L' });
    expect(low.data.items.every((i: any) => i.available <= 0)).toBe(true);
    const put = await t.request({ method: 'PUT', url: `/api/v1/admin/inventory/${p.skus[1].id}`, as: op, body: { onHand: 30 } });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.data).toMatchObject({ onHand: 30, available: 30 });
    const adj = await t.request({ method: 'POST', url: `/api/v1/admin/inventory/${p.skus[1].id}/adjustments`, as: op, body: { delta: -5, reason: '盘亏' } });
    expect(adj.statusCode, adj.body).toBe(201);
    expect(adj.data.onHand).toBe(25);
    const badAdj = await t.request({ method: 'POST', url: `/api/v1/admin/inventory/${p.skus[1].id}/adjustments`, as: op, body: { delta: -26, reason: '盘亏' } });
    expect(badAdj.data.error.code).toBe('INVENTORY_BELOW_RESERVED');
    const strAdj = await t.request({ method: 'POST', url: `/api/v1/admin/inventory/${p.skus[1].id}/adjustments`, as: op, body: { delta: '5', reason: 'x' } });
    expect(strAdj.statusCode).toBe(400);
    const page1 = await t.request({ method: 'GET', url: '/api/v1/admin/inventory?limit=2', as: op });
    const page2 = await t.request({ method: 'GET', url: `/api/v1/admin/inventory?limit=2&cursor=${page1.data.nextCursor}`, as: op });
    expect(page2.data.items).toHaveLength(2);
    expect(page2.data.items.map((i: any) => i.skuId)).not.toContain(page1.data.items[0].skuId);
  });
});

describe('English product texts', () => {
  it('stores optional English texts, shows them to shoppers and lists them', async () => {
    const p = await createProduct({ title: '英文标题 纯棉T恤', titleEn: '  Cotton T-shirt EN-1  ', subtitleEn: 'Breathable summer cotton', descriptionEn: 'Soft combed cotton.\nMachine washable.' });
    expect(p).toMatchObject({ titleEn: 'Cotton T-shirt EN-1', subtitleEn: 'Breathable summer cotton', descriptionEn: 'Soft combed cotton.\nMachine washable.' });

    const detail = await t.request({ method: 'GET', url: `/api/v1/catalog/products/${p.id}` });
    expect(detail.data).toMatchObject({ title: '英文标题 纯棉T恤', titleEn: 'Cotton T-shirt EN-1', descriptionEn: 'Soft combed cotton.\nMachine washable.' });
    // English shoppers search in English too.
    const found = await t.request({ method: 'GET', url: `/api/v1/catalog/products?q=${encodeURIComponent('t-shirt en-1')}` });
    expect(found.data.items.map((i: any) => [i.id, i.titleEn])).toEqual([[p.id, 'Cotton T-shirt EN-1']]);
  });

  it('leaves them null when the store writes none, and clears them with null or ""', async () => {
    const plain = await createProduct();
    expect(plain).toMatchObject({ titleEn: null, subtitleEn: null, descriptionEn: null });

    const named = await createProduct({ titleEn: 'Cotton T-shirt EN-2', descriptionEn: 'Soft.' });
    const patch = (body: unknown) => t.request({ method: 'PATCH', url: `/api/v1/admin/catalog/products/${named.id}`, as: op, body });
    const renamed = await patch({ titleEn: 'Cotton tee EN-2' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.data).toMatchObject({ titleEn: 'Cotton tee EN-2', descriptionEn: 'Soft.' });
    const cleared = await patch({ titleEn: null, descriptionEn: '  ' });
    expect(cleared.data).toMatchObject({ titleEn: null, descriptionEn: null, title: named.title });
  });

  it('refuses an over-long or malformed English text and writes nothing', async () => {
    const before = await counts();
    const long = await t.request({ method: 'POST', url: '/api/v1/admin/catalog/products', as: op, body: { title: '太长', titleEn: 'x'.repeat(1000), categoryId: womens } });
    expect(long.statusCode).toBe(400);
    expect(long.data.error.code).toBe('VALIDATION_FAILED');
    const control = await t.request({ method: 'POST', url: '/api/v1/admin/catalog/products', as: op, body: { title: '控制字符', titleEn: 'bad\u0007title', categoryId: womens } });
    expect(control.statusCode).toBe(400);
    // The request layer refuses control characters in any body before the catalog sees them.
    expect(control.data.error.code).toBe('REQUEST_CONTROL_CHARACTER');
    const notText = await t.request({ method: 'POST', url: '/api/v1/admin/catalog/products', as: op, body: { title: '类型错误', titleEn: 42, categoryId: womens } });
    expect(notText.statusCode).toBe(400);
    expect(await counts()).toEqual(before);
  });
});
