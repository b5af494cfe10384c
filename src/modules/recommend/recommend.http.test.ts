import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { payOrder, placeOrder, sellableSku, addressOf } from '../../../test/fixtures.ts';

let t: TestContext;
let op: TestUser;
let me: TestUser;
let friend: TestUser;
const P: { productId: string; skuId: string }[] = [];

const view = async (user: TestUser, productIds: string[], name: 'product_view' | 'add_to_cart' = 'product_view') => {
  const at = t.clock.now().toISOString();
  const res = await t.request({ method: 'POST', url: '/api/v1/events', as: user, body: { events: productIds.map((productId) => ({ id: randomUUID(), name, at, productId })) } });
  if (res.statusCode !== 202 && res.statusCode !== 200) throw new Error(`events: ${res.statusCode} ${res.body}`);
};
const recs = (query: string, as?: TestUser) => t.request({ method: 'GET', url: `/api/v1/recommendations?${query}`, as });
const train = () => t.request({ method: 'POST', url: '/api/v1/admin/recommend/train', as: op });

beforeAll(async () => {
  t = await createTestContext();
  op = await t.operator();
  for (let i = 0; i < 6; i++) P.push(await sellableSku(t, { title: `推荐商品 ${i}`, price: 1000 + i }));
  const others = [await t.signUp(), await t.signUp(), await t.signUp(), await t.signUp()];
  me = await t.signUp();
  friend = await t.signUp();
  // Taste: P0 goes with P1; P2 goes with P3. P4 is in everyone's cart: the store's most popular.
  for (const u of others.slice(0, 3)) await view(u, [P[0].productId, P[1].productId, P[4].productId]);
  for (const u of others.slice(1)) await view(u, [P[2].productId, P[3].productId, P[4].productId]);
  for (const u of others) await view(u, [P[4].productId], 'add_to_cart');
  await view(me, [P[0].productId]);
  // A friend of mine looked at P5, then bought it (one shopper-product pair from the log and from orders).
  await view(friend, [P[5].productId]);
  await t.services.identity.importFriendships([{ userId: me.id, friendId: friend.id, createdAt: t.clock.now() }]);
  const order = await placeOrder(t, friend, await addressOf(t, friend), [{ skuId: P[5].skuId, quantity: 1 }]);
  await payOrder(t, friend, order.id);
  await t.settle();
  // The event log hands readers only rows settled for a few seconds.
  t.clock.advance(60_000);
  const res = await train();
  if (res.statusCode !== 201) throw new Error(`train: ${res.statusCode} ${res.body}`);
});
afterAll(() => t?.close());

describe('recommendation training', () => {
  it('records the run with its size, the serving model and the offline figures of all three models', async () => {
    const q = await t.request({ method: 'GET', url: '/api/v1/admin/recommend/quality', as: op });
    expect(q.statusCode).toBe(200);
    expect(q.data.lastDone).toMatchObject({ status: 'done', trigger: 'operator', items: 6, users: 6 });
    expect(['item_item', 'ease']).toContain(q.data.lastDone.model);
    expect(q.data.lastDone.metrics.models.map((m: { model: string }) => m.model)).toEqual(['popularity', 'item_item', 'ease']);
    // The next daily run is booked.
    const jobs = await t.platform.db.selectFrom('jobs').select(['run_at']).where('kind', '=', 'recommend.train').where('finished_at', 'is', null).execute();
    expect(jobs).toHaveLength(1);
    expect(jobs[0].run_at.getTime()).toBeGreaterThan(t.clock.now().getTime());
  });

  it('is for operators only', async () => {
    expect((await t.request({ method: 'POST', url: '/api/v1/admin/recommend/train', as: me })).statusCode).toBe(403);
  });
});

