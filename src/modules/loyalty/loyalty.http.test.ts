import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { payOrder, placeOrder, sellableSku, shopperWithAddress } from '../../../test/fixtures.ts';
import { publishEvent, type OutboxEvent } from '../../platform/events.ts';

let t: TestContext;
let op: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  op = await t.operator();
});
afterAll(() => t?.close());

const points = async (user: TestUser) => {
  const res = await t.request({ method: 'GET', url: '/api/v1/me/points?limit=100', as: user });
  expect(res.statusCode).toBe(200);
  return res.data;
};

/** The balance is the sum of the ledger and of the unspent lots, and never negative. */
async function expectLedgerInStep(userId: string) {
  const db = t.platform.db;
  const account = await db.selectFrom('loyalty_accounts').selectAll().where('user_id', '=', userId).executeTakeFirstOrThrow();
  const entries = await db.selectFrom('points_entries').select([sql<number>`coalesce(sum(delta),0)::bigint`.as('d'), sql<number>`coalesce(sum(growth_delta),0)::bigint`.as('g')]).where('user_id', '=', userId).executeTakeFirstOrThrow();
  const lots = await db.selectFrom('points_lots').select(sql<number>`coalesce(sum(remaining),0)::bigint`.as('r')).where('user_id', '=', userId).executeTakeFirstOrThrow();
  expect(account.balance).toBeGreaterThanOrEqual(0);
  expect(Number(entries.d)).toBe(account.balance);
  expect(Number(lots.r)).toBe(account.balance);
  expect(Number(entries.g)).toBe(account.growth_value);
  return account;
}

async function adjust(userId: string, delta: number, reason = 'test grant') {
  const res = await t.request({ method: 'POST', url: `/api/v1/admin/loyalty/accounts/${userId}/adjustments`, as: op, body: { delta, reason } });
  expect(res.statusCode, res.body).toBe(201);
  return res.data;
}

const quote = (user: TestUser, body: Record<string, unknown>) => t.request({ method: 'POST', url: '/api/v1/checkout/quote', as: user, body });

describe('earning on payment', () => {
  it('pays points once per order even when order.paid is delivered twice; a full refund takes them back', async () => {
    const { skuId } = await sellableSku(t, { price: 12_345 });
    const { user, addressId } = await shopperWithAddress(t);
    const order = await placeOrder(t, user, addressId, [{ skuId, quantity: 1 }]);
    await payOrder(t, user, order.id);
    let mine = await points(user);
    expect(mine.balance).toBe(123);
    expect(mine.growthValue).toBe(123);
    expect(mine.ledger.items.map((e: any) => [e.reason, e.delta, e.ref])).toEqual([['order_paid', 123, order.id]]);
    expect(mine.expiring).toEqual({ points: 123, at: '2027-12-31T15:59:59.999Z' });

    // Redeliver: run the consumer again on the same event, and re-open the event for the dispatcher.
    const row = await t.platform.db.selectFrom('outbox_events').selectAll().where('type', '=', 'order.paid').where('aggregate_id', '=', order.id).executeTakeFirstOrThrow();
    const event: OutboxEvent = { id: row.id, type: row.type, aggregateId: row.aggregate_id, payload: row.payload, occurredAt: row.occurred_at };
    await t.platform.db.transaction().execute((trx) => t.services.loyalty.onOrderPaid(trx, event as any));
    await t.platform.db.transaction().execute((trx) => t.services.loyalty.onOrderPaid(trx, event as any));
    await t.platform.db.deleteFrom('outbox_consumptions').where('event_id', '=', row.id).execute();
    await t.platform.db.updateTable('outbox_events').set({ dispatched_at: null, available_at: t.clock.now() }).where('id', '=', row.id).execute();
    await t.settle();
    mine = await points(user);
    expect(mine.balance).toBe(123);
    expect(mine.ledger.items).toHaveLength(1);

    const refund = await t.request({ method: 'POST', url: `/api/v1/admin/orders/${order.id}/refunds`, as: op, body: { full: true, reason: 'customer asked' } });
    expect(refund.statusCode, refund.body).toBeLessThan(300);
    await t.settle();
    mine = await points(user);
    expect(mine.balance).toBe(0);
    expect(mine.growthValue).toBe(0);
    expect(mine.ledger.items[0]).toMatchObject({ reason: 'order_refunded', delta: -123, growthDelta: -123, shortfall: 0 });
    expect(mine.ledger.items[0].ref).toMatch(new RegExp(`^${order.id}:`));
    await expectLedgerInStep(user.id);
  });

  it('a partial refund takes back its share; points already spent are recorded as a shortfall', async () => {
    const { skuId } = await sellableSku(t, { price: 20_000 });
    const { user, addressId } = await shopperWithAddress(t);
    const order = await placeOrder(t, user, addressId, [{ skuId, quantity: 1 }]);
    await payOrder(t, user, order.id);
    expect((await points(user)).balance).toBe(200);
    await t.request({ method: 'POST', url: `/api/v1/admin/orders/${order.id}/refunds`, as: op, body: { amount: 5000, reason: 'part' } });
    await t.settle();
    let mine = await points(user);
    expect(mine.balance).toBe(150);
    expect(mine.growthValue).toBe(150);
    // Spend the rest, then refund what is left of the order: 150 points cannot be reclaimed.
    const spend = await t.request({ method: 'POST', url: '/api/v1/orders', as: user, body: { items: [{ skuId, quantity: 1 }], addressId, usePoints: 150 } });
    expect(spend.statusCode, spend.body).toBe(201);
    await t.request({ method: 'POST', url: `/api/v1/admin/orders/${order.id}/refunds`, as: op, body: { full: true, reason: 'rest' } });
    await t.settle();
    mine = await points(user);
    expect(mine.balance).toBe(0);
    expect(mine.growthValue).toBe(0);
    expect(mine.ledger.items[0]).toMatchObject({ reason: 'order_refunded', delta: 0, shortfall: 150 });
    await expectLedgerInStep(user.id);
  });
});

