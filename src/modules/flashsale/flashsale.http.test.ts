// Flash sale over HTTP, on the Postgres gate always and on the Redis gate when REDIS_URL is set:
// the stampede (2,000 attempts, 500 shoppers, 50 units), fast rejection once sold out, unpaid
// orders returning their unit, slot states, operator routes, bad input, and the Redis rebuild.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { sellableSku, shopperWithAddress } from '../../../test/fixtures.ts';
import { redisKeys } from './flashsale.gate.ts';
import { signPurchaseToken } from './flashsale.token.ts';

const HOUR = 3_600_000;

/** The purchase token the slot listing would give this shopper (flashsale.token.http.test.ts covers the listing's). */
const tokenHeader = (t: TestContext, slotId: string, user: TestUser) => ({ 'x-purchase-token': signPurchaseToken(t.platform.secret, slotId, user.id, t.clock.now()) });

/** Many shoppers quickly: one bulk import, one shared password hash, a bearer session each. */
async function bulkShoppers(t: TestContext, n: number): Promise<{ user: TestUser; addressId: string }[]> {
  const hash = await t.services.identity.hashPassword('fission2026');
  const now = t.clock.now();
  const rows = Array.from({ length: n }, (_, i) => ({ id: randomUUID(), email: `fs-${i}-${randomUUID().slice(0, 8)}@example.com`, phone: null, passwordHash: hash, displayName: `抢购者 ${i}`, roles: ['shopper' as const], createdAt: now }));
  await t.services.identity.importUsers(rows);
  const addresses = rows.map((r) => ({ id: randomUUID(), userId: r.id, recipient: '王芳', phone: '13900139000', province: '浙江省', city: '杭州市', district: '西湖区', line1: '文三路 1 号', isDefault: true, createdAt: now }));
  await t.services.identity.importAddresses(addresses);
  const out: { user: TestUser; addressId: string }[] = [];
  for (let i = 0; i < rows.length; i += 50) {
    const batch = rows.slice(i, i + 50);
    const sessions = await Promise.all(batch.map((r) => t.services.identity.openSession(r.id, 'bearer')));
    batch.forEach((r, j) => out.push({ user: { id: r.id, email: r.email, token: sessions[j].token, headers: { authorization: `Bearer ${sessions[j].token}` } }, addressId: addresses[i + j].id }));
  }
  return out;
}

