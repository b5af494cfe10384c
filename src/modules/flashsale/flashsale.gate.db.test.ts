// The shared StockGate contract, run against the Postgres gate always and the Redis gate when
// REDIS_URL is set (CI sets it).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { sellableSku } from '../../../test/fixtures.ts';
import { connectRedis, type Redis } from '../../platform/redis.ts';
import { createPostgresGate, createRedisGate, ledger, unitsRefusal, type StockGate } from './flashsale.gate.ts';
import { stockGateContract, type GateFixture } from './flashsale.gate.contract.ts';
import { flashsaleTables } from './flashsale.table.ts';

let t: TestContext;
let redis: Redis | null = null;
const redisUrl = process.env.REDIS_URL;
const prefix = `fission:test:${randomUUID()}:`;

beforeAll(async () => {
  t = await createTestContext();
  if (redisUrl) redis = await connectRedis(redisUrl);
});
afterAll(async () => {
  if (redis) {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  }
  await t?.close();
});

function fixtureFor(makeGate: () => StockGate): () => GateFixture {
  return () => {
    const gate = makeGate();
    const slotOf = new Map<string, string>();
    return {
      gate,
      async livePurchase(itemId, userId, quantity) {
        // What the purchase does: Redis admits first; Postgres takes the unit in the order's transaction.
        if (gate.kind === 'redis') expect(await gate.acquire(itemId, userId, quantity)).toEqual({ ok: true });
        await t.platform.db.transaction().execute(async (trx) => {
          const taken = gate.kind === 'redis' ? await ledger.take(trx, itemId, userId, quantity) : await gate.acquire(itemId, userId, quantity, { executor: trx });
          expect(taken).toEqual({ ok: true });
          await trx.insertInto('flashsale_purchases').values({ id: randomUUID(), order_id: randomUUID(), slot_id: slotOf.get(itemId)!, item_id: itemId, user_id: userId, quantity, status: 'active', created_at: t.clock.now(), released_at: null }).execute();
        });
      },
      async newItem(stock, perUserLimit) {
        const { skuId } = await sellableSku(t, { price: 9900 });
        const now = t.clock.now();
        const slot = await t.services.flashsale.createSlot(null, { name: '合同测试', startsAt: now, endsAt: new Date(now.getTime() + 3_600_000), items: [{ skuId, flashAmount: 990, stock, perUserLimit }] });
        const itemId = slot.items[0].id;
        slotOf.set(itemId, slot.id);
        await gate.load(itemId, stock, perUserLimit);
        return itemId;
      },
      newUser: async () => randomUUID(),
    };
  };
}

stockGateContract('postgres', fixtureFor(() => createPostgresGate(flashsaleTables.of(t.platform.db))));

describe('postgres gate in the caller\'s transaction', () => {
  it('takes the unit with the order, so a rollback (a failure or a crash before commit) takes nothing', async () => {
    const gate = createPostgresGate(flashsaleTables.of(t.platform.db));
    const item = await fixtureFor(() => gate)().newItem(2, 1);
    const u = randomUUID();
    await expect(
      t.platform.db.transaction().execute(async (trx) => {
        expect(await gate.acquire(item, u, 1, { executor: trx })).toEqual({ ok: true });
        throw new Error('the order insert failed');
      }),
    ).rejects.toThrow('the order insert failed');
    expect(await gate.remaining(item)).toBe(2);
    expect(await gate.acquire(item, u, 1)).toEqual({ ok: true }); // the shopper's allowance is untouched too
  });
});

