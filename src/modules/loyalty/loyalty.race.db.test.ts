// Races on the points balance (real concurrency on PostgreSQL; serialised on PGlite).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { sellableSku, shopperWithAddress } from '../../../test/fixtures.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t?.close());

describe('points races', () => {
  it('20 concurrent orders each spending the same 1,000 points: exactly one succeeds and the balance never goes negative', async () => {
    const { user, addressId } = await shopperWithAddress(t);
    const op = await t.operator();
    const granted = await t.request({ method: 'POST', url: `/api/v1/admin/loyalty/accounts/${user.id}/adjustments`, as: op, body: { delta: 1000, reason: 'race' } });
    expect(granted.statusCode).toBe(201);
    // Different SKUs, so the orders do not already queue behind one stock row.
    const skus = await Promise.all(Array.from({ length: 20 }, () => sellableSku(t, { price: 5000 })));
    const results = await Promise.all(
      skus.map(({ skuId }) => t.request({ method: 'POST', url: '/api/v1/orders', as: user, body: { items: [{ skuId, quantity: 1 }], addressId, usePoints: 1000 } })),
    );
    const created = results.filter((r) => r.statusCode === 201);
    const refused = results.filter((r) => r.statusCode === 422);
    expect(created).toHaveLength(1);
    expect(refused).toHaveLength(19);
    expect(new Set(refused.map((r) => r.data.error.code))).toEqual(new Set(['LOYALTY_POINTS_INSUFFICIENT']));
    const account = await t.platform.db.selectFrom('loyalty_accounts').selectAll().where('user_id', '=', user.id).executeTakeFirstOrThrow();
    expect(account.balance).toBe(0);
    const orders = await t.platform.db.selectFrom('orders').select('id').where('user_id', '=', user.id).execute();
    expect(orders.map((o) => o.id)).toEqual([created[0].data.id]);
    const redeemed = await t.platform.db.selectFrom('points_entries').select(['delta', 'ref']).where('user_id', '=', user.id).where('reason', '=', 'redeemed').execute();
    expect(redeemed).toEqual([{ delta: -1000, ref: created[0].data.id }]);
    const lots = await t.platform.db.selectFrom('points_lots').select(sql<number>`sum(remaining)::bigint`.as('r')).where('user_id', '=', user.id).executeTakeFirstOrThrow();
    expect(Number(lots.r)).toBe(0);
  });

  it('concurrent check-ins on one day pay once', async () => {
    const user = await t.signUp();
    const results = await Promise.all(Array.from({ length: 10 }, () => t.request({ method: 'POST', url: '/api/v1/me/checkins', as: user })));
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 409)).toHaveLength(9);
    const account = await t.platform.db.selectFrom('loyalty_accounts').select('balance').where('user_id', '=', user.id).executeTakeFirstOrThrow();
    expect(account.balance).toBe(10);
  });

  it('concurrent share clicks from new visitors never pay past the daily cap', async () => {
    const sharer = await t.signUp();
    const { publishEvent } = await import('../../platform/events.ts');
    for (let i = 0; i < 30; i++) {
      await publishEvent(t.platform.db, t.clock.now(), 'share.clicked', 'share-race', { shareId: 'share-race', rootShareId: 'share-race', campaignId: null, targetType: 'product', targetId: 'p1', channel: 'wechat', sharerId: sharer.id, visitorId: `visitor-${i}`, userId: null, isNewVisitor: true, selfClick: false });
    }
    // Several dispatchers at once, as with several processes.
    await Promise.all(Array.from({ length: 4 }, () => t.platform.events.dispatchPending(8)));
    await t.settle();
    const account = await t.platform.db.selectFrom('loyalty_accounts').select('balance').where('user_id', '=', sharer.id).executeTakeFirstOrThrow();
    expect(account.balance).toBe(50);
  });
});