function scenarios(label: string, overrides: Parameters<typeof createTestContext>[0]) {
  describe(`flash sale over HTTP (${label})`, () => {
    let t: TestContext;
    let op: TestUser;
    beforeAll(async () => {
      t = await createTestContext(overrides);
      op = await t.operator();
    });
    afterAll(() => t?.close());

    async function liveSlot(items: { stock: number; perUserLimit?: number; price?: number; flash?: number }[], window: { startsInMs?: number; lengthMs?: number } = {}) {
      const skus = await Promise.all(items.map((i) => sellableSku(t, { price: i.price ?? 5990, stock: 0 })));
      const now = t.clock.now().getTime();
      const start = now + (window.startsInMs ?? -60_000);
      const res = await t.request({
        method: 'POST',
        url: '/api/v1/admin/flashsale/slots',
        as: op,
        body: { name: `测试场 ${randomUUID().slice(0, 6)}`, startsAt: new Date(start).toISOString(), endsAt: new Date(start + (window.lengthMs ?? 2 * HOUR)).toISOString(), items: items.map((i, k) => ({ skuId: skus[k].skuId, flashPrice: { amount: i.flash ?? 990 }, stock: i.stock, perUserLimit: i.perUserLimit ?? 1 })) },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.data as { id: string; items: { id: string; skuId: string }[] };
    }

    const buy = (slotId: string, itemId: string, s: { user: TestUser; addressId: string }, extra: Record<string, unknown> = {}) =>
      t.request({ method: 'POST', url: `/api/v1/flashsale/slots/${slotId}/items/${itemId}/purchase`, as: s.user, body: { addressId: s.addressId, ...extra }, headers: tokenHeader(t, slotId, s.user) });

    const ordersCount = async () => Number((await sql<{ n: string }>`select count(*) as n from orders`.execute(t.platform.db)).rows[0].n);

    it('2,000 concurrent attempts from 500 shoppers for 50 units: exactly 50 orders, none twice, the rest refused', async () => {
      const shoppers = await bulkShoppers(t, 500);
      const slot = await liveSlot([{ stock: 50, perUserLimit: 1 }]);
      const item = slot.items[0];
      const attempts = Array.from({ length: 2000 }, (_, i) => shoppers[i % 500]);
      const results = await Promise.all(attempts.map((s) => buy(slot.id, item.id, s)));
      const created = results.filter((r) => r.statusCode === 201);
      expect(created).toHaveLength(50);
      for (const r of results) {
        if (r.statusCode !== 201) {
          expect(r.statusCode, r.body).toBe(409);
          expect(['FLASHSALE_SOLD_OUT', 'FLASHSALE_LIMIT_REACHED']).toContain(r.data.error.code);
        }
      }
      for (const r of created) {
        expect(r.data.kind).toBe('flashsale');
        expect(r.data.lines[0].unitPrice.amount).toBe(990);
      }
      const rows = await t.platform.db.selectFrom('flashsale_purchases').select(['user_id', 'order_id']).where('item_id', '=', item.id).execute();
      expect(rows).toHaveLength(50);
      expect(new Set(rows.map((r) => r.user_id)).size).toBe(50);
      const orders = await t.platform.db.selectFrom('orders').select(['user_id']).where('id', 'in', rows.map((r) => r.order_id)).where('kind', '=', 'flashsale').execute();
      expect(orders).toHaveLength(50);
      const stored = await t.platform.db.selectFrom('flashsale_items').select(['sold', 'stock']).where('id', '=', item.id).executeTakeFirstOrThrow();
      expect(stored).toEqual({ sold: 50, stock: 50 });

      // Fast rejection: once sold out, the gate refuses without creating any order.
      const before = await ordersCount();
      const late = await Promise.all(shoppers.slice(0, 100).map((s) => buy(slot.id, item.id, s)));
      expect(late.every((r) => r.statusCode === 409)).toBe(true);
      expect(await ordersCount()).toBe(before);

      const admin = await t.request({ method: 'GET', url: `/api/v1/admin/flashsale/slots/${slot.id}`, as: op });
      expect(admin.data.items[0]).toMatchObject({ sold: 50, remaining: 0, soldOut: true, buyers: 50 });
      expect(admin.data.state).toBe('live');
    }, 180_000);

    it('an unpaid flash order is cancelled after the payment window and its unit returns, once', async () => {
      const slot = await liveSlot([{ stock: 1 }]);
      const item = slot.items[0];
      const [a, b] = [await shopperWithAddress(t), await shopperWithAddress(t)];
      const first = await buy(slot.id, item.id, a);
      expect(first.statusCode, first.body).toBe(201);
      expect(new Date(first.data.expiresAt).getTime() - t.clock.now().getTime()).toBe(5 * 60_000);
      expect((await buy(slot.id, item.id, b)).data.error.code).toBe('FLASHSALE_SOLD_OUT');
      expect((await buy(slot.id, item.id, a)).statusCode).toBe(409);

      t.clock.advance(6 * 60_000);
      await t.settle();
      const order = await t.request({ method: 'GET', url: `/api/v1/orders/${first.data.id}`, as: a.user });
      expect(order.data.status).toBe('cancelled');
      const listed = await t.request({ method: 'GET', url: '/api/v1/flashsale/slots?state=live', as: b.user });
      expect(listed.data.items.find((s: any) => s.id === slot.id).items[0]).toMatchObject({ remaining: 1, soldOut: false });

      // A redelivered cancellation changes nothing.
      await t.platform.db.transaction().execute((trx) => t.services.flashsale.onOrderCancelled(trx, { orderId: first.data.id, kind: 'flashsale' }));
      await t.settle();
      expect((await t.platform.db.selectFrom('flashsale_items').select('sold').where('id', '=', item.id).executeTakeFirstOrThrow()).sold).toBe(0);

      const second = await buy(slot.id, item.id, b);
      expect(second.statusCode, second.body).toBe(201);
      expect((await buy(slot.id, item.id, a)).data.error.code).toBe('FLASHSALE_SOLD_OUT');
    });

    it('once sold out, refuses before reading who asks or what they sent; a request with an Idempotency-Key still gets its own answer', async () => {
      const slot = await liveSlot([{ stock: 1 }]);
      const item = slot.items[0];
      const [a, b] = [await shopperWithAddress(t), await shopperWithAddress(t)];
      const url = `/api/v1/flashsale/slots/${slot.id}/items/${item.id}/purchase`;
      const key = `k-${randomUUID()}`;
      const keyedBuy = () => t.request({ method: 'POST', url, as: a.user, body: { addressId: a.addressId }, headers: { ...tokenHeader(t, slot.id, a.user), 'idempotency-key': key } });
      const first = await keyedBuy();
      expect(first.statusCode, first.body).toBe(201);
      // Still unknown to this process: the gate is asked, and only then is the flag set.
      expect((await t.request({ method: 'POST', url, body: { addressId: b.addressId } })).statusCode).toBe(401);
      expect((await buy(slot.id, item.id, b)).data.error.code).toBe('FLASHSALE_SOLD_OUT');
      // Known sold out: no session, no token, no body, the same refusal, and nothing written.
      const ordersBefore = await t.platform.db.selectFrom('orders').select((e) => e.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      const early = await t.request({ method: 'POST', url, body: { nonsense: true } });
      expect(early.statusCode).toBe(409);
      expect(early.data.error).toMatchObject({ code: 'FLASHSALE_SOLD_OUT', details: { itemId: item.id } });
      expect(early.headers['x-request-id']).toBeTruthy();
      expect(early.headers['x-frame-options']).toBe('DENY');
      // A key may be the retry of the order that sold it out: that one is replayed, not refused.
      const replay = await keyedBuy();
      expect(replay.statusCode, replay.body).toBe(200);
      expect(replay.data.id).toBe(first.data.id);
      const ordersAfter = await t.platform.db.selectFrom('orders').select((e) => e.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      expect(Number(ordersAfter.n)).toBe(Number(ordersBefore.n));
    });

    it('a cancelled unpaid order also frees the shopper\'s allowance', async () => {
      const slot = await liveSlot([{ stock: 5 }]);
      const item = slot.items[0];
      const a = await shopperWithAddress(t);
      const first = await buy(slot.id, item.id, a);
      expect((await buy(slot.id, item.id, a)).data.error.code).toBe('FLASHSALE_LIMIT_REACHED');
      const cancelled = await t.request({ method: 'POST', url: `/api/v1/orders/${first.data.id}/cancel`, as: a.user, body: {} });
      expect(cancelled.statusCode, cancelled.body).toBe(200);
      await t.settle();
      expect((await buy(slot.id, item.id, a)).statusCode).toBe(201);
    });

    it('lists slots by state with countdowns, and refuses purchases outside the live window', async () => {
      const live = await liveSlot([{ stock: 3 }]);
      const upcoming = await liveSlot([{ stock: 3 }], { startsInMs: HOUR });
      const shopper = await shopperWithAddress(t);
      const get = async (state: string) => (await t.request({ method: 'GET', url: `/api/v1/flashsale/slots?state=${state}`, as: shopper.user })).data.items as any[];
      const liveList = await get('live');
      expect(liveList.find((s) => s.id === live.id)).toMatchObject({ state: 'live', countdownSeconds: 2 * HOUR / 1000 - 60 });
      expect(liveList.find((s) => s.id === upcoming.id)).toBeUndefined();
      const up = (await get('upcoming')).find((s) => s.id === upcoming.id);
      expect(up).toMatchObject({ state: 'upcoming', countdownSeconds: 3600 });
      expect(up.items[0]).toMatchObject({ flashPrice: { amount: 990, currency: 'CNY' }, listPrice: { amount: 5990, currency: 'CNY' }, remaining: 3, soldOut: false });

      const early = await buy(upcoming.id, upcoming.items[0].id, shopper);
      expect(early.statusCode).toBe(422);
      expect(early.data.error.code).toBe('FLASHSALE_NOT_LIVE');

      const stopped = await t.request({ method: 'POST', url: `/api/v1/admin/flashsale/slots/${live.id}/stop`, as: op });
      expect(stopped.data.state).toBe('ended');
      expect((await buy(live.id, live.items[0].id, shopper)).data.error.code).toBe('FLASHSALE_NOT_LIVE');
      expect((await get('ended')).some((s) => s.id === live.id)).toBe(true);
      expect((await get('live')).some((s) => s.id === live.id)).toBe(false);
    });

    it('replays a retried purchase with the same Idempotency-Key instead of taking a second unit', async () => {
      const slot = await liveSlot([{ stock: 5, perUserLimit: 2 }]);
      const item = slot.items[0];
      const s = await shopperWithAddress(t);
      const send = () => t.request({ method: 'POST', url: `/api/v1/flashsale/slots/${slot.id}/items/${item.id}/purchase`, as: s.user, body: { addressId: s.addressId }, headers: { 'idempotency-key': 'fs-retry-1', ...tokenHeader(t, slot.id, s.user) } });
      const first = await send();
      const again = await send();
      expect(first.statusCode, first.body).toBe(201);
      expect(again.statusCode).toBe(200);
      expect(again.data.id).toBe(first.data.id);
      expect(await t.services.flashsale.gate.remaining(item.id)).toBe(4);
    });

    it('keeps drafts hidden until published', async () => {
      const { skuId } = await sellableSku(t, { price: 2000 });
      const now = t.clock.now().getTime();
      const res = await t.request({ method: 'POST', url: '/api/v1/admin/flashsale/slots', as: op, body: { name: '草稿场', publish: false, startsAt: new Date(now - 1000).toISOString(), endsAt: new Date(now + HOUR).toISOString(), items: [{ skuId, flashPrice: { amount: 1000 }, stock: 2 }] } });
      expect(res.data.state).toBe('draft');
      const shopper = await shopperWithAddress(t);
      expect((await buy(res.data.id, res.data.items[0].id, shopper)).data.error.code).toBe('FLASHSALE_NOT_LIVE');
      const published = await t.request({ method: 'POST', url: `/api/v1/admin/flashsale/slots/${res.data.id}/publish`, as: op });
      expect(published.data.state).toBe('live');
      expect((await buy(res.data.id, res.data.items[0].id, shopper)).statusCode).toBe(201);
    });

    it('refuses bad input and writes nothing', async () => {
      const slot = await liveSlot([{ stock: 2, perUserLimit: 2 }]);
      const item = slot.items[0];
      const s = await shopperWithAddress(t);
      const before = await ordersCount();
      for (const extra of [{ quantity: 0 }, { quantity: -1 }, { quantity: '1' }, { quantity: 100 }, { hack: true }]) {
        const r = await buy(slot.id, item.id, s, extra);
        expect(r.statusCode, JSON.stringify(extra)).toBe(400);
      }
      expect((await buy(slot.id, item.id, s, { quantity: 3 })).data.error.code).toBe('FLASHSALE_LIMIT_REACHED');
      expect((await t.request({ method: 'POST', url: `/api/v1/flashsale/slots/${slot.id}/items/${randomUUID()}/purchase`, as: s.user, body: { addressId: s.addressId }, headers: tokenHeader(t, slot.id, s.user) })).statusCode).toBe(404);
      expect((await t.request({ method: 'POST', url: `/api/v1/flashsale/slots/${slot.id}/items/${item.id}/purchase`, body: { addressId: s.addressId } })).statusCode).toBe(401);
      // Someone else's address is not yours.
      const other = await shopperWithAddress(t);
      const foreign = await buy(slot.id, item.id, { user: s.user, addressId: other.addressId });
      expect(foreign.statusCode).toBe(404);
      expect(await ordersCount()).toBe(before);
      expect(await t.services.flashsale.gate.remaining(item.id)).toBe(2); // the failed placement gave its unit back

      const { skuId } = await sellableSku(t, { price: 1000 });
      const now = t.clock.now().getTime();
      const bad = (body: Record<string, unknown>) => t.request({ method: 'POST', url: '/api/v1/admin/flashsale/slots', as: op, body: { name: '坏的', startsAt: new Date(now).toISOString(), endsAt: new Date(now + HOUR).toISOString(), items: [{ skuId, flashPrice: { amount: 500 }, stock: 1 }], ...body } });
      expect((await bad({ items: [{ skuId, flashPrice: { amount: 1000 }, stock: 1 }] })).data.error.code).toBe('FLASHSALE_PRICE_INVALID');
      expect((await bad({ endsAt: new Date(now - HOUR).toISOString() })).data.error.code).toBe('FLASHSALE_WINDOW_INVALID');
      expect((await bad({ items: [{ skuId, flashPrice: { amount: 500 }, stock: 0 }] })).statusCode).toBe(400);
      expect((await bad({ items: [] })).statusCode).toBe(400);
      expect((await t.request({ method: 'POST', url: '/api/v1/admin/flashsale/slots', as: s.user, body: {} })).statusCode).toBe(403);
    });

    it.runIf(!!overrides?.redisUrl)('rebuilds the Redis gate from Postgres after its keys are lost', async () => {
      const slot = await liveSlot([{ stock: 10, perUserLimit: 1 }]);
      const item = slot.items[0];
      const shoppers = await Promise.all([1, 2, 3].map(() => shopperWithAddress(t)));
      for (const s of shoppers) expect((await buy(slot.id, item.id, s)).statusCode).toBe(201);
      const redis = t.platform.redis!;
      const k = redisKeys('fission:flashsale:', item.id);
      await redis.del(k.stock, k.limit, k.users);
      await t.services.flashsale.rebuildGate();
      const pg = await t.platform.db.selectFrom('flashsale_items').select(['stock', 'sold']).where('id', '=', item.id).executeTakeFirstOrThrow();
      expect(await t.services.flashsale.gate.remaining(item.id)).toBe(pg.stock - pg.sold);
      expect(pg.sold).toBe(3);
      // Per-user counts came back too: a buyer is still at the limit.
      expect((await buy(slot.id, item.id, shoppers[0])).data.error.code).toBe('FLASHSALE_LIMIT_REACHED');
      // Lost again, and nobody rebuilds: the first purchase loads the item from Postgres.
      await redis.del(k.stock, k.limit, k.users);
      expect((await buy(slot.id, item.id, await shopperWithAddress(t))).statusCode).toBe(201);
      expect(await t.services.flashsale.gate.remaining(item.id)).toBe(6);
    });
  });
}

scenarios('Postgres gate', { redisUrl: undefined });

describe('flash-sale rate limits', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ rateLimits: { authPerIp: 100_000, ordersPerUser: 100_000, ordersPerIp: 100_000, flashsalePerUser: 3, flashsalePerIp: 100_000 } });
  });
  afterAll(() => t?.close());

  it('answers 429 RATE_LIMITED past the per-user limit on the purchase route', async () => {
    const s = await shopperWithAddress(t);
    const slotId = randomUUID();
    const url = `/api/v1/flashsale/slots/${slotId}/items/${randomUUID()}/purchase`;
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await t.request({ method: 'POST', url, as: s.user, body: { addressId: s.addressId }, headers: tokenHeader(t, slotId, s.user) })).statusCode);
    expect(codes).toEqual([404, 404, 404, 429]);
  });
});
if (process.env.REDIS_URL) scenarios('Redis gate', { redisUrl: process.env.REDIS_URL });
