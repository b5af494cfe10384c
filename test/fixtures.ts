// Small builders for tests that need a sellable product and a shopper with an address.
import type { TestContext, TestUser } from './harness.ts';

let seq = 0;

export async function sellableSku(t: TestContext, opts: { price?: number; stock?: number; title?: string } = {}) {
  seq++;
  const tag = `${process.pid}-${seq}-${Math.random().toString(36).slice(2, 7)}`;
  const category = await t.services.catalog.createCategory(null, { name: `测试 ${tag}`, nameEn: `Test ${tag}`, slug: `test-${tag}` });
  const [created] = await t.services.catalog.importProducts(null, [
    {
      title: opts.title ?? `测试商品 ${tag}`,
      categoryId: category.id,
      status: 'active',
      skus: [{ code: `SKU-${tag}`, price: { amount: opts.price ?? 2990 }, initialStock: opts.stock ?? 100 }],
    },
  ]);
  return { productId: created.productId, skuId: created.skuIds[0], categoryId: category.id };
}

export async function addressOf(t: TestContext, user: TestUser): Promise<string> {
  const res = await t.request({
    method: 'POST',
    url: '/api/v1/me/addresses',
    as: user,
    body: { recipient: '李雷', phone: '13800138000', province: '广东省', city: '深圳市', district: '南山区', line1: '科技园 1 号' },
  });
  if (res.statusCode !== 201) throw new Error(`address: ${res.statusCode} ${res.body}`);
  return res.data.id;
}

export async function shopperWithAddress(t: TestContext) {
  const user = await t.signUp();
  return { user, addressId: await addressOf(t, user) };
}

export async function availableOf(t: TestContext, skuId: string) {
  const levels = await t.services.inventory.getAvailability(t.platform.db, [skuId]);
  return levels.get(skuId)!;
}

/** Place an order over HTTP and return it. */
export async function placeOrder(t: TestContext, user: TestUser, addressId: string, items: { skuId: string; quantity: number }[], key?: string) {
  const res = await t.request({ method: 'POST', url: '/api/v1/orders', as: user, body: { items, addressId }, headers: key ? { 'idempotency-key': key } : {} });
  if (res.statusCode !== 201 && res.statusCode !== 200) throw new Error(`order: ${res.statusCode} ${res.body}`);
  return res.data;
}

/** Pay with a sandbox test card and let the webhook arrive. */
export async function payOrder(t: TestContext, user: TestUser, orderId: string, card = '4242424242424242') {
  const started = await t.request({ method: 'POST', url: `/api/v1/orders/${orderId}/payments`, as: user });
  if (started.statusCode !== 201 && started.statusCode !== 200) throw new Error(`payment: ${started.statusCode} ${started.body}`);
  const confirmed = await t.request({ method: 'POST', url: `/api/v1/payments/${started.data.id}/confirm`, as: user, body: { card: { number: card } } });
  if (confirmed.statusCode !== 200) throw new Error(`confirm: ${confirmed.statusCode} ${confirmed.body}`);
  await t.settle();
  return confirmed.data;
}
