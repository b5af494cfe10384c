// The per-slot purchase token: issued with a live slot to the signed-in shopper it is for, and
// required by the purchase route; missing, forged, expired or someone else's → 403, nothing written.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { sellableSku, shopperWithAddress } from '../../../test/fixtures.ts';
import { PURCHASE_TOKEN_TTL_SECONDS, signPurchaseToken } from './flashsale.token.ts';

const HOUR = 3_600_000;
type Shopper = { user: TestUser; addressId: string };

describe('flash-sale purchase token', () => {
  let t: TestContext;
  let op: TestUser;
  let live: { id: string; items: { id: string }[] };
  let upcoming: { id: string };
  beforeAll(async () => {
    t = await createTestContext();
    op = await t.operator();
    const slot = async (startsInMs: number) => {
      const { skuId } = await sellableSku(t, { price: 5990, stock: 0 });
      const start = t.clock.now().getTime() + startsInMs;
      const res = await t.request({ method: 'POST', url: '/api/v1/admin/flashsale/slots', as: op, body: { name: `令牌场 ${randomUUID().slice(0, 6)}`, startsAt: new Date(start).toISOString(), endsAt: new Date(start + 4 * HOUR).toISOString(), items: [{ skuId, flashPrice: { amount: 990 }, stock: 10, perUserLimit: 1 }] } });
      expect(res.statusCode, res.body).toBe(201);
      return res.data;
    };
    live = await slot(-60_000);
    upcoming = await slot(HOUR);
  });
  afterAll(() => t?.close());

  const listed = async (state: 'live' | 'upcoming', as?: TestUser) => {
    const res = await t.request({ method: 'GET', url: `/api/v1/flashsale/slots?state=${state}`, as });
    expect(res.statusCode).toBe(200);
    return res.data.items as { id: string; purchaseToken?: string }[];
  };
  const tokenFor = async (s: Shopper) => (await listed('live', s.user)).find((x) => x.id === live.id)!.purchaseToken!;
  const buy = (s: Shopper, headers: Record<string, string>) =>
    t.request({ method: 'POST', url: `/api/v1/flashsale/slots/${live.id}/items/${live.items[0].id}/purchase`, as: s.user, body: { addressId: s.addressId }, headers });
  const ordersOf = async (s: Shopper) => (await t.platform.db.selectFrom('orders').select('id').where('user_id', '=', s.user.id).execute()).length;

  it('comes with a live slot listed to a signed-in shopper, never with an upcoming one or to a visitor', async () => {
    const s = await shopperWithAddress(t);
    expect(await tokenFor(s)).toMatch(/^\d+\.[A-Za-z0-9_-]{43}$/);
    expect((await listed('upcoming', s.user)).find((x) => x.id === upcoming.id)?.purchaseToken).toBeUndefined();
    expect((await listed('live')).find((x) => x.id === live.id)?.purchaseToken).toBeUndefined();
  });

  it('refuses a purchase without a token, with a forged, expired or another shopper\'s one, and writes nothing', async () => {
    const s = await shopperWithAddress(t);
    const other = await shopperWithAddress(t);
    const good = await tokenFor(s);
    const [expiry, sig] = good.split('.');
    const flipped = sig.slice(0, -2) + (sig.at(-2) === 'A' ? 'B' : 'A') + sig.at(-1);
    const cases: Record<string, Record<string, string>> = {
      missing: {},
      empty: { 'x-purchase-token': '' },
      garbage: { 'x-purchase-token': 'not-a-token' },
      forged: { 'x-purchase-token': `${expiry}.${flipped}` },
      'signed with another secret': { 'x-purchase-token': signPurchaseToken('another-secret-0123456789abcdefghijk', live.id, s.user.id, t.clock.now()) },
      'a later expiry on the old signature': { 'x-purchase-token': `${Number(expiry) + 3600}.${sig}` },
      "another shopper's": { 'x-purchase-token': await tokenFor(other) },
      "another slot's": { 'x-purchase-token': signPurchaseToken(t.platform.secret, upcoming.id, s.user.id, t.clock.now()) },
    };
    for (const [label, headers] of Object.entries(cases)) {
      const res = await buy(s, headers);
      expect(res.statusCode, label).toBe(403);
      expect(res.data.error.code, label).toBe('FLASHSALE_TOKEN_INVALID');
    }
    t.clock.advance(PURCHASE_TOKEN_TTL_SECONDS * 1000 + 1);
    const expired = await buy(s, { 'x-purchase-token': good });
    expect(expired.statusCode).toBe(403);
    expect(expired.data.error).toMatchObject({ code: 'FLASHSALE_TOKEN_INVALID', details: { reason: 'expired' } });
    expect(await ordersOf(s)).toBe(0);
    expect(await t.services.flashsale.gate.remaining(live.items[0].id)).toBe(10);
  });

  it('accepts the token the listing gave, within its validity', async () => {
    const s = await shopperWithAddress(t);
    const token = await tokenFor(s);
    t.clock.advance((PURCHASE_TOKEN_TTL_SECONDS - 10) * 1000);
    const res = await buy(s, { 'x-purchase-token': token });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.data.kind).toBe('flashsale');
    expect(await ordersOf(s)).toBe(1);
  });

  it('asks for sign-in before it looks at the token', async () => {
    const res = await t.request({ method: 'POST', url: `/api/v1/flashsale/slots/${live.id}/items/${live.items[0].id}/purchase`, body: { addressId: randomUUID() } });
    expect(res.statusCode).toBe(401);
  });
});
