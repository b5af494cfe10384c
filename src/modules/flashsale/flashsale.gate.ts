// The stock gate admits or refuses a purchase before any order is written. Two implementations
// behind one interface: Redis (an atomic Lua script) when Redis is configured, Postgres (a
// conditional UPDATE plus a conditional per-user counter, in one short transaction) otherwise.
// Postgres is the source of truth either way; the Redis gate only admits and is rebuilt from it.
// Crash safety: the purchase takes its Postgres unit inside the order transaction (`executor`), so
// sold always equals the units of live purchase rows; `reconcile` restores that equality (and the
// Redis copy) after anything that broke it: a crash between Redis and Postgres, a hand edit.
import { commitRefusal } from '../../platform/errors.ts';
import * as repo from './flashsale.repo.ts';
import type { Redis } from '../../platform/redis.ts';
import type { GateResult } from './flashsale.rules.ts';
import type { AnyExecutor } from '../../platform/tables.ts';
import { flashsaleTables, type FlashsalePlatform } from './flashsale.table.ts';

/** The flash-sale module's pool: its own tables only. */
type Pool = FlashsalePlatform['db'];

export type { GateResult };

export interface ReleaseOptions {
  /** Run the Postgres part in this transaction (event consumers). */
  executor?: AnyExecutor;
  /** Makes the release happen once per ref (an order id), however often it is repeated. */
  ref?: string;
}

export interface AcquireOptions {
  /**
   * Take the Postgres unit in this transaction (the order's): a rollback gives it back, so a crash
   * between taking and placing cannot leave a unit sold without an order. The Redis gate has no
   * Postgres part at admission and ignores it.
   */
  executor?: AnyExecutor;
}

/** What a reconciliation found and corrected. */
export interface ReconcileReport {
  items: number;
  /** Items whose Postgres sold or per-user counts disagreed with their live purchases. */
  ledgerFixed: string[];
  /** Items whose Redis remaining disagreed with Postgres (Redis gate only). */
  gateFixed: string[];
}

export interface StockGate {
  readonly kind: 'postgres' | 'redis';
  /** Set an item's stock and per-user limit (a new item: nothing taken yet). */
  load(itemId: string, stock: number, perUserLimit: number): Promise<void>;
  acquire(itemId: string, userId: string, quantity: number, options?: AcquireOptions): Promise<GateResult>;
  release(itemId: string, userId: string, quantity: number, options?: ReleaseOptions): Promise<void>;
  remaining(itemId: string): Promise<number>;
  /** Recount sold and per-user units from live purchase rows, then make the gate agree. */
  reconcile(itemIds: string[]): Promise<ReconcileReport>;
}

class LimitReached extends Error {}

/**
 * Why Postgres refused a purchase's units as its transaction committed (a purchase row written
 * with `units_at_commit` takes them in a deferred trigger, migration 0640), or null for any other
 * error.
 */
export function unitsRefusal(err: unknown): 'SOLD_OUT' | 'LIMIT' | null {
  const refused = commitRefusal(err, ['FLASHSALE_SOLD_OUT', 'FLASHSALE_LIMIT'] as const);
  return refused && (refused.code === 'FLASHSALE_SOLD_OUT' ? 'SOLD_OUT' : 'LIMIT');
}

/** Postgres ledger writes shared by the Postgres gate and the Redis path's placement transaction. */
export const ledger = {
  /** Takes `quantity` units for a user, or returns why not. Call inside a transaction. */
  async take(handle: AnyExecutor, itemId: string, userId: string, quantity: number): Promise<GateResult> {
    const taken = await repo.takeUnitsForShopper(flashsaleTables.of(handle), itemId, userId, quantity);
    if (taken.perUserLimit === null) return { ok: false, reason: 'SOLD_OUT' };
    if (taken.counted === null) return { ok: false, reason: 'LIMIT' };
    return { ok: true };
  },
  async give(handle: AnyExecutor, itemId: string, userId: string, quantity: number): Promise<void> {
    await repo.giveUnits(flashsaleTables.of(handle), itemId, userId, quantity);
  },
  /**
   * One item's sold and per-user counts recounted from its active purchase rows; true when they
   * differed. Locks the item row first: every take and give changes that row before the shopper's
   * count, in the transaction that writes or releases the purchase row. Once we hold the lock,
   * every unit counted in the row belongs to a committed purchase (which we read); a purchase not
   * yet committed has not taken its unit, and will add it to what we write.
   */
  async recount(handle: AnyExecutor, itemId: string): Promise<boolean> {
    const trx = flashsaleTables.of(handle);
    const item = await repo.lockItemCounts(trx, itemId);
    if (!item) return false;
    const rows = await repo.liveUnitsByShopper(trx, [itemId]);
    const held = new Map(rows.map((r) => [r.user_id, Number(r.units)]));
    const total = [...held.values()].reduce((a, n) => a + n, 0);
    const counts = await repo.shopperCounts(trx, [itemId]);
    const countsAgree = counts.every((c) => c.quantity === (held.get(c.user_id) ?? 0)) && [...held].every(([u, n]) => counts.some((c) => c.user_id === u && c.quantity === n));
    if (item.sold === total && countsAgree) return false;
    // More live units than stock would be an oversell already booked; the CHECK keeps sold <= stock.
    await repo.resetItemCounts(trx, itemId, Math.min(total, item.stock), held);
    return true;
  },
};

