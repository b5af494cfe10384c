import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { addressOf, payOrder, placeOrder, sellableSku } from '../../../test/fixtures.ts';
import { VISITOR_COOKIE } from '../../platform/visitor.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t?.close());

const DAY = 86_400_000;
let seq = 0;

async function share(as: TestUser, target: { type: string; id: string }, channel = 'wechat', extra: Record<string, unknown> = {}) {
  const res = await t.request({ method: 'POST', url: '/api/v1/shares', as, body: { target, channel, ...extra } });
  if (res.statusCode !== 201) throw new Error(`share: ${res.statusCode} ${res.body}`);
  return res.data;
}

/** Open a share link like a browser: with the visitor cookie it has (if any); returns the cookie it ends up with. */
async function open(token: string, opts: { visitorId?: string; as?: TestUser; query?: string } = {}) {
  const res = await t.request({ method: 'GET', url: `/s/${token}${opts.query ?? ''}`, as: opts.as, headers: opts.visitorId ? { cookie: `${VISITOR_COOKIE}=${opts.visitorId}` } : {} });
  const set = res.cookies.find((c) => c.name === VISITOR_COOKIE);
  return { res, visitorId: set?.value ?? opts.visitorId!, setCookie: set };
}

/** Sign up from a browser that carries a visitor cookie (bearer session for the rest of the test). */
async function registerFrom(visitorId: string, name = `访客${++seq}`): Promise<TestUser> {
  const email = `sharing-${seq}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const res = await t.request({ method: 'POST', url: '/api/v1/auth/register', headers: { cookie: `${VISITOR_COOKIE}=${visitorId}` }, body: { email, code: await t.registrationCode({ email }), password: 'fission2026', displayName: name, session: 'bearer' } });
  if (res.statusCode !== 201) throw new Error(`register: ${res.statusCode} ${res.body}`);
  return { id: res.data.user.id, email, token: res.data.token, headers: { authorization: `Bearer ${res.data.token}` } };
}

const countShares = async () => Number((await t.platform.db.selectFrom('shares').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const eventsOf = (type: string, aggregateId: string) => t.platform.db.selectFrom('outbox_events').selectAll().where('type', '=', type).where('aggregate_id', '=', aggregateId).execute();

describe('share links', () => {
  it('creates a share for a product; opening it records a click, sets a visitor cookie and redirects to the product', async () => {
    const { productId } = await sellableSku(t, { price: 2990 });
    const sharer = await t.signUp({ displayName: '小红' });
    const created = await share(sharer, { type: 'product', id: productId }, 'moments');
    expect(created).toMatchObject({ url: `/s/${created.token}`, posterUrl: `/api/v1/shares/${created.token}/poster.png`, parentShareId: null, rootShareId: created.id, depth: 0, target: { type: 'product', id: productId }, channel: 'moments' });
    expect(created.token).toMatch(/^[0-9A-Za-z]{10,12}$/);

    const { res, setCookie, visitorId } = await open(created.token);
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe(`/product/${productId}?s=${created.token}`);
    expect(setCookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', maxAge: 365 * 86_400 });
    expect(visitorId).toMatch(/^[A-Za-z0-9_-]{16,}$/);

    const again = await open(created.token, { visitorId, query: '?c=qr' });
    expect(again.setCookie).toBeUndefined();
    const clicks = await t.platform.db.selectFrom('share_clicks').selectAll().where('share_id', '=', created.id).orderBy('clicked_at').orderBy('id').execute();
    expect(clicks.map((c) => [c.visitor_id, c.is_new_visitor, c.self_click])).toEqual(expect.arrayContaining([[visitorId, true, false], [visitorId, false, false]]));
    expect(clicks.map((c) => c.channel).sort()).toEqual(['moments', 'qr']);

    const [event] = await eventsOf('share.created', created.id);
    expect(event.payload).toEqual({ shareId: created.id, rootShareId: created.id, parentShareId: null, sharerId: sharer.id, campaignId: null, targetType: 'product', targetId: productId, channel: 'moments', depth: 0 });
    const clicked = (await eventsOf('share.clicked', created.id)).map((e) => e.payload);
    expect(clicked).toContainEqual({ shareId: created.id, rootShareId: created.id, sharerId: sharer.id, campaignId: null, targetType: 'product', targetId: productId, channel: 'moments', visitorId, userId: null, isNewVisitor: true, selfClick: false });
  });

  it('flags the sharer opening their own link as a self-click that never attributes', async () => {
    const { productId } = await sellableSku(t);
    const sharer = await t.signUp();
    const s = await share(sharer, { type: 'product', id: productId });
    const { res } = await open(s.token, { as: sharer });
    expect(res.statusCode).toBe(302);
    const [click] = await t.platform.db.selectFrom('share_clicks').selectAll().where('share_id', '=', s.id).execute();
    expect(click).toMatchObject({ user_id: sharer.id, self_click: true, is_new_visitor: false });
    expect(await t.services.sharing.resolveShare(t.platform.db, s.token)).toMatchObject({ id: s.id, sharerId: sharer.id, targetType: 'product', targetId: productId, depth: 0, channel: 'wechat' });
  });

  it('shares an invite page', async () => {
    const inviter = await t.signUp({ displayName: '王五' });
    const s = await share(inviter, { type: 'invite', id: inviter.id }, 'link');
    expect((await open(s.token)).res.headers.location).toBe(`${await t.services.referral.inviteUrlFor(inviter.id)}?s=${s.token}`);
    expect((await open(s.token)).res.headers.location).not.toContain(inviter.id);
  });
});

describe('cascades', () => {
  it('builds a four-generation cascade through the API: each sharer arrived through the previous share', async () => {
    const { productId } = await sellableSku(t, { price: 9900 });
    const a = await t.signUp({ displayName: 'A 甲' });
    const shares = [await share(a, { type: 'product', id: productId })];
    for (const name of ['B 乙', 'C 丙', 'D 丁']) {
      const { visitorId } = await open(shares.at(-1).token);
      const user = await registerFrom(visitorId, name);
      shares.push(await share(user, { type: 'product', id: productId }, 'moments'));
    }
    expect(shares.map((s) => s.depth)).toEqual([0, 1, 2, 3]);
    expect(shares.map((s) => s.parentShareId)).toEqual([null, shares[0].id, shares[1].id, shares[2].id]);
    expect(new Set(shares.map((s) => s.rootShareId))).toEqual(new Set([shares[0].id]));
    await t.settle();

    const operator = await t.operator();
    const res = await t.request({ method: 'GET', url: `/api/v1/admin/shares/${shares[3].id}/cascade`, as: operator });
    expect(res.statusCode).toBe(200);
    expect(res.data.root.id).toBe(shares[0].id);
    expect(res.data.nodes.map((n: any) => [n.id, n.parentId, n.depth, n.sharerName])).toEqual([
      [shares[0].id, null, 0, 'A 甲'],
      [shares[1].id, shares[0].id, 1, 'B 乙'],
      [shares[2].id, shares[1].id, 2, 'C 丙'],
      [shares[3].id, shares[2].id, 3, 'D 丁'],
    ]);
    expect(res.data.nodes.map((n: any) => [n.clicks, n.signups])).toEqual([[1, 1], [1, 1], [1, 1], [0, 0]]);
    expect(res.data.stats).toEqual({ size: 4, depth: 3, maxBreadth: 1, structuralVirality: 5 / 3 });

    const roots = await t.request({ method: 'GET', url: '/api/v1/admin/shares?limit=100', as: operator });
    expect(roots.data.items.find((r: any) => r.id === shares[0].id)).toMatchObject({ size: 4, depth: 3, sharerName: 'A 甲' });
    expect(roots.data.items.some((r: any) => r.id === shares[1].id)).toBe(false);
  });

  it('a shopper sharing twice makes two children of the same parent; a share of another target starts its own tree', async () => {
    const { productId } = await sellableSku(t);
    const other = await sellableSku(t);
    const a = await t.signUp();
    const root = await share(a, { type: 'product', id: productId });
    const b = await registerFrom((await open(root.token)).visitorId);
    const first = await share(b, { type: 'product', id: productId }, 'wechat');
    const second = await share(b, { type: 'product', id: productId }, 'weibo');
    const unrelated = await share(b, { type: 'product', id: other.productId });
    expect([first.parentShareId, second.parentShareId]).toEqual([root.id, root.id]);
    expect(unrelated).toMatchObject({ parentShareId: null, depth: 0, rootShareId: unrelated.id });
    const cascade = await t.request({ method: 'GET', url: `/api/v1/admin/shares/${root.id}/cascade`, as: await t.operator() });
    expect(cascade.data.stats).toMatchObject({ size: 3, depth: 1, maxBreadth: 2 });
    expect(cascade.data.stats.structuralVirality).toBeCloseTo(4 / 3, 12);
  });

  it('a campaign share is the parent of a share of another product in the same campaign', async () => {
    const p1 = await sellableSku(t);
    const p2 = await sellableSku(t);
    const a = await t.signUp();
    const root = await share(a, { type: 'product', id: p1.productId }, 'wechat', { campaignId: 'summer-618' });
    const b = await registerFrom((await open(root.token)).visitorId);
    const child = await share(b, { type: 'product', id: p2.productId }, 'wechat', { campaignId: 'summer-618' });
    expect(child).toMatchObject({ parentShareId: root.id, depth: 1, campaignId: 'summer-618' });
  });
});

describe('attribution', () => {
  it('attributes a sign-up six days after the click, but not one eight days after', async () => {
    const { productId } = await sellableSku(t);
    const sharer = await t.signUp();
    const s = await share(sharer, { type: 'product', id: productId }, 'douyin');
    const early = (await open(s.token)).visitorId;
    const late = (await open(s.token)).visitorId;

    t.clock.advance(6 * DAY);
    const inside = await registerFrom(early);
    t.clock.advance(2 * DAY);
    const outside = await registerFrom(late);
    await t.settle();

    const attribution = await t.services.sharing.getAttribution(t.platform.db, 'customer', inside.id);
    expect(attribution).toMatchObject({ model: 'last_touch', shareId: s.id, rootShareId: s.id, sharerId: sharer.id, channel: 'douyin', userId: inside.id });
    expect(await t.services.sharing.getAttribution(t.platform.db, 'customer', outside.id)).toBeNull();
    const [event] = await eventsOf('customer.attributed', inside.id);
    expect(event.payload).toEqual({ userId: inside.id, shareId: s.id, rootShareId: s.id, sharerId: sharer.id, campaignId: null, targetType: 'product', targetId: productId, channel: 'douyin', model: 'last_touch' });
    expect(await eventsOf('customer.attributed', outside.id)).toEqual([]);
  });

  it('gives the sign-up to the last share clicked; the first share keeps first touch', async () => {
    const { productId } = await sellableSku(t);
    const x = await share(await t.signUp(), { type: 'product', id: productId }, 'weibo');
    const y = await share(await t.signUp(), { type: 'product', id: productId }, 'xiaohongshu');
    const { visitorId } = await open(x.token);
    t.clock.advance(60_000);
    await open(y.token, { visitorId });
    t.clock.advance(60_000);
    const user = await registerFrom(visitorId);
    await t.settle();
    await t.settle(); // a redelivery-safe consumer: a second pass changes nothing
    expect(await t.services.sharing.getAttribution(t.platform.db, 'customer', user.id)).toMatchObject({ shareId: y.id, channel: 'xiaohongshu' });
    expect(await t.services.sharing.getAttribution(t.platform.db, 'customer', user.id, 'first_touch')).toMatchObject({ shareId: x.id, channel: 'weibo' });
    expect(await t.platform.db.selectFrom('attributions').select('model').where('subject_id', '=', user.id).execute()).toHaveLength(2);
  });

  it('attributes an order by an attributed customer and counts its GMV once paid, less refunds', async () => {
    const { productId, skuId } = await sellableSku(t, { price: 12_000 });
    const sharer = await t.signUp();
    const s = await share(sharer, { type: 'product', id: productId }, 'wechat');
    const buyer = await registerFrom((await open(s.token)).visitorId);
    await t.settle();
    const order = await placeOrder(t, buyer, await addressOf(t, buyer), [{ skuId, quantity: 1 }]);
    await t.settle();

    const attribution = await t.services.sharing.getAttribution(t.platform.db, 'order', order.id);
    expect(attribution).toMatchObject({ shareId: s.id, sharerId: sharer.id, userId: buyer.id, orderAmount: order.total.amount, paid: false });
    const [event] = await eventsOf('order.attributed', order.id);
    expect(event.payload).toEqual({ orderId: order.id, userId: buyer.id, shareId: s.id, rootShareId: s.id, sharerId: sharer.id, campaignId: null, totalAmount: order.total.amount, model: 'last_touch' });

    const operator = await t.operator();
    const statsUrl = `/api/v1/admin/shares/stats?targetType=product&targetId=${productId}`;
    const before = await t.request({ method: 'GET', url: statsUrl, as: operator });
    expect(before.data).toMatchObject({ shares: 1, clicks: 1, uniqueVisitors: 1, newVisitors: 1, attributedSignups: 1, attributedOrders: 1, attributedPaidOrders: 0, gmv: { amount: 0, currency: 'CNY' } });

    await payOrder(t, buyer, order.id);
    const after = await t.request({ method: 'GET', url: statsUrl, as: operator });
    expect(after.data).toMatchObject({ attributedOrders: 1, attributedPaidOrders: 1, gmv: { amount: order.total.amount, currency: 'CNY' } });
    expect(after.data.byChannel).toEqual([{ channel: 'wechat', shares: 1, clicks: 1, uniqueVisitors: 1, newVisitors: 1, attributedSignups: 1, attributedOrders: 1, attributedPaidOrders: 1, gmv: { amount: order.total.amount, currency: 'CNY' } }]);

    // A partial refund reduces the GMV; a full refund takes the order out of the paid count.
    const partial = await t.request({ method: 'POST', url: `/api/v1/admin/orders/${order.id}/refunds`, as: operator, body: { amount: 2000, reason: 'scratched' } });
    expect(partial.statusCode).toBe(201);
    await t.settle();
    expect((await t.request({ method: 'GET', url: statsUrl, as: operator })).data).toMatchObject({ attributedPaidOrders: 1, gmv: { amount: order.total.amount - 2000 } });

    const mine = await t.request({ method: 'GET', url: '/api/v1/me/shares', as: sharer });
    expect(mine.data.items).toEqual([expect.objectContaining({ id: s.id, clicks: 1, visitors: 1, signups: 1, orders: 1, paidOrders: 1 })]);

    // The operator's cascade views carry the same outcomes, per cascade and per share.
    const roots = await t.request({ method: 'GET', url: '/api/v1/admin/shares?limit=100', as: operator });
    expect(roots.statusCode, roots.body.slice(0, 500)).toBe(200);
    expect(roots.data.items.find((r: { id: string }) => r.id === s.id)).toEqual(expect.objectContaining({ id: s.id, size: 1, signups: 1, orders: 1, paidOrders: 1, gmv: { amount: order.total.amount - 2000, currency: 'CNY' } }));
    const cascade = await t.request({ method: 'GET', url: `/api/v1/admin/shares/${s.id}/cascade`, as: operator });
    expect(cascade.data.nodes).toEqual([expect.objectContaining({ id: s.id, clicks: 1, visitors: 1, signups: 1, orders: 1, paidOrders: 1 })]);

    const rest = await t.request({ method: 'POST', url: `/api/v1/admin/orders/${order.id}/refunds`, as: operator, body: { full: true, reason: 'returned' } });
    expect(rest.statusCode).toBe(201);
    await t.settle();
    expect((await t.request({ method: 'GET', url: statsUrl, as: operator })).data).toMatchObject({ attributedOrders: 1, attributedPaidOrders: 0, gmv: { amount: 0 } });
  });

  it('does not attribute an order to a share the buyer made themself', async () => {
    const { productId, skuId } = await sellableSku(t);
    const buyer = await t.signUp();
    const s = await share(buyer, { type: 'product', id: productId });
    await open(s.token, { as: buyer });
    const order = await placeOrder(t, buyer, await addressOf(t, buyer), [{ skuId, quantity: 1 }]);
    await t.settle();
    expect(await t.services.sharing.getAttribution(t.platform.db, 'order', order.id)).toBeNull();
  });
});

describe('posters', () => {
  it('renders a 750×1334 PNG with the product picture', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400"><rect width="400" height="400" fill="#fde68a"/><text x="200" y="220" font-size="40" text-anchor="middle">商品</text></svg>';
    const [media] = await t.services.catalog.storeMedia(null, [{ contentType: 'image/svg+xml', bytes: Buffer.from(svg) }]);
    const category = await t.services.catalog.createCategory(null, { name: '海报测试', nameEn: 'Poster test', slug: `poster-${Date.now()}` });
    const [product] = await t.services.catalog.importProducts(null, [{ title: '海报里的<商品> & 标题', categoryId: category.id, status: 'active', images: [media.url], skus: [{ code: `POSTER-${Date.now()}`, price: { amount: 4990 }, initialStock: 5 }] }]);
    const s = await share(await t.signUp({ displayName: '海报达人' }), { type: 'product', id: product.productId });

    const res = await t.request({ method: 'GET', url: s.posterUrl });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    const png = res.rawPayload;
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([750, 1334]);
  });

  it("never builds the QR code's link on a Host or X-Forwarded-Host the client sent", async () => {
    const category = await t.services.catalog.createCategory(null, { name: '主机测试', nameEn: 'Host test', slug: `host-${Date.now()}` });
    const [product] = await t.services.catalog.importProducts(null, [{ title: '主机', categoryId: category.id, status: 'active', skus: [{ code: `HOST-${Date.now()}`, price: { amount: 990 }, initialStock: 5 }] }]);
    const s = await share(await t.signUp(), { type: 'product', id: product.productId });
    const render = vi.spyOn(t.services.sharing, 'renderPoster');
    try {
      const res = await t.request({ method: 'GET', url: s.posterUrl, headers: { host: 'evil.example', 'x-forwarded-host': 'evil2.example', 'x-forwarded-proto': 'https' } });
      expect(res.statusCode).toBe(200);
      expect(render).toHaveBeenCalledTimes(1);
      const base = render.mock.calls[0]![1];
      expect(base).not.toMatch(/evil/);
      expect(base).toBe(t.config.publicUrl ?? `http://localhost:${t.config.port}`);
    } finally {
      render.mockRestore();
    }
  });

  it('answers 404 for a poster of an unknown link', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/shares/NoSuchToken1/poster.png' });
    expect(res.statusCode).toBe(404);
    expect(res.data.error.code).toBe('SHARING_LINK_NOT_FOUND');
  });
});

