// The live room over HTTP: scheduling and the session's life, chat through moderation, claims of
// the live coupon only while released and only once, the buy button's and live share links'
// orders in the record, and bad input answered with a code and nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { addressOf, payOrder, placeOrder, sellableSku } from '../../../test/fixtures.ts';

let t: TestContext;
let op: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  op = await t.operator();
  await t.services.moderation.addWord(null, { word: '加微信', action: 'hold' });
  await t.services.moderation.addWord(null, { word: '傻逼', action: 'refuse' });
});
afterAll(() => t?.close());

const admin = (method: 'GET' | 'POST', url: string, body?: unknown) => t.request({ method, url: `/api/v1/admin/live/sessions${url}`, as: op, body });
const count = async (table: 'live_sessions' | 'live_claims' | 'live_messages') => Number((await t.platform.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

async function liveSession(opts: { start?: boolean; price?: number } = {}) {
  const { productId, skuId } = await sellableSku(t, { price: opts.price ?? 9900, stock: 100 });
  const res = await admin('POST', '', { title: '今晚 8 点直播', coverUrl: '/media/cover.png', scheduledAt: '2026-06-01T12:00:00.000Z', productIds: [productId] });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.data.id as string;
  if (opts.start !== false) expect((await admin('POST', `/${id}/start`)).statusCode).toBe(200);
  return { id, productId, skuId };
}

async function liveCoupon(id: string, body: Record<string, unknown> = { name: '直播专享券', discountAmount: 2000, minSpendAmount: 5000, totalQuota: 100 }) {
  const res = await admin('POST', `/${id}/coupons`, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.data.coupons.at(-1).templateId as string;
}

describe('scheduling and running a session', () => {
  it('schedules, starts once, ends once, and refuses bad input with a code and nothing written', async () => {
    const before = await count('live_sessions');
    expect((await admin('POST', '', { title: '', scheduledAt: '2026-06-01T12:00:00.000Z', productIds: [] })).statusCode).toBe(400);
    expect((await admin('POST', '', { title: 'x', scheduledAt: '2026-06-01T12:00:00.000Z', productIds: [], extra: 1 })).statusCode).toBe(400);
    const missing = await admin('POST', '', { title: 'x', scheduledAt: '2026-06-01T12:00:00.000Z', productIds: ['7c9e6679-7425-40de-944b-e07fc1f90ae7'] });
    expect(missing.statusCode).toBe(422);
    expect(missing.data.error.code).toBe('LIVE_PRODUCT_NOT_FOUND');
    expect(await count('live_sessions')).toBe(before);

    const { id, productId } = await liveSession({ start: false });
    const shopper = await t.signUp();
    expect((await t.request({ method: 'POST', url: `/api/v1/live/sessions/${id}/chat`, as: shopper, body: { text: '还没开播吗' } })).data.error.code).toBe('LIVE_NOT_LIVE');
    expect((await admin('POST', `/${id}/end`)).data.error.code).toBe('LIVE_NOT_LIVE');
    const started = await admin('POST', `/${id}/start`);
    expect(started.data).toMatchObject({ status: 'live', startedAt: '2026-06-01T08:00:00.000Z' });
    expect((await admin('POST', `/${id}/start`)).data.error.code).toBe('LIVE_NOT_SCHEDULED');
    const pinned = await admin('POST', `/${id}/pin`, { productId });
    expect(pinned.data.pinned).toMatchObject({ productId, listPrice: { amount: 9900 }, livePrice: { amount: 9900 }, priceKind: 'list' });
    expect((await admin('POST', `/${id}/pin`, { productId: '7c9e6679-7425-40de-944b-e07fc1f90ae7' })).data.error.code).toBe('LIVE_PRODUCT_NOT_IN_SESSION');
    expect((await admin('POST', `/${id}/end`)).data.status).toBe('ended');
    expect((await admin('POST', `/${id}/end`)).data.error.code).toBe('LIVE_NOT_LIVE');
    const room = await t.request({ method: 'GET', url: `/api/v1/live/sessions/${id}` });
    expect(room.data).toMatchObject({ id, status: 'ended', title: '今晚 8 点直播', coverUrl: '/media/cover.png' });
  });

  it('makes a live share link that opens the room', async () => {
    const { id } = await liveSession();
    const sharer = await t.signUp();
    const res = await t.request({ method: 'POST', url: '/api/v1/shares', as: sharer, body: { target: { type: 'live', id }, channel: 'wechat' } });
    expect(res.statusCode, res.body).toBe(201);
    const opened = await t.request({ method: 'GET', url: `/s/${res.data.token}` });
    expect(opened.statusCode).toBe(302);
    expect(opened.headers.location).toContain(`/live/${id}`);
  });
});

describe('chat', () => {
  it('posts approved lines, holds and refuses by moderation, and records each verdict', async () => {
    const { id } = await liveSession();
    const viewer = await t.signUp();
    const chat = (text: string) => t.request({ method: 'POST', url: `/api/v1/live/sessions/${id}/chat`, as: viewer, body: { text } });
    const ok = await chat('这款<b>好看</b>吗？');
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.data).toMatchObject({ verdict: 'approved', code: 'LIVE_CHAT_POSTED' });
    const held = await chat('想要的加微信聊');
    expect(held.statusCode).toBe(202);
    expect(held.data).toMatchObject({ verdict: 'held', code: 'LIVE_CHAT_HELD' });
    const refused = await chat('主播是傻逼');
    expect(refused.statusCode).toBe(422);
    expect(refused.data.error.code).toBe('LIVE_CHAT_REFUSED');
    expect((await t.request({ method: 'POST', url: `/api/v1/live/sessions/${id}/chat`, body: { text: 'hi' } })).statusCode).toBe(401);
    expect((await chat('')).statusCode).toBe(400);
    const rows = await t.platform.db.selectFrom('live_messages').select(['text', 'verdict']).where('session_id', '=', id).orderBy('created_at').execute();
    expect(rows.map((r) => r.verdict).sort()).toEqual(['approved', 'held', 'refused']);
    expect(rows.find((r) => r.verdict === 'approved')!.text).not.toContain('<b>');
    const record = await admin('GET', `/${id}/record`);
    expect(record.data).toMatchObject({ messages: 1, moderated: 2 });

    // The operator approves the held line in the moderation queue: the room gets it after all.
    const queue = await t.request({ method: 'GET', url: '/api/v1/admin/moderation/items?limit=100', as: await t.operator() });
    const item = queue.data.items.find((i: { subjectId: string }) => i.subjectId === held.data.messageId);
    const decided = await t.request({ method: 'POST', url: `/api/v1/admin/moderation/items/${item.id}/decide`, as: await t.operator(), body: { verdict: 'approved' } });
    expect(decided.statusCode, decided.body).toBe(200);
    await t.settle();
    const line = await t.platform.db.selectFrom('live_messages').select('verdict').where('id', '=', held.data.messageId).executeTakeFirstOrThrow();
    expect(line.verdict).toBe('approved');
    expect((await admin('GET', `/${id}/record`)).data).toMatchObject({ messages: 2, moderated: 1 });
  });

  it('counts likes while live', async () => {
    const { id } = await liveSession();
    const viewer = await t.signUp();
    const like = (n: number) => t.request({ method: 'POST', url: `/api/v1/live/sessions/${id}/likes`, as: viewer, body: { count: n } });
    expect((await like(3)).data.likes).toBe(3);
    expect((await like(10)).data.likes).toBe(13);
    expect((await like(51)).statusCode).toBe(400);
    expect((await like(0)).statusCode).toBe(400);
    expect((await admin('GET', `/${id}/record`)).data.likes).toBe(13);
  });
});

describe('the live coupon', () => {
  it('is claimable only while released and the room is live, once per viewer, into the wallet', async () => {
    const { id, productId } = await liveSession();
    await admin('POST', `/${id}/pin`, { productId });
    const templateId = await liveCoupon(id);
    const viewer = await t.signUp();
    const claim = (who = viewer) => t.request({ method: 'POST', url: `/api/v1/live/sessions/${id}/coupons/${templateId}/claim`, as: who });

    expect((await claim()).data.error.code).toBe('LIVE_COUPON_NOT_RELEASED');
    // Live-only: the coupon centre does not offer it.
    const centre = await t.request({ method: 'GET', url: '/api/v1/coupons/centre', as: viewer });
    expect(JSON.stringify(centre.data)).not.toContain(templateId);

    const released = await admin('POST', `/${id}/coupons/${templateId}/release`);
    expect(released.data).toMatchObject({ templateId, released: true, amount: { amount: 2000 }, minSpend: { amount: 5000 } });
    const room = await t.request({ method: 'GET', url: `/api/v1/live/sessions/${id}`, as: viewer });
    expect(room.data.pinned).toMatchObject({ listPrice: { amount: 9900 }, livePrice: { amount: 7900 }, priceKind: 'coupon' });

    const first = await claim();
    expect(first.statusCode, first.body).toBe(201);
    expect((await claim()).data.error.code).toBe('LIVE_COUPON_ALREADY_CLAIMED');
    const wallet = await t.request({ method: 'GET', url: '/api/v1/me/coupons', as: viewer });
    expect(wallet.data.items.filter((c: { templateId: string }) => c.templateId === templateId)).toHaveLength(1);
    expect((await t.request({ method: 'GET', url: `/api/v1/live/sessions/${id}`, as: viewer })).data.coupons[0].claimed).toBe(true);

    await admin('POST', `/${id}/coupons/${templateId}/withdraw`);
    const late = await t.signUp();
    expect((await claim(late)).data.error.code).toBe('LIVE_COUPON_NOT_RELEASED');
    await admin('POST', `/${id}/coupons/${templateId}/release`);
    await admin('POST', `/${id}/end`);
    expect((await claim(late)).data.error.code).toBe('LIVE_NOT_LIVE');
    expect((await admin('POST', `/${id}/coupons/${templateId}/release`)).data.error.code).toBe('LIVE_NOT_LIVE');
    expect((await admin('GET', `/${id}/record`)).data.claims).toBe(1);
  });

  it('never hands out more than the quota to concurrent viewers', async () => {
    const { id } = await liveSession();
    const templateId = await liveCoupon(id, { name: '限量券', discountAmount: 500, totalQuota: 3 });
    await admin('POST', `/${id}/coupons/${templateId}/release`);
    const viewers = await Promise.all(Array.from({ length: 6 }, () => t.signUp()));
    const answers = await Promise.all(viewers.map((v) => t.request({ method: 'POST', url: `/api/v1/live/sessions/${id}/coupons/${templateId}/claim`, as: v })));
    expect(answers.filter((a) => a.statusCode === 201)).toHaveLength(3);
    expect(answers.filter((a) => a.statusCode !== 201).map((a) => a.data.error.code)).toEqual(['COUPONS_SOLD_OUT', 'COUPONS_SOLD_OUT', 'COUPONS_SOLD_OUT']);
    expect((await admin('GET', `/${id}/record`)).data.claims).toBe(3);
  });
});

describe('the record', () => {
  it('attributes orders from the buy button and from live share links, and GMV once paid', async () => {
    const { id, productId, skuId } = await liveSession();
    const templateId = await liveCoupon(id);
    await admin('POST', `/${id}/coupons/${templateId}/release`);
    const viewer = await t.signUp();
    const claimed = await t.request({ method: 'POST', url: `/api/v1/live/sessions/${id}/coupons/${templateId}/claim`, as: viewer });
    expect((await t.request({ method: 'POST', url: `/api/v1/live/sessions/${id}/buy`, as: viewer, body: { productId } })).statusCode).toBe(200);
    const order = await t.request({ method: 'POST', url: '/api/v1/orders', as: viewer, body: { items: [{ skuId, quantity: 1 }], addressId: await addressOf(t, viewer), couponIds: [claimed.data.couponId] } });
    expect(order.statusCode, order.body).toBe(201);
    expect(order.data.total.amount).toBeLessThan(9900);
    await t.settle();
    expect((await admin('GET', `/${id}/record`)).data).toMatchObject({ ordersPlaced: 1, ordersPaid: 0, gmvAmount: 0, fromRoom: 1 });
    await payOrder(t, viewer, order.data.id);

    // A friend arrives through the viewer's live share link and buys.
    const share = await t.request({ method: 'POST', url: '/api/v1/shares', as: viewer, body: { target: { type: 'live', id }, channel: 'wechat' } });
    const friend = await t.signUp();
    await t.request({ method: 'GET', url: `/s/${share.data.token}`, as: friend });
    await t.settle();
    const friendOrder = await placeOrder(t, friend, await addressOf(t, friend), [{ skuId, quantity: 2 }]);
    await t.settle();
    await payOrder(t, friend, friendOrder.id);

    const record = await admin('GET', `/${id}/record`);
    expect(record.data).toMatchObject({ claims: 1, ordersPlaced: 2, ordersPaid: 2, fromRoom: 1, fromShares: 1, gmvAmount: order.data.total.amount + friendOrder.total.amount });
    // An order without the room is not the room's.
    const other = await t.signUp();
    await placeOrder(t, other, await addressOf(t, other), [{ skuId, quantity: 1 }]);
    await t.settle();
    expect((await admin('GET', `/${id}/record`)).data.ordersPlaced).toBe(2);
  });
});
