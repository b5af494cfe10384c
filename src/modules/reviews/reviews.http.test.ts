// Reviews over HTTP, one test per rule: no review without a received line, one per line, points
// once, sanitised output, filtered words held (and refused ones written nowhere), images first on
// the product page, helpful votes once, operator reply and hide.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { addressOf, payOrder, placeOrder, sellableSku } from '../../../test/fixtures.ts';

let t: TestContext;
let op: TestUser;
let productId: string;
let skuId: string;
beforeAll(async () => {
  t = await createTestContext();
  op = await t.operator();
  ({ productId, skuId } = await sellableSku(t, { price: 4990, stock: 500 }));
});
afterAll(() => t?.close());

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f8c9b50000000049454e44ae426082', 'hex');

/** A shopper with a paid order of `quantity` lines; shipped and received unless told otherwise. */
async function order(opts: { lines?: number; receive?: boolean; ship?: boolean } = {}) {
  const user = await t.signUp();
  const addressId = await addressOf(t, user);
  const skus = [skuId];
  for (let i = 1; i < (opts.lines ?? 1); i++) skus.push((await sellableSku(t, { price: 1990 })).skuId);
  const placed = await placeOrder(t, user, addressId, skus.map((s) => ({ skuId: s, quantity: 1 })));
  await payOrder(t, user, placed.id);
  if (opts.ship !== false) expect((await t.request({ method: 'POST', url: `/api/v1/admin/orders/${placed.id}/ship`, as: op, body: { carrier: '顺丰', trackingNo: 'SF1' } })).statusCode).toBe(200);
  if (opts.receive !== false && opts.ship !== false) expect((await t.request({ method: 'POST', url: `/api/v1/orders/${placed.id}/confirm-receipt`, as: user })).statusCode).toBe(200);
  await t.settle();
  return { user, orderId: placed.id as string, lineIds: (placed.lines as { id: string }[]).map((l) => l.id) };
}