/** Postgres part of every reconciliation: each item recounted in its own short transaction. */
async function recountLedger(db: Pool, itemIds: string[]): Promise<string[]> {
  const fixed: string[] = [];
  for (const id of itemIds) if (await db.transaction().execute((trx) => ledger.recount(trx, id))) fixed.push(id);
  return fixed;
}

export function createPostgresGate(db: Pool): StockGate {
  return {
    kind: 'postgres',
    async load(itemId, stock, perUserLimit) {
      await repo.setItemStock(db, itemId, stock, perUserLimit);
    },
    async acquire(itemId, userId, quantity, options = {}) {
      if (options.executor) return ledger.take(options.executor, itemId, userId, quantity);
      // Sold out is the common refusal under a stampede: answer it without a transaction.
      const open = await repo.itemCounts(db, itemId);
      if (!open || open.sold + quantity > open.stock) return { ok: false, reason: 'SOLD_OUT' };
      try {
        return await db.transaction().execute(async (trx) => {
          const result = await ledger.take(trx, itemId, userId, quantity);
          if (!result.ok && result.reason === 'LIMIT') throw new LimitReached(); // undo the item's sold
          return result;
        });
      } catch (err) {
        if (err instanceof LimitReached) return { ok: false, reason: 'LIMIT' };
        throw err;
      }
    },
    async release(itemId, userId, quantity, options = {}) {
      // With a ref the caller (the cancellation consumer) already made the release happen once.
      if (options.executor) return ledger.give(options.executor, itemId, userId, quantity);
      await db.transaction().execute((trx) => ledger.give(trx, itemId, userId, quantity));
    },
    async remaining(itemId) {
      const row = await repo.itemCounts(db, itemId);
      return row ? row.stock - row.sold : 0;
    },
    async reconcile(itemIds) {
      return { items: itemIds.length, ledgerFixed: await recountLedger(db, itemIds), gateFixed: [] };
    },
  };
}

// KEYS: stock (remaining), limit, users (hash user -> units). ARGV: user, quantity.
// Returns 0 admitted, 1 sold out, 2 over the limit, -1 not loaded.
const ACQUIRE = `
local remaining = redis.call('GET', KEYS[1])
if not remaining then return -1 end
local qty = tonumber(ARGV[2])
if tonumber(remaining) < qty then return 1 end
local limit = tonumber(redis.call('GET', KEYS[2]) or '0')
local have = tonumber(redis.call('HGET', KEYS[3], ARGV[1]) or '0')
if have + qty > limit then return 2 end
redis.call('DECRBY', KEYS[1], qty)
redis.call('HINCRBY', KEYS[3], ARGV[1], qty)
return 0
`;

// KEYS: stock, users, marker. ARGV: user, quantity, ref ('' for none).
const RELEASE = `
if ARGV[3] ~= '' then
  if not redis.call('SET', KEYS[3], '1', 'NX', 'EX', 2592000) then return 0 end
end
if not redis.call('GET', KEYS[1]) then return -1 end
redis.call('INCRBY', KEYS[1], tonumber(ARGV[2]))
local left = redis.call('HINCRBY', KEYS[2], ARGV[1], -tonumber(ARGV[2]))
if left <= 0 then redis.call('HDEL', KEYS[2], ARGV[1]) end
return 1
`;

// KEYS: stock, limit, users. ARGV: remaining, limit, force ('1' overwrites), then user, count pairs.
const LOAD = `
if ARGV[3] ~= '1' and redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('DEL', KEYS[3])
for i = 4, #ARGV, 2 do redis.call('HSET', KEYS[3], ARGV[i], ARGV[i + 1]) end
redis.call('SET', KEYS[2], ARGV[2])
redis.call('SET', KEYS[1], ARGV[1])
return 1
`;

