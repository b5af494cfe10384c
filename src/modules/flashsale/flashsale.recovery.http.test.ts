// Flash sale after failures, on the Postgres gate always and the Redis gate when REDIS_URL is set:
// reconciliation after a crash between the gate and the order, a placement failing inside the order
// transaction, fifteen concurrent retries with one Idempotency-Key, and a full refund returning
// the unit. The crash of a real server process is flashsale.crash.db.test.ts.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { payOrder, sellableSku, shopperWithAddress } from '../../../test/fixtures.ts';
import type { CampaignPlacement } from '../orders/index.ts';
import { redisKeys, type StockGate } from './flashsale.gate.ts';
import { createFlashsaleService, RECONCILE_EVERY_MS, RECONCILE_JOB } from './flashsale.service.ts';
import { signPurchaseToken } from './flashsale.token.ts';
import { modulePlatform } from '../../platform/context.ts';
import { flashsaleTables } from './flashsale.table.ts';

const HOUR = 3_600_000;
type Shopper = { user: TestUser; addressId: string };

function scenarios(label: string, overrides: Parameters<typeof createTestContext>[0]) {
  describe(`flash sale recovery (${label})`, () => {
    let t: TestContext;
    let op: TestUser;
    beforeAll(async () => {
      t = await createTestContext(overrides);
      op = await t.operator();
    });
    afterAll(() => t?.close());

    async function liveSlot(stock: number, perUserLimit = 1) {
      const { skuId } = await sellableSku(t, { price: 5990, stock: 0 });
      const now = t.clock.now().getTime();
      const res = await t.request({
        method: 'POST',
        url: '/api/v1/admin/flashsale/slots',
        as: op,
        body: { name: `恢复场 ${randomUUID().slice(0, 6)}`, startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 2 * HOUR).toISOString(), items: [{ skuId, flashPrice: { amount: 990 }, stock, perUserLimit }] },
      });
      expect(res.statusCode, res.body).toBe(201);
      return { slotId: res.data.id as string, itemId: res.data.items[0].id as string };
    }
    const buy = (slot: { slotId: string; itemId: string }, s: Shopper, headers: Record<string, string> = {}) =>
      t.request({ method: 'POST', url: `/api/v1/flashsale/slots/${slot.slotId}/items/${slot.itemId}/purchase`, as: s.user, body: { addressId: s.addressId }, headers: { 'x-purchase-token': signPurchaseToken(t.platform.secret, slot.slotId, s.user.id, t.clock.now()), ...headers } });
    const shopperView = async (slot: { slotId: string }) => {
      const listed = await t.request({ method: 'GET', url: '/api/v1/flashsale/slots?state=live' });
      return listed.data.items.find((s: { id: string }) => s.id === slot.slotId).items[0] as { remaining: number; soldOut: boolean };
    };
    const ledgerOf = async (itemId: string) => {
      const item = await t.platform.db.selectFrom('flashsale_items').select(['stock', 'sold']).where('id', '=', itemId).executeTakeFirstOrThrow();
      const live = await t.platform.db.selectFrom('flashsale_purchases').select(['user_id', 'quantity']).where('item_id', '=', itemId).where('status', '=', 'active').execute();
      return { ...item, live: live.reduce((a, r) => a + r.quantity, 0), buyers: new Set(live.map((r) => r.user_id)).size };
    };

    it('after a crash left the gate short of Postgres, the shopper view tells the truth and reconciliation restores every unit', async () => {
      const slot = await liveSlot(10);
      const buyers = await Promise.all([1, 2, 3].map(() => shopperWithAddress(t)));
      for (const s of buyers) expect((await buy(slot, s)).statusCode).toBe(201);
      const lost = await shopperWithAddress(t);
      // The crash: units taken in the gate whose orders never committed.
      const gate = t.services.flashsale.gate;
      if (gate.kind === 'redis') await t.platform.redis!.set(redisKeys('fission:flashsale:', slot.itemId).stock, '0');
      else expect(await gate.acquire(slot.itemId, lost.user.id, 1)).toEqual({ ok: true });

      expect(await shopperView(slot)).toMatchObject({ remaining: gate.kind === 'redis' ? 7 : 6, soldOut: false });
      const report = await t.services.flashsale.reconcile();
      expect([...report.ledgerFixed, ...report.gateFixed]).toContain(slot.itemId);
      expect(await shopperView(slot)).toMatchObject({ remaining: 7, soldOut: false });
      expect(await gate.remaining(slot.itemId)).toBe(7);
      expect((await buy(slot, buyers[0])).data.error.code).toBe('FLASHSALE_LIMIT_REACHED'); // per-user counts came from the purchases

      // Every unsold unit is sellable, and not one more.
      const rest = await Promise.all(Array.from({ length: 9 }, () => shopperWithAddress(t)));
      const results = await Promise.all([lost, ...rest].map((s) => buy(slot, s)));
      expect(results.filter((r) => r.statusCode === 201)).toHaveLength(7);
      for (const r of results) if (r.statusCode !== 201) expect(r.data.error.code).toBe('FLASHSALE_SOLD_OUT');
      expect(await ledgerOf(slot.itemId)).toEqual({ stock: 10, sold: 10, live: 10, buyers: 10 });
      expect(await shopperView(slot)).toMatchObject({ remaining: 0, soldOut: true });
    });

    it('the periodic reconciliation job recounts a drifted ledger and books its next run, once per interval', async () => {
      const slot = await liveSlot(4);
      const s = await shopperWithAddress(t);
      expect((await buy(slot, s)).statusCode).toBe(201);
      // Drift as an older version or a hand edit could leave it: sold and the shopper's count off.
      await t.platform.db.updateTable('flashsale_items').set({ sold: 3 }).where('id', '=', slot.itemId).execute();
      await t.platform.db.deleteFrom('flashsale_user_counts').where('item_id', '=', slot.itemId).execute();
      await t.services.flashsale.runReconcileJob();
      await t.services.flashsale.scheduleReconcile(); // another process booking the same run
      expect(await ledgerOf(slot.itemId)).toEqual({ stock: 4, sold: 1, live: 1, buyers: 1 });
      expect(await shopperView(slot)).toMatchObject({ remaining: 3 });
      expect((await buy(slot, s)).data.error.code).toBe('FLASHSALE_LIMIT_REACHED');
      const next = (Math.floor(t.clock.now().getTime() / RECONCILE_EVERY_MS) + 1) * RECONCILE_EVERY_MS;
      const booked = await t.platform.db.selectFrom('jobs').select(['run_at', 'status']).where('kind', '=', RECONCILE_JOB).where('run_at', '=', new Date(next)).execute();
      expect(booked).toHaveLength(1);
    });

    it('a placement failing inside the order transaction takes no unit, even when the process dies before giving one back', async () => {
      const slot = await liveSlot(2);
      const s = await shopperWithAddress(t);
      const real = t.services.flashsale.gate;
      // The process "dies" after the order transaction threw: nothing outside Postgres is given back.
      const dying: StockGate = { ...real, kind: real.kind, release: async () => { throw new Error('process died'); } };
      const crashing = createFlashsaleService(modulePlatform(t.platform, flashsaleTables), {
        catalog: t.services.catalog,
        campaigns: t.services.campaigns,
        orders: t.services.orders,
        gate: dying,
        placeOrder: (userId, input, key, campaign?: CampaignPlacement) =>
          t.services.placeOrder(userId, input, key, campaign && { ...campaign, async commit(trx, orderId) { await campaign.commit(trx, orderId); throw new Error('disk full'); } }),
      });
      await expect(crashing.purchase(s.user.id, slot.slotId, slot.itemId, { addressId: s.addressId }, null)).rejects.toThrow('disk full');
      expect(await ledgerOf(slot.itemId)).toEqual({ stock: 2, sold: 0, live: 0, buyers: 0 });
      expect(await shopperView(slot)).toMatchObject({ remaining: 2 });
      await t.services.flashsale.reconcile([slot.itemId]); // the Redis gate, if any, held the unit: reconciliation frees it
      expect(await real.remaining(slot.itemId)).toBe(2);
      expect((await buy(slot, s)).statusCode).toBe(201);
    });

    it('reconciles once per process before its first admission: a full reconciliation at start counts, a partial one does not', async () => {
      const real = t.services.flashsale.gate;
      const serviceWith = (calls: string[][]) =>
        createFlashsaleService(modulePlatform(t.platform, flashsaleTables), {
          catalog: t.services.catalog,
          campaigns: t.services.campaigns,
          orders: t.services.orders,
          placeOrder: t.services.placeOrder,
          gate: { ...real, kind: real.kind, reconcile: async (ids) => (calls.push(ids), real.reconcile(ids)) },
        });
      const slot = await liveSlot(3);
      // As the server starts (src/main.ts): prepare's full reconciliation, then warm() finds it done.
      const started: string[][] = [];
      const atStart = serviceWith(started);
      await atStart.reconcile();
      await atStart.warm();
      const s = await shopperWithAddress(t);
      await atStart.purchase(s.user.id, slot.slotId, slot.itemId, { addressId: s.addressId }, null);
      expect(started).toHaveLength(1);
      expect(started[0]).toContain(slot.itemId);
      // Reconciling some items is not the warm-up: the first admission still reconciles every open item, once.
      const lazy: string[][] = [];
      const cold = serviceWith(lazy);
      await cold.reconcile([slot.itemId]);
      await Promise.all([cold.warm(), cold.warm()]);
      expect(lazy).toHaveLength(2);
      expect(lazy[1]).toContain(slot.itemId);
    });

    it('fifteen concurrent purchases with one Idempotency-Key give one order; every retry gets it or IDEMPOTENCY_IN_PROGRESS with Retry-After', async () => {
      const slot = await liveSlot(5);
      const s = await shopperWithAddress(t);
      const headers = { 'idempotency-key': `fs-${randomUUID()}` };
      const results = await Promise.all(Array.from({ length: 15 }, () => buy(slot, s, headers)));
      const created = results.filter((r) => r.statusCode === 201);
      expect(created).toHaveLength(1);
      const orderId = created[0].data.id;
      for (const r of results) {
        if (r.statusCode === 200) expect(r.data.id).toBe(orderId);
        else if (r.statusCode === 409) {
          expect(r.data.error.code).toBe('IDEMPOTENCY_IN_PROGRESS');
          expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
        } else expect(r.statusCode, r.body).toBe(201);
      }
      const again = await buy(slot, s, headers);
      expect(again.statusCode).toBe(200);
      expect(again.data.id).toBe(orderId);
      expect(await ledgerOf(slot.itemId)).toEqual({ stock: 5, sold: 1, live: 1, buyers: 1 });
      const orders = await t.platform.db.selectFrom('orders').select('id').where('user_id', '=', s.user.id).execute();
      expect(orders.map((o) => o.id)).toEqual([orderId]);
    });

    it('a claim left by a crashed attempt goes stale and the key can buy again; a fresh one makes the retry wait', async () => {
      const slot = await liveSlot(3);
      const s = await shopperWithAddress(t);
      const key = `fs-${randomUUID()}`;
      const claim = (claimedAt: Date) => t.platform.db.insertInto('flashsale_claims').values({ user_id: s.user.id, idempotency_key: key, token: randomUUID(), claimed_at: claimedAt }).onConflict((oc) => oc.columns(['user_id', 'idempotency_key']).doUpdateSet({ claimed_at: claimedAt })).execute();
      await claim(t.clock.now());
      const waiting = await buy(slot, s, { 'idempotency-key': key });
      expect(waiting.statusCode).toBe(409);
      expect(waiting.data.error.code).toBe('IDEMPOTENCY_IN_PROGRESS');
      expect(waiting.headers['retry-after']).toBe('1');
      await claim(new Date(t.clock.now().getTime() - 60_000));
      const placed = await buy(slot, s, { 'idempotency-key': key });
      expect(placed.statusCode, placed.body).toBe(201);
      expect(await t.platform.db.selectFrom('flashsale_claims').select('token').where('user_id', '=', s.user.id).execute()).toEqual([]);
    });

    it('a fully refunded paid flash order returns its unit to the flash stock, once; a partial refund keeps it', async () => {
      const slot = await liveSlot(1);
      const [a, b] = [await shopperWithAddress(t), await shopperWithAddress(t)];
      const first = await buy(slot, a);
      expect(first.statusCode, first.body).toBe(201);
      await payOrder(t, a.user, first.data.id);
      expect((await buy(slot, b)).data.error.code).toBe('FLASHSALE_SOLD_OUT');

      const refund = (body: Record<string, unknown>) => t.request({ method: 'POST', url: `/api/v1/admin/orders/${first.data.id}/refunds`, as: op, body: { reason: '质量问题', ...body } });
      const refundedEvents = async () =>
        (await t.platform.db.selectFrom('outbox_events').select('payload').where('type', '=', 'order.refunded').where('aggregate_id', '=', first.data.id).orderBy('id').execute()).map((e) => e.payload as { orderId: string; kind: string; full: boolean });
      // Delivered by the dispatcher once wired, and here again by hand: at-least-once delivery.
      const deliver = async () => {
        for (const e of await refundedEvents()) await t.platform.db.transaction().execute((trx) => t.services.flashsale.onOrderRefunded(trx, e));
        await t.settle();
      };

      expect((await refund({ amount: 100 })).statusCode).toBeLessThan(300);
      await t.settle();
      await deliver();
      expect(await ledgerOf(slot.itemId)).toEqual({ stock: 1, sold: 1, live: 1, buyers: 1 });

      expect((await refund({ full: true })).statusCode).toBeLessThan(300);
      await t.settle();
      expect((await refundedEvents()).map((e) => e.full)).toEqual([false, true]);
      await deliver();
      await deliver();
      expect(await ledgerOf(slot.itemId)).toEqual({ stock: 1, sold: 0, live: 0, buyers: 0 });
      expect(await shopperView(slot)).toMatchObject({ remaining: 1, soldOut: false });
      expect(await t.services.flashsale.gate.remaining(slot.itemId)).toBe(1);
      const released = await t.platform.db.selectFrom('outbox_events').select('id').where('type', '=', 'flashsale.released').where('aggregate_id', '=', slot.itemId).execute();
      expect(released).toHaveLength(1);

      expect((await buy(slot, b)).statusCode).toBe(201);
      expect(await ledgerOf(slot.itemId)).toEqual({ stock: 1, sold: 1, live: 1, buyers: 1 });
    });
  });
}

scenarios('Postgres gate', { redisUrl: undefined });
if (process.env.REDIS_URL) scenarios('Redis gate', { redisUrl: process.env.REDIS_URL });