describe('bad input changes nothing', () => {
  it('refuses an unknown target id with 404 and writes no share', async () => {
    const user = await t.signUp();
    const before = await countShares();
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const res = await t.request({ method: 'POST', url: '/api/v1/shares', as: user, body: { target: { type: 'product', id }, channel: 'wechat' } });
      expect(res.statusCode).toBe(404);
      expect(res.data.error.code).toBe('SHARING_TARGET_NOT_FOUND');
    }
    expect(await countShares()).toBe(before);
  });

  it.each([
    ['an unknown target type', { target: { type: 'spaceship', id: 'x' }, channel: 'wechat' }],
    ['an unknown channel', { target: { type: 'product', id: 'x' }, channel: 'fax' }],
    ['an over-long target id', { target: { type: 'product', id: 'x'.repeat(65) }, channel: 'wechat' }],
    ['an unknown field', { target: { type: 'product', id: 'x' }, channel: 'wechat', sharerId: 'me' }],
    ['a missing target', { channel: 'wechat' }],
  ])('refuses %s with 400', async (_name, body) => {
    const before = await countShares();
    const res = await t.request({ method: 'POST', url: '/api/v1/shares', as: await t.signUp(), body });
    expect(res.statusCode).toBe(400);
    expect(res.data.error.code).toBe('VALIDATION_FAILED');
    expect(await countShares()).toBe(before);
  });

  it('refuses a target type nobody has registered yet with 422', async () => {
    const res = await t.request({ method: 'POST', url: '/api/v1/shares', as: await t.signUp(), body: { target: { type: 'campaign', id: 'c1' }, channel: 'wechat' } });
    expect(res.statusCode).toBe(422);
    expect(res.data.error.code).toBe('SHARING_TARGET_UNSUPPORTED');
  });

  it('needs a signed-in sharer', async () => {
    const res = await t.request({ method: 'POST', url: '/api/v1/shares', body: { target: { type: 'product', id: 'x' }, channel: 'wechat' } });
    expect(res.statusCode).toBe(401);
  });

  it('answers 404 for an unknown or malformed link and records nothing', async () => {
    for (const token of ['Zz9Zz9Zz9Zz', 'bad!token', 'x'.repeat(60)]) {
      const res = await t.request({ method: 'GET', url: `/s/${encodeURIComponent(token)}` });
      expect(res.statusCode).toBe(404);
      expect(res.data.error.code).toBe('SHARING_LINK_NOT_FOUND');
    }
  });

  it('keeps the admin reports to operators and checks their parameters', async () => {
    const shopper = await t.signUp();
    expect((await t.request({ method: 'GET', url: '/api/v1/admin/shares/stats', as: shopper })).statusCode).toBe(403);
    const operator = await t.operator();
    expect((await t.request({ method: 'GET', url: '/api/v1/admin/shares/stats?from=yesterday', as: operator })).statusCode).toBe(400);
    expect((await t.request({ method: 'GET', url: '/api/v1/admin/shares/not-a-uuid/cascade', as: operator })).statusCode).toBe(400);
    const missing = await t.request({ method: 'GET', url: '/api/v1/admin/shares/00000000-0000-4000-8000-000000000000/cascade', as: operator });
    expect(missing.statusCode).toBe(404);
    expect(missing.data.error.code).toBe('SHARING_SHARE_NOT_FOUND');
    expect((await t.request({ method: 'GET', url: '/api/v1/admin/shares?cursor=garbage', as: operator })).data.error.code).toBe('SHARING_CURSOR_INVALID');
  });
});