export const redisKeys = (prefix: string, itemId: string) => {
  const base = `${prefix}{${itemId}}`;
  return { stock: `${base}:stock`, limit: `${base}:limit`, users: `${base}:users`, marker: (ref: string) => `${base}:rel:${ref}` };
};

export interface RedisGate extends StockGate {
  /** Rebuild items from Postgres: remaining = stock − sold, per-user counts from purchase rows. */
  rebuild(itemIds: string[], options?: { force?: boolean }): Promise<void>;
}

/** Redis gate. `prefix` namespaces the keys (one per deployment). */
export function createRedisGate(db: Pool, redis: Redis, prefix = 'fission:flashsale:'): RedisGate {
  const keys = (itemId: string) => redisKeys(prefix, itemId);

  async function rebuild(itemIds: string[], options: { force?: boolean } = {}) {
    if (itemIds.length === 0) return;
    const items = await repo.itemsCounts(db, itemIds);
    const counts = await repo.liveUnitsByShopper(db, itemIds);
    for (const item of items) {
      const k = keys(item.id);
      const pairs = counts.filter((c) => c.item_id === item.id).flatMap((c) => [c.user_id, String(Number(c.units))]);
      await redis.eval(LOAD, 3, k.stock, k.limit, k.users, String(Math.max(0, item.stock - item.sold)), String(item.per_user_limit), options.force ? '1' : '0', ...pairs);
    }
  }

  /**
   * Postgres recounted, then every item whose Redis remaining or per-user counts disagree is
   * reloaded. A purchase in flight (admitted by Redis, not yet committed) is not in Postgres, so a
   * reload can leave Redis at most that many units high, never low: Postgres, which takes the unit
   * in the order transaction, still refuses past the stock, and the next run evens it out.
   */
  async function reconcile(itemIds: string[]): Promise<ReconcileReport> {
    const ledgerFixed = await recountLedger(db, itemIds);
    const gateFixed: string[] = [];
    if (itemIds.length === 0) return { items: 0, ledgerFixed, gateFixed };
    const items = await repo.itemsCounts(db, itemIds);
    const counts = (await repo.shopperCounts(db, itemIds)).filter((c) => c.quantity > 0);
    for (const item of items) {
      const k = keys(item.id);
      const [stock, limit, users] = await Promise.all([redis.get(k.stock), redis.get(k.limit), redis.hgetall(k.users)]);
      const own = counts.filter((c) => c.item_id === item.id);
      const usersAgree = Object.keys(users).length === own.length && own.every((c) => Number(users[c.user_id]) === c.quantity);
      if (stock === String(item.stock - item.sold) && limit === String(item.per_user_limit) && usersAgree) continue;
      gateFixed.push(item.id);
    }
    if (gateFixed.length) await rebuild(gateFixed, { force: true });
    return { items: itemIds.length, ledgerFixed, gateFixed };
  }

  return {
    kind: 'redis',
    rebuild,
    reconcile,
    async load(itemId, stock, perUserLimit) {
      const k = keys(itemId);
      await redis.eval(LOAD, 3, k.stock, k.limit, k.users, String(stock), String(perUserLimit), '1');
    },
    async acquire(itemId, userId, quantity) {
      const k = keys(itemId);
      for (let attempt = 0; attempt < 2; attempt++) {
        const code = Number(await redis.eval(ACQUIRE, 3, k.stock, k.limit, k.users, userId, String(quantity)));
        if (code === 0) return { ok: true };
        if (code === 1) return { ok: false, reason: 'SOLD_OUT' };
        if (code === 2) return { ok: false, reason: 'LIMIT' };
        await rebuild([itemId]); // not loaded (Redis flushed or restarted): load from Postgres, unless another process just did
      }
      return { ok: false, reason: 'SOLD_OUT' }; // an item Postgres does not know
    },
    async release(itemId, userId, quantity, options = {}) {
      const k = keys(itemId);
      await redis.eval(RELEASE, 3, k.stock, k.users, k.marker(options.ref ?? 'none'), userId, String(quantity), options.ref ?? '');
    },
    async remaining(itemId) {
      const value = await redis.get(keys(itemId).stock);
      if (value !== null) return Number(value);
      const row = await repo.itemCounts(db, itemId);
      return row ? row.stock - row.sold : 0;
    },
  };
}