describe('GET /recommendations', () => {
  it('home: my list puts what goes with what I viewed first, adds what friends bought, and leaves out what I already saw', async () => {
    const res = await recs('context=home', me);
    expect(res.statusCode).toBe(200);
    expect(res.data.personalised).toBe(true);
    const items = res.data.items as { productId: string; reason: { kind: string; productId: string | null; productTitle: string | null; friends: number }; price: { amount: number; currency: string }; title: string }[];
    expect(items[0]).toMatchObject({ productId: P[1].productId, title: '推荐商品 1', price: { amount: 1001, currency: 'CNY' }, reason: { kind: 'because_viewed', productId: P[0].productId, productTitle: '推荐商品 0' } });
    expect(items.find((i) => i.productId === P[5].productId)?.reason).toMatchObject({ kind: 'friends_bought', friends: 1 });
    expect(items.map((i) => i.productId)).not.toContain(P[0].productId);
  });

  it('product: the product’s neighbours come first, never the product itself', async () => {
    const res = await recs(`context=product&productId=${P[2].productId}`, me);
    expect(res.statusCode).toBe(200);
    expect(res.data.items[0]).toMatchObject({ productId: P[3].productId, reason: { kind: 'because_viewed', productId: P[2].productId } });
    expect(res.data.items.map((i: { productId: string }) => i.productId)).not.toContain(P[2].productId);
  });

  it('cart: what goes with the cart’s items, without the items already in it', async () => {
    expect((await t.request({ method: 'PUT', url: `/api/v1/cart/items/${P[3].skuId}`, as: me, body: { quantity: 1 } })).statusCode).toBe(200);
    const res = await recs('context=cart', me);
    expect(res.statusCode).toBe(200);
    expect(res.data.items[0]).toMatchObject({ productId: P[2].productId, reason: { kind: 'in_cart', productId: P[3].productId } });
    expect(res.data.items.map((i: { productId: string }) => i.productId)).not.toContain(P[3].productId);
  });

  it('anonymous visitors get popular items, best-seller first', async () => {
    const res = await recs('context=home');
    expect(res.statusCode).toBe(200);
    expect(res.data.personalised).toBe(false);
    expect(res.data.items[0].productId).toBe(P[4].productId);
    expect(res.data.items.every((i: { reason: { kind: string } }) => i.reason.kind === 'popular')).toBe(true);
  });

  it('a shopper who turned personalisation off gets popular items in every context', async () => {
    const shopper = await t.signUp();
    expect((await t.request({ method: 'PUT', url: '/api/v1/me/privacy/consents/personalisation', as: shopper, body: { granted: false } })).statusCode).toBe(200);
    for (const q of ['context=home', 'context=cart', `context=product&productId=${P[0].productId}`]) {
      const res = await recs(q, shopper);
      expect(res.statusCode).toBe(200);
      expect(res.data.personalised).toBe(false);
      expect(res.data.items.length).toBeGreaterThan(0);
      expect(res.data.items.every((i: { reason: { kind: string } }) => i.reason.kind === 'popular')).toBe(true);
    }
  });

  it('refuses bad input with a coded 4xx', async () => {
    const missing = await recs('context=product', me);
    expect(missing.statusCode).toBe(400);
    expect(missing.data.error.code).toBe('RECOMMEND_PRODUCT_REQUIRED');
    const unknown = await recs(`context=product&productId=${randomUUID()}`, me);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.data.error.code).toBe('RECOMMEND_PRODUCT_NOT_FOUND');
    for (const q of ['context=everywhere', '', 'context=home&limit=0', 'context=home&limit=21', 'context=home&extra=1']) {
      const res = await recs(q, me);
      expect(res.statusCode).toBe(400);
      expect(res.data.error.code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('console preview', () => {
  it('shows a customer’s recommendations with reasons, found by email or id, and refuses a blank or unknown customer', async () => {
    const byEmail = await t.request({ method: 'GET', url: `/api/v1/admin/recommend/preview?customer=${encodeURIComponent(me.email)}`, as: op });
    expect(byEmail.statusCode).toBe(200);
    expect(byEmail.data.customer.id).toBe(me.id);
    expect(byEmail.data.items[0].reason.kind).toBe('because_viewed');
    const byId = await t.request({ method: 'GET', url: `/api/v1/admin/recommend/preview?customer=${me.id}`, as: op });
    expect(byId.data.items).toEqual(byEmail.data.items);
    const nobody = await t.request({ method: 'GET', url: `/api/v1/admin/recommend/preview?customer=nobody-here@example.com`, as: op });
    expect(nobody.statusCode).toBe(404);
    expect(nobody.data.error.code).toBe('RECOMMEND_CUSTOMER_NOT_FOUND');
    const blank = await t.request({ method: 'GET', url: `/api/v1/admin/recommend/preview?customer=%20%20`, as: op });
    expect(blank.statusCode).toBe(400);
    expect(blank.data.error.code).toBe('RECOMMEND_CUSTOMER_REQUIRED');
  });
});