describe('points at checkout', () => {
  it('a quote shows the POINTS line; the order spends them; cancelling brings them back with their expiry', async () => {
    const { skuId } = await sellableSku(t, { price: 5000 });
    const { user, addressId } = await shopperWithAddress(t);
    await adjust(user.id, 1000);
    const q = await quote(user, { items: [{ skuId, quantity: 1 }], usePoints: 500 });
    expect(q.statusCode, q.body).toBe(200);
    expect(q.data.adjustments.find((a: any) => a.step === 'points')).toMatchObject({ code: 'POINTS', label: '积分抵扣 500', amount: { amount: -500, currency: 'CNY' }, ref: '500' });
    expect(q.data.total.amount).toBe(5000 - 500 + 1000);

    const res = await t.request({ method: 'POST', url: '/api/v1/orders', as: user, body: { items: [{ skuId, quantity: 1 }], addressId, usePoints: 500 } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.data.total.amount).toBe(5500);
    expect(res.data.adjustments.map((a: any) => a.code)).toContain('POINTS');
    let mine = await points(user);
    expect(mine.balance).toBe(500);
    expect(mine.ledger.items[0]).toMatchObject({ reason: 'redeemed', delta: -500, ref: res.data.id });

    const cancelled = await t.request({ method: 'POST', url: `/api/v1/orders/${res.data.id}/cancel`, as: user });
    expect(cancelled.statusCode).toBe(200);
    await t.settle();
    mine = await points(user);
    expect(mine.balance).toBe(1000);
    expect(mine.ledger.items[0]).toMatchObject({ reason: 'redeem_returned', delta: 500, ref: res.data.id, expiresAt: '2027-12-31T15:59:59.999Z' });
    await expectLedgerInStep(user.id);
  });

  it('caps the deduction at the share of the goods and asks no more than the cap', async () => {
    const { skuId } = await sellableSku(t, { price: 1000 });
    const { user } = await shopperWithAddress(t);
    await adjust(user.id, 2000);
    const q = await quote(user, { items: [{ skuId, quantity: 1 }], usePoints: 2000 });
    expect(q.data.adjustments.find((a: any) => a.step === 'points')).toMatchObject({ label: '积分抵扣 500', amount: { amount: -500, currency: 'CNY' } });
  });

  it('asking for more points than the balance is 422 and writes no order', async () => {
    const { skuId } = await sellableSku(t, { price: 5000 });
    const { user, addressId } = await shopperWithAddress(t);
    await adjust(user.id, 100);
    const q = await quote(user, { items: [{ skuId, quantity: 1 }], usePoints: 101 });
    expect(q.statusCode).toBe(422);
    expect(q.data.error.code).toBe('LOYALTY_POINTS_INSUFFICIENT');
    const res = await t.request({ method: 'POST', url: '/api/v1/orders', as: user, body: { items: [{ skuId, quantity: 1 }], addressId, usePoints: 101 } });
    expect(res.statusCode).toBe(422);
    expect(res.data.error.code).toBe('LOYALTY_POINTS_INSUFFICIENT');
    expect((await t.platform.db.selectFrom('orders').select('id').where('user_id', '=', user.id).execute())).toEqual([]);
    expect((await points(user)).balance).toBe(100);
  });

  it('a shopper with no points who asks for none is priced as before', async () => {
    const { skuId } = await sellableSku(t, { price: 2990 });
    const { user } = await shopperWithAddress(t);
    const q = await quote(user, { items: [{ skuId, quantity: 1 }], usePoints: 0 });
    expect(q.data.adjustments.map((a: any) => a.code)).toEqual(['SHIPPING_FLAT']);
  });
});

describe('daily check-in', () => {
  it('once a day: a second check-in the same China-time day is 409', async () => {
    const user = await t.signUp();
    const first = await t.request({ method: 'POST', url: '/api/v1/me/checkins', as: user });
    expect(first.statusCode).toBe(201);
    expect(first.data).toMatchObject({ streak: 1, points: 10, bonusPoints: 0, balance: 10 });
    const again = await t.request({ method: 'POST', url: '/api/v1/me/checkins', as: user });
    expect(again.statusCode).toBe(409);
    expect(again.data.error.code).toBe('LOYALTY_ALREADY_CHECKED_IN');
    const state = await t.request({ method: 'GET', url: '/api/v1/me/checkins', as: user });
    expect(state.data).toMatchObject({ streak: 1, checkedInToday: true, days: [first.data.date], bonusEvery: 7, nextBonusIn: 6 });
    expect((await t.request({ method: 'POST', url: '/api/v1/me/checkins' })).statusCode).toBe(401);
  });

  it('seven days in a row earn the streak bonus on day seven; a missed day starts again', async () => {
    const user = await t.signUp();
    const results = [];
    for (let day = 1; day <= 7; day++) {
      const res = await t.request({ method: 'POST', url: '/api/v1/me/checkins', as: user });
      expect(res.statusCode).toBe(201);
      results.push(res.data);
      t.clock.advance(86_400_000);
    }
    expect(results.map((r) => r.streak)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(results.map((r) => r.bonusPoints)).toEqual([0, 0, 0, 0, 0, 0, 50]);
    expect(results[6].balance).toBe(7 * 10 + 50);
    t.clock.advance(86_400_000); // skip a day
    const state = await t.request({ method: 'GET', url: '/api/v1/me/checkins', as: user });
    expect(state.data).toMatchObject({ streak: 0, checkedInToday: false });
    const restarted = await t.request({ method: 'POST', url: '/api/v1/me/checkins', as: user });
    expect(restarted.data).toMatchObject({ streak: 1, bonusPoints: 0 });
    const ledger = (await points(user)).ledger.items;
    expect(ledger.filter((e: any) => e.reason === 'checkin_streak')).toHaveLength(1);
    await expectLedgerInStep(user.id);
  });
});

describe('share clicks', () => {
  // A share.clicked as sharing publishes it; the test varies who clicked and how.
  const click = async (facts: { shareId: string; sharerId: string; visitorId: string; userId: string | null; isNewVisitor: boolean; selfClick: boolean }) => {
    const payload = { ...facts, rootShareId: facts.shareId, campaignId: null, targetType: 'product', targetId: 'p1', channel: 'wechat' };
    await publishEvent(t.platform.db, t.clock.now(), 'share.clicked', facts.shareId, payload);
    await t.settle();
  };

  it('a new visitor from someone else\'s share earns the sharer points, once per visitor, within the daily cap', async () => {
    const sharer = await t.signUp();
    await t.platform.settings.set('sharing.shareClickDailyCap', 12, t.clock.now());
    try {
      const share = '11111111-1111-4111-8111-' + sharer.id.slice(-12);
      await click({ shareId: share, sharerId: sharer.id, visitorId: 'v1', userId: null, isNewVisitor: true, selfClick: false });
      await click({ shareId: share, sharerId: sharer.id, visitorId: 'v1', userId: null, isNewVisitor: true, selfClick: false }); // same visitor again
      await click({ shareId: share, sharerId: sharer.id, visitorId: 'v2', userId: null, isNewVisitor: false, selfClick: false }); // not new
      await click({ shareId: share, sharerId: sharer.id, visitorId: 'v3', userId: null, isNewVisitor: true, selfClick: true }); // the sharer
      expect((await points(sharer)).balance).toBe(5);
      await click({ shareId: share, sharerId: sharer.id, visitorId: 'v4', userId: null, isNewVisitor: true, selfClick: false });
      await click({ shareId: share, sharerId: sharer.id, visitorId: 'v5', userId: null, isNewVisitor: true, selfClick: false }); // only 2 left under the cap
      await click({ shareId: share, sharerId: sharer.id, visitorId: 'v6', userId: null, isNewVisitor: true, selfClick: false }); // capped
      expect((await points(sharer)).balance).toBe(12);
      t.clock.advance(86_400_000);
      await click({ shareId: share, sharerId: sharer.id, visitorId: 'v7', userId: null, isNewVisitor: true, selfClick: false });
      expect((await points(sharer)).balance).toBe(17);
      await expectLedgerInStep(sharer.id);
    } finally {
      await t.platform.settings.set('sharing.shareClickDailyCap', 50, t.clock.now());
    }
  });
});

describe('share clicks through a real share link', () => {
  it('a new visitor opening the link earns the sharer points; the sharer opening it earns nothing', async () => {
    const { productId } = await sellableSku(t);
    const sharer = await t.signUp();
    const created = await t.request({ method: 'POST', url: '/api/v1/shares', as: sharer, body: { target: { type: 'product', id: productId }, channel: 'wechat' } });
    expect(created.statusCode, created.body).toBe(201);
    expect((await t.request({ method: 'GET', url: `/s/${created.data.token}` })).statusCode).toBe(302);
    expect((await t.request({ method: 'GET', url: `/s/${created.data.token}`, as: sharer })).statusCode).toBe(302);
    await t.settle();
    const mine = await points(sharer);
    expect(mine.balance).toBe(5);
    expect(mine.ledger.items.map((e: any) => e.reason)).toEqual(['share_click']);
  });
});

describe('tiers', () => {
  it('growth crossing 5000 makes the member 黄金会员: the next quote has the tier discount and free shipping', async () => {
    const { skuId: big } = await sellableSku(t, { price: 250_000 });
    const { skuId: small } = await sellableSku(t, { price: 2990 });
    const { user, addressId } = await shopperWithAddress(t);
    const before = await quote(user, { items: [{ skuId: small, quantity: 1 }] });
    expect(before.data.shipping.amount).toBe(1000);
    const order = await placeOrder(t, user, addressId, [{ skuId: big, quantity: 2 }]);
    await payOrder(t, user, order.id);
    const mine = await points(user);
    expect(mine.growthValue).toBe(5000);
    expect(mine.tier).toMatchObject({ code: 'gold', name: '黄金会员' });
    expect(mine.nextTier).toMatchObject({ code: 'platinum', growthNeeded: 15_000 });
    const changed = await t.platform.db.selectFrom('outbox_events').select('payload').where('type', '=', 'loyalty.tier_changed').where('aggregate_id', '=', user.id).execute();
    expect(changed.map((c) => c.payload)).toEqual([{ userId: user.id, from: 'normal', to: 'gold', growthValue: 5000 }]);

    const after = await quote(user, { items: [{ skuId: small, quantity: 1 }] });
    expect(after.data.adjustments.map((a: any) => [a.code, a.label, a.amount.amount])).toEqual([
      ['TIER_DISCOUNT', '黄金会员 99折', -29],
      ['TIER_FREE_SHIPPING', '黄金会员 包邮', 0],
      ['SHIPPING_FREE', 'free shipping benefit', 0],
    ]);
    expect(after.data.total.amount).toBe(2990 - 29);
  });

  it('lists tiers publicly; operators change them and members are re-tiered', async () => {
    const pub = await t.request({ method: 'GET', url: '/api/v1/loyalty/tiers' });
    expect(pub.statusCode).toBe(200);
    expect(pub.data.map((x: any) => [x.code, x.name, x.minGrowth, x.discountBp, x.freeShipping])).toEqual([
      ['normal', '普通会员', 0, 10_000, false],
      ['silver', '白银会员', 1000, 10_000, false],
      ['gold', '黄金会员', 5000, 9900, true],
      ['platinum', '铂金会员', 20_000, 9700, true],
    ]);
    const user = await t.signUp();
    await adjust(user.id, 10); // an account with no growth
    const shopperTry = await t.request({ method: 'PUT', url: '/api/v1/admin/loyalty/tiers/silver', as: user, body: { name: '白银会员', nameEn: 'Silver', minGrowth: 0, discountBp: 9950, freeShipping: false, sort: 2 } });
    expect(shopperTry.statusCode).toBe(403);
    const clash = await t.request({ method: 'PUT', url: '/api/v1/admin/loyalty/tiers/silver', as: op, body: { name: '白银会员', nameEn: 'Silver', minGrowth: 0, discountBp: 9950, freeShipping: false, sort: 2 } });
    expect(clash.statusCode).toBe(409);
    expect(clash.data.error.code).toBe('LOYALTY_TIER_GROWTH_TAKEN');
    const noBase = await t.request({ method: 'PUT', url: '/api/v1/admin/loyalty/tiers/normal', as: op, body: { name: '普通会员', nameEn: 'Member', minGrowth: 10, discountBp: 10_000, freeShipping: false, sort: 1 } });
    expect(noBase.statusCode).toBe(422);
    expect(noBase.data.error.code).toBe('LOYALTY_TIER_BASE_REQUIRED');
    const bad = await t.request({ method: 'PUT', url: '/api/v1/admin/loyalty/tiers/silver', as: op, body: { name: '白银会员', nameEn: 'Silver', minGrowth: '1000', discountBp: 9950, freeShipping: false, sort: 2 } });
    expect(bad.statusCode).toBe(400);

    const saved = await t.request({ method: 'PUT', url: '/api/v1/admin/loyalty/tiers/gold', as: op, body: { name: '黄金会员', nameEn: 'Gold', minGrowth: 6000, discountBp: 9900, freeShipping: true, sort: 3 } });
    expect(saved.statusCode, saved.body).toBe(200);
    const goldMembers = await t.platform.db.selectFrom('loyalty_accounts').select('tier_code').where('growth_value', '>=', 5000).where('growth_value', '<', 6000).execute();
    expect(goldMembers.every((m) => m.tier_code === 'silver')).toBe(true);
    const restored = await t.request({ method: 'PUT', url: '/api/v1/admin/loyalty/tiers/gold', as: op, body: { name: '黄金会员', nameEn: 'Gold', minGrowth: 5000, discountBp: 9900, freeShipping: true, sort: 3 } });
    expect(restored.statusCode).toBe(200);
    const audit = await t.platform.db.selectFrom('audit_log').select('action').where('subject_type', '=', 'loyalty_tier').execute();
    expect(audit.length).toBeGreaterThanOrEqual(2);
  });
});

describe('operator adjustments', () => {
  it('adds and removes points with an audit record; removing more than the balance is refused', async () => {
    const user = await t.signUp();
    const added = await adjust(user.id, 300, 'goodwill');
    expect(added.balance).toBe(300);
    const removed = await adjust(user.id, -100, 'mistake');
    expect(removed.balance).toBe(200);
    const tooMuch = await t.request({ method: 'POST', url: `/api/v1/admin/loyalty/accounts/${user.id}/adjustments`, as: op, body: { delta: -201, reason: 'x' } });
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.data.error.code).toBe('LOYALTY_POINTS_INSUFFICIENT');
    const account = await t.request({ method: 'GET', url: `/api/v1/admin/loyalty/accounts/${user.id}`, as: op });
    expect(account.data.balance).toBe(200);
    expect(account.data.ledger.items.map((e: any) => [e.reason, e.delta, e.note])).toEqual([['adjustment', -100, 'mistake'], ['adjustment', 300, 'goodwill']]);
    const audits = await t.platform.db.selectFrom('audit_log').select(['action', 'actor_id']).where('subject_id', '=', user.id).where('action', '=', 'loyalty.points_adjusted').execute();
    expect(audits).toEqual([{ action: 'loyalty.points_adjusted', actor_id: op.id }, { action: 'loyalty.points_adjusted', actor_id: op.id }]);
    await expectLedgerInStep(user.id);
  });

  it('refuses bad input and strangers', async () => {
    const user = await t.signUp();
    const url = `/api/v1/admin/loyalty/accounts/${user.id}/adjustments`;
    for (const body of [{ delta: 0, reason: 'x' }, { delta: '5', reason: 'x' }, { delta: 5 }, { delta: 5, reason: 'x', extra: 1 }, { delta: 1e12, reason: 'x' }]) {
      const res = await t.request({ method: 'POST', url, as: op, body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await t.request({ method: 'POST', url, as: user, body: { delta: 5, reason: 'x' } })).statusCode).toBe(403);
    const ghost = await t.request({ method: 'POST', url: '/api/v1/admin/loyalty/accounts/00000000-0000-4000-8000-000000000000/adjustments', as: op, body: { delta: 5, reason: 'x' } });
    expect(ghost.statusCode).toBe(404);
    expect((await points(user)).balance).toBe(0);
  });

  it('pages the ledger with a cursor', async () => {
    const user = await t.signUp();
    for (let i = 1; i <= 5; i++) await adjust(user.id, i);
    const first = await t.request({ method: 'GET', url: '/api/v1/me/points?limit=2', as: user });
    expect(first.data.ledger.items.map((e: any) => e.delta)).toEqual([5, 4]);
    const second = await t.request({ method: 'GET', url: `/api/v1/me/points?limit=2&cursor=${first.data.ledger.nextCursor}`, as: user });
    expect(second.data.ledger.items.map((e: any) => e.delta)).toEqual([3, 2]);
    const third = await t.request({ method: 'GET', url: `/api/v1/me/points?limit=2&cursor=${second.data.ledger.nextCursor}`, as: user });
    expect(third.data.ledger.items.map((e: any) => e.delta)).toEqual([1]);
    expect(third.data.ledger.nextCursor).toBeNull();
  });
});

// Last: moves the clock into 2028.
describe('expiry', () => {
  const signIn = async (user: TestUser) => {
    const res = await t.request({ method: 'POST', url: '/api/v1/auth/login', body: { login: user.email, password: 'fission2026', session: 'bearer' } });
    expect(res.statusCode).toBe(200);
    return { token: res.data.token, headers: { authorization: `Bearer ${res.data.token}` } };
  };

  it('points earned in 2026 (expiryYears 1) are spendable on 2027-12-31 and gone on 2028-01-01 after the job runs', async () => {
    const { skuId } = await sellableSku(t, { price: 5000 });
    const { user, addressId } = await shopperWithAddress(t);
    await adjust(user.id, 300);
    expect((await points(user)).expiring).toEqual({ points: 300, at: '2027-12-31T15:59:59.999Z' });

    t.clock.set('2027-12-31T15:00:00.000Z'); // 23:00 on 31 Dec in China
    await t.settle();
    Object.assign(user, await signIn(user)); // the 2026 session has lapsed
    expect((await points(user)).balance).toBe(300);
    const spend = await t.request({ method: 'POST', url: '/api/v1/orders', as: user, body: { items: [{ skuId, quantity: 1 }], addressId, usePoints: 100 } });
    expect(spend.statusCode, spend.body).toBe(201);
    expect((await points(user)).balance).toBe(200);

    t.clock.set('2027-12-31T16:01:00.000Z'); // 00:01 on 1 Jan: expired, the sweep has not run
    expect((await points(user)).balance).toBe(0);
    const refused = await quote(user, { items: [{ skuId, quantity: 1 }], usePoints: 1 });
    expect(refused.data.error.code).toBe('LOYALTY_POINTS_INSUFFICIENT');

    t.clock.set('2027-12-31T16:10:00.000Z'); // 00:10: the 00:05 sweep is due; the unpaid order times out too
    await t.settle();
    const mine = await points(user);
    expect(mine.ledger.items.find((e: any) => e.reason === 'expired')).toMatchObject({ delta: -200 });
    // The cancelled order's 100 points come back; their own expiry has passed, so they get a fresh one.
    expect(mine.ledger.items.find((e: any) => e.reason === 'redeem_returned')).toMatchObject({ delta: 100, expiresAt: '2029-12-31T15:59:59.999Z' });
    expect(mine.balance).toBe(100);
    await expectLedgerInStep(user.id);
    const job = await t.platform.db.selectFrom('jobs').select(['status', 'run_at']).where('dedupe_key', '=', 'loyalty-expire:2028-01-01').executeTakeFirstOrThrow();
    expect(job).toEqual({ status: 'done', run_at: new Date('2027-12-31T16:05:00.000Z') });
  });
});