describe('units taken as the purchase commits (units_at_commit)', () => {
  const buy = (itemId: string, userId: string, quantity: number) =>
    t.platform.db.transaction().execute(async (trx) => {
      const slot = await trx.selectFrom('flashsale_items').select('slot_id').where('id', '=', itemId).executeTakeFirstOrThrow();
      await trx.insertInto('flashsale_purchases').values({ id: randomUUID(), order_id: randomUUID(), slot_id: slot.slot_id, item_id: itemId, user_id: userId, quantity, status: 'active', created_at: t.clock.now(), released_at: null, units_at_commit: true }).execute();
    });
  const refusalOf = (p: Promise<unknown>) => p.then(() => null, (err) => unitsRefusal(err) ?? err);
  const purchases = (itemId: string) => t.platform.db.selectFrom('flashsale_purchases').select('user_id').where('item_id', '=', itemId).execute();

  it('takes the units and the shopper\'s count at commit; past the stock or the limit the commit fails and writes nothing', async () => {
    const gate = createPostgresGate(flashsaleTables.of(t.platform.db));
    const item = await fixtureFor(() => gate)().newItem(3, 1);
    const [a, b, c, d] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    expect(await refusalOf(buy(item, a, 1))).toBeNull();
    expect(await refusalOf(buy(item, a, 1))).toBe('LIMIT');
    expect(await refusalOf(buy(item, b, 2))).toBe('LIMIT'); // in stock, but more than one shopper may take
    expect(await refusalOf(buy(item, b, 1))).toBeNull();
    expect(await refusalOf(buy(item, c, 2))).toBe('SOLD_OUT'); // past the stock is refused first
    expect(await refusalOf(buy(item, c, 1))).toBeNull();
    expect(await refusalOf(buy(item, d, 1))).toBe('SOLD_OUT');
    expect(await gate.remaining(item)).toBe(0);
    expect((await purchases(item)).map((p) => p.user_id).sort()).toEqual([a, b, c].sort());
    const counts = await t.platform.db.selectFrom('flashsale_user_counts').select(['user_id', 'quantity']).where('item_id', '=', item).execute();
    expect(counts.map((r) => `${r.user_id}:${r.quantity}`).sort()).toEqual([a, b, c].map((u) => `${u}:1`).sort());
  });

  it('under 40 concurrent purchases of 5 units takes exactly 5, and every refusal is SOLD_OUT', async () => {
    const gate = createPostgresGate(flashsaleTables.of(t.platform.db));
    const item = await fixtureFor(() => gate)().newItem(5, 1);
    const outcomes = await Promise.all(Array.from({ length: 40 }, () => refusalOf(buy(item, randomUUID(), 1))));
    expect(outcomes.filter((o) => o === null)).toHaveLength(5);
    expect(outcomes.filter((o) => o === 'SOLD_OUT')).toHaveLength(35);
    expect(await gate.remaining(item)).toBe(0);
    expect(await purchases(item)).toHaveLength(5);
  });
});

describe.runIf(redisUrl)('redis only', () => {
  stockGateContract('redis', fixtureFor(() => createRedisGate(flashsaleTables.of(t.platform.db), redis!, prefix)));

  it('releases once per ref however often it is repeated', async () => {
    const gate = createRedisGate(flashsaleTables.of(t.platform.db), redis!, prefix);
    const item = await fixtureFor(() => gate)().newItem(2, 1);
    const u = randomUUID();
    expect(await gate.acquire(item, u, 1)).toEqual({ ok: true });
    await gate.release(item, u, 1, { ref: 'order-1' });
    await gate.release(item, u, 1, { ref: 'order-1' });
    expect(await gate.remaining(item)).toBe(2);
  });

  it('loads an item from Postgres when its keys are missing (flushed Redis)', async () => {
    const gate = createRedisGate(flashsaleTables.of(t.platform.db), redis!, prefix);
    const item = await fixtureFor(() => gate)().newItem(5, 1);
    await t.platform.db.updateTable('flashsale_items').set({ sold: 2 }).where('id', '=', item).execute();
    const keys = await redis!.keys(`${prefix}{${item}}*`);
    await redis!.del(...keys);
    expect(await gate.acquire(item, randomUUID(), 1)).toEqual({ ok: true });
    expect(await gate.remaining(item)).toBe(2);
  });
});
