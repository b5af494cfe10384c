// The operator's product board over HTTP: stock summed over SKUs, units sold, sort, filters and a
// total; bulk 上架 / 下架 with per-product outcomes; the category tree with counts; and a product
// made from a spec matrix (颜色 × 尺码) in one request, with the matrix's bad shapes refused.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payOrder, placeOrder, shopperWithAddress } from '../../../test/fixtures.ts';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';

let t: TestContext;
let op: TestUser;
let shoes: string; // 鞋靴
let sneakers: string; // 运动鞋, under 鞋靴
let books: string; // 图书

beforeAll(async () => {
  t = await createTestContext();
  op = await t.operator();
  const post = (body: unknown) => t.request({ method: 'POST', url: '/api/v1/admin/catalog/categories', as: op, body });
  shoes = (await post({ name: '鞋靴', nameEn: 'Shoes', slug: 'board-shoes', sort: 1 })).data.id;
  sneakers = (await post({ name: '运动鞋', nameEn: 'Sneakers', slug: 'board-sneakers', parentId: shoes })).data.id;
  books = (await post({ name: '图书', nameEn: 'Books', slug: 'board-books', sort: 2 })).data.id;
});
afterAll(() => t?.close());

let seq = 0;
async function product(opts: { title: string; categoryId: string; stocks: number[]; price?: number; status?: 'draft' | 'active' }) {
  seq++;
  const res = await t.request({
    method: 'POST',
    url: '/api/v1/admin/catalog/products',
    as: op,
    body: {
      title: opts.title,
      categoryId: opts.categoryId,
      status: opts.status ?? 'active',
      skus: opts.stocks.map((stock, i) => ({ code: `BRD-${seq}-${i}`, attributes: { 规格: `款${i + 1}` }, price: { amount: (opts.price ?? 1000) + i * 100 }, initialStock: stock })),
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.data as { id: string; skus: { id: string }[] };
}

const board = (query: string) => t.request({ method: 'GET', url: `/api/v1/admin/catalog/products/board?${query}`, as: op });
const productCount = async () => (await sql<{ n: number }>`select count(*)::int as n from products`.execute(t.platform.db)).rows[0].n;

describe('the product board', () => {
  let runner: Awaited<ReturnType<typeof product>>;
  let boot: Awaited<ReturnType<typeof product>>;
  let novel: Awaited<ReturnType<typeof product>>;

  beforeAll(async () => {
    runner = await product({ title: '跑步鞋 轻量', categoryId: sneakers, stocks: [5, 7], price: 39900 });
    t.clock.advance(60_000);
    boot = await product({ title: '皮靴 经典', categoryId: shoes, stocks: [30], price: 59900 });
    t.clock.advance(60_000);
    novel = await product({ title: '小说 长篇', categoryId: books, stocks: [2, 2, 2], price: 4500 });
    const { user, addressId } = await shopperWithAddress(t);
    const order = await placeOrder(t, user, addressId, [{ skuId: novel.skus[0].id, quantity: 2 }, { skuId: novel.skus[1].id, quantity: 1 }]);
    await payOrder(t, user, order.id);
    const unpaid = await placeOrder(t, user, addressId, [{ skuId: runner.skus[0].id, quantity: 1 }]);
    expect(unpaid.status).toBe('pending_payment');
  });

  it('shows stock summed over SKUs and units sold on paid orders only, with a total', async () => {
    const res = await board('pageSize=10');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.data.total).toBe(3);
    const byId = new Map(res.data.items.map((i: any) => [i.id, i]));
    expect(byId.get(runner.id)).toMatchObject({ stock: 12, available: 11, skuCount: 2, sales: 0, title: '跑步鞋 轻量', categoryId: sneakers });
    expect(byId.get(boot.id)).toMatchObject({ stock: 30, sales: 0 });
    // Paid: on hand went down by what was sold, and the units count as sales.
    expect(byId.get(novel.id)).toMatchObject({ stock: 3, sales: 3, skuCount: 3 });
  });

  it('sorts by stock, sales, price and creation, either way', async () => {
    const ids = async (q: string) => (await board(q)).data.items.map((i: any) => i.id);
    expect(await ids('sort=stock&order=desc')).toEqual([boot.id, runner.id, novel.id]);
    expect(await ids('sort=stock&order=asc')).toEqual([novel.id, runner.id, boot.id]);
    expect((await ids('sort=sales&order=desc'))[0]).toBe(novel.id);
    expect(await ids('sort=price&order=asc')).toEqual([novel.id, runner.id, boot.id]);
    expect(await ids('sort=created&order=desc')).toEqual([novel.id, boot.id, runner.id]);
    expect(await ids('sort=created&order=asc')).toEqual([runner.id, boot.id, novel.id]);
  });

  it('pages by number with the same total on every page', async () => {
    const first = await board('sort=stock&order=desc&page=1&pageSize=2');
    const second = await board('sort=stock&order=desc&page=2&pageSize=2');
    expect(first.data).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(first.data.items.map((i: any) => i.id)).toEqual([boot.id, runner.id]);
    expect(second.data).toMatchObject({ total: 3, page: 2 });
    expect(second.data.items.map((i: any) => i.id)).toEqual([novel.id]);
  });

  it('filters by category with its subcategories, by status and by title', async () => {
    const inShoes = await board(`categoryId=${shoes}`);
    expect(inShoes.data.total).toBe(2);
    expect(inShoes.data.items.map((i: any) => i.id).sort()).toEqual([runner.id, boot.id].sort());
    expect((await board(`categoryId=${sneakers}`)).data.items.map((i: any) => i.id)).toEqual([runner.id]);
    expect((await board(`q=${encodeURIComponent('小说')}`)).data.items.map((i: any) => i.id)).toEqual([novel.id]);
    expect((await board('status=draft')).data.total).toBe(0);
    const bad = await board('sort=popularity');
    expect(bad.statusCode).toBe(400);
  });

  it('keeps shoppers out', async () => {
    const shopper = await t.signUp();
    expect((await t.request({ method: 'GET', url: '/api/v1/admin/catalog/products/board', as: shopper })).statusCode).toBe(403);
    expect((await t.request({ method: 'POST', url: '/api/v1/admin/catalog/products/bulk-status', as: shopper, body: { ids: [runner.id], status: 'archived' } })).statusCode).toBe(403);
  });
});

describe('bulk 上架 / 下架', () => {
  const bulk = (body: unknown) => t.request({ method: 'POST', url: '/api/v1/admin/catalog/products/bulk-status', as: op, body });
  const statusOf = async (id: string) => (await t.request({ method: 'GET', url: `/api/v1/admin/catalog/products/${id}`, as: op })).data.status;

  it('takes products off sale and puts them back, each with its outcome', async () => {
    const a = await product({ title: '批量 甲', categoryId: books, stocks: [1] });
    const b = await product({ title: '批量 乙', categoryId: books, stocks: [1] });
    const off = await bulk({ ids: [a.id, b.id], status: 'archived' });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.data).toMatchObject({ changed: 2, failed: 0 });
    expect(off.data.results).toEqual([{ id: a.id, ok: true, status: 'archived', changed: true }, { id: b.id, ok: true, status: 'archived', changed: true }]);
    expect(await statusOf(a.id)).toBe('archived');
    // Shoppers no longer see it.
    expect((await t.request({ method: 'GET', url: `/api/v1/catalog/products/${a.id}` })).statusCode).toBe(404);
    const on = await bulk({ ids: [a.id, b.id], status: 'active' });
    expect(on.data).toMatchObject({ changed: 2, failed: 0 });
    expect(await statusOf(b.id)).toBe('active');
    // Already on sale: an outcome, not a change.
    expect((await bulk({ ids: [a.id], status: 'active' })).data.results).toEqual([{ id: a.id, ok: true, status: 'active', changed: false }]);
  });

  it('moves the rest when one product cannot go on sale, and says why for that one', async () => {
    const ready = await product({ title: '批量 丙', categoryId: books, stocks: [1], status: 'draft' });
    const empty = await t.request({ method: 'POST', url: '/api/v1/admin/catalog/products', as: op, body: { title: '批量 无规格', categoryId: books } });
    const res = await bulk({ ids: [ready.id, empty.data.id], status: 'active' });
    expect(res.statusCode).toBe(200);
    expect(res.data).toMatchObject({ changed: 1, failed: 1 });
    expect(res.data.results[0]).toEqual({ id: ready.id, ok: true, status: 'active', changed: true });
    expect(res.data.results[1]).toMatchObject({ id: empty.data.id, ok: false, status: 'draft', error: { code: 'CATALOG_PRODUCT_NEEDS_SKU' } });
    expect(await statusOf(empty.data.id)).toBe('draft');
  });

  it('refuses unknown ids by name and changes nothing', async () => {
    const known = await product({ title: '批量 丁', categoryId: books, stocks: [1] });
    const ghost = '00000000-0000-4000-8000-00000000beef';
    const res = await bulk({ ids: [known.id, ghost], status: 'archived' });
    expect(res.statusCode).toBe(404);
    expect(res.data.error).toMatchObject({ code: 'CATALOG_BULK_UNKNOWN_PRODUCTS', details: { count: 1, unknownIds: [ghost] } });
    expect(await statusOf(known.id)).toBe('active');
  });

  it('refuses more than 200 ids, an empty list, repeats, non-ids and other statuses', async () => {
    const many = Array.from({ length: 201 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    for (const body of [{ ids: many, status: 'archived' }, { ids: [], status: 'archived' }, { ids: [many[0], many[0]], status: 'archived' }, { ids: ['x'], status: 'archived' }, { ids: [many[0]], status: 'draft' }, { ids: [many[0]], status: 'archived', extra: 1 }]) {
      const res = await bulk(body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.data.error.code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('the category tree with counts', () => {
  it('counts each category\'s own products and those below it', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/admin/catalog/categories/tree', as: op });
    expect(res.statusCode, res.body).toBe(200);
    const shoeNode = res.data.items.find((c: any) => c.id === shoes);
    const counts = await sql<{ category_id: string; n: number }>`select category_id, count(*)::int as n from products group by category_id`.execute(t.platform.db);
    const own = (id: string) => counts.rows.find((r) => r.category_id === id)?.n ?? 0;
    expect(shoeNode).toMatchObject({ name: '鞋靴', products: own(shoes), productsWithin: own(shoes) + own(sneakers) });
    expect(shoeNode.children).toEqual([expect.objectContaining({ id: sneakers, products: own(sneakers), productsWithin: own(sneakers), children: [] })]);
    expect(res.data.items.find((c: any) => c.id === books).products).toBe(own(books));
  });
});

describe('a product from a spec matrix', () => {
  const matrix = (skus: unknown[]) => t.request({ method: 'POST', url: '/api/v1/admin/catalog/products', as: op, body: { title: '矩阵 T恤', categoryId: shoes, status: 'active', images: [], skus } });
  const sku = (code: string, attributes: Record<string, string>, price = 5900, initialStock = 10) => ({ code, attributes, price: { amount: price }, initialStock });

  it('makes one SKU per combination, each with its own price and stock, in one request', async () => {
    const res = await matrix([sku('MX-R-M', { 颜色: '红', 尺码: 'M' }, 5900, 3), sku('MX-R-L', { 颜色: '红', 尺码: 'L' }, 6100, 4), sku('MX-B-M', { 颜色: '蓝', 尺码: 'M' }, 5900, 5), sku('MX-B-L', { 颜色: '蓝', 尺码: 'L' }, 6100, 6)]);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.data.options).toEqual([{ name: '颜色', values: ['红', '蓝'] }, { name: '尺码', values: ['M', 'L'] }]);
    expect(res.data.skus.map((s: any) => [s.label, s.price.amount, s.onHand])).toEqual([['红 / M', 5900, 3], ['红 / L', 6100, 4], ['蓝 / M', 5900, 5], ['蓝 / L', 6100, 6]]);
    const listed = (await board(`q=${encodeURIComponent('矩阵')}`)).data.items[0];
    expect(listed).toMatchObject({ stock: 18, skuCount: 4, price: { min: { amount: 5900 }, max: { amount: 6100 } } });
  });

  it('refuses a repeated combination, an empty value and too many combinations, writing nothing', async () => {
    const before = await productCount();
    const dup = await matrix([sku('DUP-1', { 颜色: '红' }), sku('DUP-2', { 颜色: '红' })]);
    expect(dup.statusCode).toBe(409);
    expect(dup.data.error.code).toBe('CATALOG_SKU_DUPLICATE_ATTRIBUTES');
    const empty = await matrix([sku('EMP-1', { 颜色: '红' }), sku('EMP-2', { 颜色: '' })]);
    expect(empty.statusCode).toBe(400);
    const blank = await matrix([sku('BLK-1', { 颜色: '   ' })]);
    expect(blank.statusCode).toBe(400);
    expect(blank.data.error.code).toBe('CATALOG_ATTRIBUTES_INVALID');
    const tooMany = await matrix(Array.from({ length: 201 }, (_, i) => sku(`MANY-${i}`, { 编号: String(i) })));
    expect(tooMany.statusCode).toBe(400);
    expect(await productCount()).toBe(before);
  });
});