const review = (as: TestUser, body: Record<string, unknown>) => t.request({ method: 'POST', url: '/api/v1/reviews', as, body });
const reviewCount = async () => Number((await t.platform.db.selectFrom('reviews').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
const reviewPoints = async (userId: string) =>
  t.platform.db.selectFrom('points_entries').select(['delta', 'ref']).where('user_id', '=', userId).where('reason', '=', 'review').execute();
const page = async (query = '') => (await t.request({ method: 'GET', url: `/api/v1/products/${productId}/reviews${query}` })).data;

describe('who may review', () => {
  it('refuses a line that was paid but not yet received, and writes nothing', async () => {
    const o = await order({ receive: false });
    const before = await reviewCount();
    const res = await review(o.user, { orderId: o.orderId, lineId: o.lineIds[0], rating: 5, text: '还没收到' });
    expect(res.statusCode).toBe(409);
    expect(res.data.error.code).toBe('REVIEW_NOT_RECEIVED');
    expect(await reviewCount()).toBe(before);
  });

  it('refuses someone else\'s order line as if it did not exist', async () => {
    const o = await order();
    const stranger = await t.signUp();
    const res = await review(stranger, { orderId: o.orderId, lineId: o.lineIds[0], rating: 1, text: '差评' });
    expect(res.statusCode).toBe(404);
    expect(res.data.error.code).toBe('REVIEW_LINE_NOT_FOUND');
  });

  it('rejects malformed input with a coded 400', async () => {
    const o = await order();
    for (const body of [
      { orderId: o.orderId, lineId: o.lineIds[0], rating: 6, text: '好' },
      { orderId: o.orderId, lineId: o.lineIds[0], rating: '5', text: '好' },
      { orderId: o.orderId, lineId: o.lineIds[0], rating: 5, text: '' },
      { orderId: o.orderId, lineId: o.lineIds[0], rating: 5, text: '好', extra: 1 },
      { orderId: o.orderId, lineId: o.lineIds[0], rating: 5, text: '好', images: Array.from({ length: 10 }, (_, i) => `/media/00000000-0000-4000-8000-00000000000${i % 10}`) },
    ]) {
      const res = await review(o.user, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    const bad = await review(o.user, { orderId: o.orderId, lineId: o.lineIds[0], rating: 5, text: '好', images: ['https://evil.example/x.png'] });
    expect(bad.data.error.code).toBe('REVIEW_IMAGE_INVALID');
    expect((await t.request({ method: 'GET', url: `/api/v1/reviews/orders/${o.orderId}`, as: o.user })).data.lines[0].review).toBeNull();
  });
});

describe('one review per line, points once', () => {
  it('publishes a received line\'s review, grants review points once, and refuses a second review of the line', async () => {
    const o = await order({ lines: 2 });
    const first = await review(o.user, { orderId: o.orderId, lineId: o.lineIds[0], rating: 5, text: '质量很好，物流也快，非常满意' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.data.status).toBe('published');
    await t.settle();
    const again = await review(o.user, { orderId: o.orderId, lineId: o.lineIds[0], rating: 1, text: '改个差评' });
    expect(again.statusCode).toBe(409);
    expect(again.data.error.code).toBe('REVIEW_ALREADY_EXISTS');
    // Hiding and restoring publishes the review again: the ledger still holds one grant for the line.
    await t.request({ method: 'POST', url: `/api/v1/admin/reviews/${first.data.id}/hide`, as: op, body: { reason: 'test' } });
    await t.request({ method: 'POST', url: `/api/v1/admin/reviews/${first.data.id}/restore`, as: op });
    await t.settle();
    expect(await reviewPoints(o.user.id)).toEqual([{ delta: 20, ref: `order_line:${o.lineIds[0]}` }]);
    // The other line of the same order is its own review, with its own points.
    const second = await review(o.user, { orderId: o.orderId, lineId: o.lineIds[1], rating: 4, text: '不错' });
    expect(second.statusCode).toBe(201);
    await t.settle();
    expect((await reviewPoints(o.user.id)).length).toBe(2);
    const mine = await t.request({ method: 'GET', url: `/api/v1/reviews/orders/${o.orderId}`, as: o.user });
    expect(mine.data.lines.map((l: { reviewable: boolean }) => l.reviewable)).toEqual([false, false]);
  });

  it('lets two racing submissions for one line make one review', async () => {
    const o = await order();
    const results = await Promise.all([1, 2, 3].map((n) => review(o.user, { orderId: o.orderId, lineId: o.lineIds[0], rating: n, text: `第${n}次` })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
  });
});

describe('moderation of review text', () => {
  it('stores and shows sanitised plain text: no script, no markup', async () => {
    const o = await order();
    const res = await review(o.user, { orderId: o.orderId, lineId: o.lineIds[0], rating: 4, text: '<script>alert(1)</script><b>包装</b>很好<img src=x onerror=alert(2)> <a href="javascript:alert(3)">点这里</a>' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.data.text).toBe('包装很好 点这里');
    const shown = (await page()).items.find((r: { id: string }) => r.id === res.data.id);
    expect(shown.text).toBe('包装很好 点这里');
    expect(JSON.stringify(shown)).not.toMatch(/script|onerror|javascript/);
  });

  it('holds a review with a listed word for an operator; approving it publishes it and grants the points', async () => {
    const o = await order();
    const res = await review(o.user, { orderId: o.orderId, lineId: o.lineIds[0], rating: 5, text: '东西不错，想要优惠的加 微 信 领券' });
    expect(res.statusCode).toBe(201);
    expect(res.data.status).toBe('held');
    await t.settle();
    expect((await page()).items.some((r: { id: string }) => r.id === res.data.id)).toBe(false);
    expect(await reviewPoints(o.user.id)).toEqual([]);
    const queue = await t.request({ method: 'GET', url: '/api/v1/admin/moderation/items?status=pending&kind=review', as: op });
    const item = queue.data.items.find((i: { subjectId: string }) => i.subjectId === res.data.id);
    expect(item.reasons).toContainEqual({ code: 'HELD_WORDS', words: ['加微信'] });
    const decided = await t.request({ method: 'POST', url: `/api/v1/admin/moderation/items/${item.id}/decide`, as: op, body: { verdict: 'approved' } });
    expect(decided.statusCode).toBe(200);
    await t.settle();
    expect((await page()).items.some((r: { id: string }) => r.id === res.data.id)).toBe(true);
    expect((await reviewPoints(o.user.id)).length).toBe(1);
  });

  it('refuses a review with a refused word: a coded 422 and nothing written, not even a queue entry', async () => {
    const o = await order();
    const before = await reviewCount();
    const queued = Number((await t.platform.db.selectFrom('moderation_items').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const res = await review(o.user, { orderId: o.orderId, lineId: o.lineIds[0], rating: 5, text: '专业代刷好评，价格优惠' });
    expect(res.statusCode).toBe(422);
    expect(res.data.error.code).toBe('REVIEW_CONTENT_REFUSED');
    expect(await reviewCount()).toBe(before);
    expect(Number((await t.platform.db.selectFrom('moderation_items').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n)).toBe(queued);
  });
});

describe('the product page', () => {
  it('shows the rating summary and distribution, reviews with images first, helpful votes once, and the store\'s reply', async () => {
    const o = await order();
    const upload = await t.request({ method: 'POST', url: '/api/v1/reviews/images', as: o.user, body: { contentType: 'image/png', dataBase64: PNG.toString('base64') } });
    expect(upload.statusCode, upload.body).toBe(201);
    const svg = await t.request({ method: 'POST', url: '/api/v1/reviews/images', as: o.user, body: { contentType: 'image/svg+xml', dataBase64: Buffer.from('<svg/>').toString('base64') } });
    expect(svg.statusCode).toBe(400);
    const withImage = await review(o.user, { orderId: o.orderId, lineId: o.lineIds[0], rating: 2, text: '颜色有点偏差，但是能用', images: [upload.data.url] });
    expect(withImage.statusCode, withImage.body).toBe(201);
    const o2 = await order();
    const newer = await review(o2.user, { orderId: o2.orderId, lineId: o2.lineIds[0], rating: 5, text: '很喜欢' });
    expect(newer.statusCode).toBe(201);

    const data = await page();
    expect(data.items[0].id).toBe(withImage.data.id);
    expect(data.items[0].images).toEqual([upload.data.url]);
    expect(data.items[0].verifiedPurchase).toBe(true);
    expect(data.items[0].author).toMatch(/^.\*\*$/);
    const published = await t.platform.db.selectFrom('reviews').select('rating').where('product_id', '=', productId).where('status', '=', 'published').execute();
    expect(data.summary.count).toBe(published.length);
    for (const star of [1, 2, 3, 4, 5]) expect(data.summary.distribution[String(star)]).toBe(published.filter((r) => r.rating === star).length);
    expect(data.summary.average).toBe(Math.round((published.reduce((s, r) => s + r.rating, 0) / published.length) * 10) / 10);
    expect(data.summary.withImages).toBe(1);

    const got = await t.request({ method: 'GET', url: upload.data.url });
    expect(got.rawPayload.equals(PNG)).toBe(true);

    const vote = () => t.request({ method: 'POST', url: `/api/v1/reviews/${withImage.data.id}/helpful`, as: o2.user });
    expect((await vote()).data.helpful).toBe(1);
    expect((await vote()).data.error.code).toBe('REVIEW_ALREADY_VOTED');
    expect((await t.request({ method: 'POST', url: `/api/v1/reviews/${withImage.data.id}/helpful`, as: o.user })).data.error.code).toBe('REVIEW_OWN_VOTE');

    const reply = await t.request({ method: 'POST', url: `/api/v1/admin/reviews/${withImage.data.id}/reply`, as: op, body: { text: '亲，已为您<b>补发</b>色卡' } });
    expect(reply.statusCode).toBe(200);
    const afterReply = (await page()).items.find((r: { id: string }) => r.id === withImage.data.id);
    expect(afterReply.reply.text).toBe('亲，已为您补发色卡');
    expect(afterReply.helpful).toBe(1);

    const hidden = await t.request({ method: 'POST', url: `/api/v1/admin/reviews/${withImage.data.id}/hide`, as: op, body: { reason: '含个人信息' } });
    expect(hidden.data.status).toBe('hidden');
    const after = await page();
    expect(after.items.some((r: { id: string }) => r.id === withImage.data.id)).toBe(false);
    expect(after.summary.count).toBe(published.length - 1);
  });

  it('pages with a cursor without repeating or skipping a review', async () => {
    const all = await page('?limit=100');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const p: { items: { id: string }[]; nextCursor: string | null } = await page(`?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...p.items.map((r) => r.id));
      cursor = p.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((r: { id: string }) => r.id));
  });
});

describe('erasure', () => {
  it('erases a reviewer\'s reviews with the votes others gave them, and the reviewer\'s own votes', async () => {
    const a = await order();
    const b = await order();
    const ra = await review(a.user, { orderId: a.orderId, lineId: a.lineIds[0], rating: 5, text: '好用' });
    const rb = await review(b.user, { orderId: b.orderId, lineId: b.lineIds[0], rating: 4, text: '不错' });
    expect((await t.request({ method: 'POST', url: `/api/v1/reviews/${ra.data.id}/helpful`, as: b.user })).statusCode).toBe(200);
    expect((await t.request({ method: 'POST', url: `/api/v1/reviews/${rb.data.id}/helpful`, as: a.user })).statusCode).toBe(200);
    await t.platform.db.transaction().execute((trx) => t.platform.personalData.eraseFor(trx, a.user.id));
    const left = await t.platform.db.selectFrom('reviews').select('id').where('id', 'in', [ra.data.id, rb.data.id]).execute();
    expect(left.map((r) => r.id)).toEqual([rb.data.id]);
    expect(await t.platform.db.selectFrom('review_helpful_votes').select('user_id').where('user_id', '=', a.user.id).execute()).toEqual([]);
  });
});
