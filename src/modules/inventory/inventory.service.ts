// Stock per SKU: on hand, reserved by open orders, and the ledger of every change.
// reserve/release/commit/restock run inside the caller's transaction (an order's); operator
// changes open their own.
import { recordAudit } from '../../platform/audit.ts';
import { conflict, DomainError, invalid, notFound } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { decodeCursor, encodeCursor } from '../../platform/schema.ts';
import * as repo from './inventory.repo.ts';
import {
  availability,
  DEFAULT_LOW_STOCK_THRESHOLD,
  MAX_ON_HAND,
  normaliseLines,
  onHandProblem,
  shortfallMessage,
  type Availability,
  type StockLine,
} from './inventory.rules.ts';
import type { AnyExecutor } from '../../platform/tables.ts';
import { inventoryTables, type InventoryDb, type InventoryPlatform } from './inventory.table.ts';

const skuNotFound = (skuId: string) => notFound('INVENTORY_SKU_NOT_FOUND', 'No stock is kept for that SKU', { skuId });

export function createInventoryService(p: InventoryPlatform) {
  const { db, clock } = p;

  /** Opening stock for new SKUs (the catalog calls this in the transaction that creates them). */
  async function createLevels(handle: AnyExecutor, rows: { skuId: string; onHand: number }[]): Promise<void> {
    if (rows.length === 0) return;
    const trx = inventoryTables.of(handle);
    const now = clock.now();
    for (const r of rows) {
      const problem = onHandProblem(r.onHand, 0);
      if (problem) throw invalid(problem.code, problem.message, { skuId: r.skuId, onHand: r.onHand });
    }
    await repo.insertLevels(trx, rows.map((r) => ({ sku_id: r.skuId, on_hand: r.onHand, reserved: 0, updated_at: now })));
    await repo.insertMovements(
      trx,
      rows.filter((r) => r.onHand > 0).map((r) => ({ sku_id: r.skuId, delta_on_hand: r.onHand, delta_reserved: 0, reason: 'initial', ref: null, at: now })),
    );
  }

  /**
   * Holds stock for `ref` (an order id): all lines or none. Each line takes stock with a conditional
   * UPDATE, so concurrent orders can never reserve more than is on hand. Calling again with the
   * same ref and lines is a no-op. On a short line every earlier line of this call is undone and
   * INVENTORY_INSUFFICIENT (409) is thrown, so even a caller that catches it keeps a clean state.
   */
  async function reserve(handle: AnyExecutor, ref: string, lines: StockLine[]): Promise<void> {
    const trx = inventoryTables.of(handle);
    if (!ref || ref.length > 200) throw invalid('INVENTORY_REF_INVALID', 'A reservation needs a reference of at most 200 characters');
    const wanted = normaliseLines(lines);
    if (wanted.length === 0) return;
    const now = clock.now();
    // Line by line in SKU order (normaliseLines sorts), so two orders never lock levels crosswise.
    const claimed: string[] = [];
    const done: StockLine[] = [];
    const undo = async () => {
      for (const d of done) await repo.unreserveStock(trx, d.skuId, d.quantity, now);
      await repo.deleteReserveMovements(trx, ref, done.map((d) => d.skuId));
      await repo.deleteReservations(trx, claimed);
    };
    for (const line of wanted) {
      const { claimedId, taken } = await repo.claimAndReserve(trx, { id: newId(), ref, skuId: line.skuId, quantity: line.quantity }, now);
      if (!claimedId) {
        // Reserved by an earlier call with this ref: the same quantity is a retry, another is a mistake.
        const prior = (await repo.findReservations(trx, ref)).find((r) => r.sku_id === line.skuId);
        if (prior && prior.quantity !== line.quantity) {
          await undo();
          throw conflict('INVENTORY_RESERVATION_MISMATCH', `Stock for ${ref} was already reserved with a different quantity`, { ref, skuId: line.skuId, reserved: prior.quantity, requested: line.quantity });
        }
        continue;
      }
      claimed.push(claimedId);
      if (!taken) {
        await undo();
        const level = await repo.findLevel(trx, line.skuId);
        if (!level) throw skuNotFound(line.skuId);
        const available = Math.max(0, level.on_hand - level.reserved);
        throw new DomainError('conflict', 'INVENTORY_INSUFFICIENT', shortfallMessage(available, line.quantity), { skuId: line.skuId, requested: line.quantity, available });
      }
      done.push(line);
    }
  }

  /** Gives back the stock still held for ref (order cancelled or unpaid). A second call does nothing. */
  async function release(handle: AnyExecutor, ref: string): Promise<void> {
    const trx = inventoryTables.of(handle);
    const now = clock.now();
    const closed = sortBySku(await repo.closeActiveReservations(trx, ref, 'released', now));
    for (const r of closed) await repo.unreserveStock(trx, r.sku_id, r.quantity, now);
    await repo.insertMovements(trx, closed.map((r) => ({ sku_id: r.sku_id, delta_on_hand: 0, delta_reserved: -r.quantity, reason: 'release', ref, at: now })));
  }

  /** The order was paid: held units leave stock for good. A second call does nothing. */
  async function commit(handle: AnyExecutor, ref: string): Promise<void> {
    const trx = inventoryTables.of(handle);
    const now = clock.now();
    const closed = sortBySku(await repo.closeActiveReservations(trx, ref, 'committed', now));
    for (const r of closed) await repo.shipReservedStock(trx, r.sku_id, r.quantity, now);
    await repo.insertMovements(trx, closed.map((r) => ({ sku_id: r.sku_id, delta_on_hand: -r.quantity, delta_reserved: -r.quantity, reason: 'commit', ref, at: now })));
  }

  /** Returned goods back on the shelf; counted once per (ref, SKU) however often it is retried. */
  async function restock(handle: AnyExecutor, ref: string, lines: StockLine[]): Promise<void> {
    const trx = inventoryTables.of(handle);
    if (!ref || ref.length > 200) throw invalid('INVENTORY_REF_INVALID', 'A restock needs a reference of at most 200 characters');
    const now = clock.now();
    for (const line of normaliseLines(lines)) {
      const fresh = await repo.insertRestockMovement(trx, { sku_id: line.skuId, delta_on_hand: line.quantity, delta_reserved: 0, reason: 'restock', ref, at: now });
      if (!fresh) continue;
      const level = await repo.addOnHand(trx, line.skuId, line.quantity, now);
      await publishEvent(trx, now, 'inventory.restocked', line.skuId, { skuId: line.skuId, ref, quantity: line.quantity, onHand: level.on_hand, reserved: level.reserved });
    }
  }

  /** On hand, reserved and available per SKU; SKUs without stock records are absent from the map. */
  async function getAvailability(executor: AnyExecutor, skuIds: string[]): Promise<Map<string, Availability>> {
    const rows = await repo.findLevels(inventoryTables.of(executor), [...new Set(skuIds)]);
    return new Map(rows.map((r) => [r.sku_id, availability(r)]));
  }

  async function getReservations(executor: AnyExecutor, ref: string) {
    return (await repo.findReservations(inventoryTables.of(executor), ref)).map((r) => ({ skuId: r.sku_id, quantity: r.quantity, status: r.status }));
  }

  async function recordOperatorChange(trx: InventoryDb, actorId: string, skuId: string, before: number, level: { on_hand: number; reserved: number }, reason: string, action: string) {
    const now = clock.now();
    const delta = level.on_hand - before;
    await repo.insertMovements(trx, [{ sku_id: skuId, delta_on_hand: delta, delta_reserved: 0, reason: `operator: ${reason}`.slice(0, 200), ref: actorId, at: now }]);
    await recordAudit(trx, now, { actorId, action, subjectType: 'sku', subjectId: skuId, details: { before, after: level.on_hand, delta, reason } });
    await publishEvent(trx, now, 'inventory.adjusted', skuId, { skuId, onHand: level.on_hand, reserved: level.reserved, delta, reason, actorId });
  }

  /** Operator count: sets on-hand to `onHand`, never below what open orders have reserved. */
  async function setOnHand(actorId: string, skuId: string, onHand: number): Promise<Availability> {
    const now = clock.now();
    return db.transaction().execute(async (trx) => {
      const current = await repo.lockLevel(trx, skuId);
      if (!current) throw skuNotFound(skuId);
      const problem = onHandProblem(onHand, current.reserved);
      if (problem) {
        const kind = problem.code === 'INVENTORY_BELOW_RESERVED' ? 'conflict' : 'validation';
        throw new DomainError(kind, problem.code, problem.message, { skuId, onHand, reserved: current.reserved });
      }
      const level = await repo.setOnHand(trx, skuId, onHand, now);
      if (!level) throw conflict('INVENTORY_BELOW_RESERVED', 'On-hand stock cannot go below what is reserved', { skuId, onHand });
      if (level.on_hand !== current.on_hand) await recordOperatorChange(trx, actorId, skuId, current.on_hand, level, 'count', 'inventory.set');
      return availability(level);
    });
  }

  /** Operator adjustment (delivery +, damage −); refused if it would drop on-hand below reserved. */
  async function adjust(actorId: string, skuId: string, delta: number, reason: string): Promise<Availability> {
    if (!Number.isSafeInteger(delta) || delta === 0 || Math.abs(delta) > MAX_ON_HAND) {
      throw invalid('INVENTORY_QUANTITY_INVALID', `An adjustment is a non-zero whole number up to ${MAX_ON_HAND} either way`, { delta });
    }
    const why = reason.trim();
    if (!why || why.length > 200) throw invalid('INVENTORY_REASON_REQUIRED', 'Say why the stock changes (at most 200 characters)');
    const now = clock.now();
    return db.transaction().execute(async (trx) => {
      const level = await repo.adjustOnHand(trx, skuId, delta, MAX_ON_HAND, now);
      if (!level) {
        const current = await repo.findLevel(trx, skuId);
        if (!current) throw skuNotFound(skuId);
        if (current.on_hand + delta > MAX_ON_HAND) throw invalid('INVENTORY_QUANTITY_INVALID', `On-hand stock is at most ${MAX_ON_HAND}`, { skuId, delta });
        throw conflict('INVENTORY_BELOW_RESERVED', `${current.reserved} units are reserved by open orders; on-hand stock cannot go below that`, { skuId, delta, onHand: current.on_hand, reserved: current.reserved });
      }
      await recordOperatorChange(trx, actorId, skuId, level.on_hand - delta, level, why, 'inventory.adjusted');
      return availability(level);
    });
  }

  /** Stock levels, scarcest first; lowStock keeps those with at most `threshold` available. */
  async function listLevels(query: { lowStock?: boolean; threshold?: number; cursor?: string; limit: number }) {
    const after = decodeCursor<{ a: number; id: string }>(query.cursor);
    if (query.cursor && (!after || !Number.isSafeInteger(after.a) || typeof after.id !== 'string' || !/^[0-9a-f-]{36}$/i.test(after.id))) {
      throw invalid('INVENTORY_CURSOR_INVALID', 'That cursor is not one this list handed out');
    }
    const rows = await repo.findLevelsPage(db, {
      maxAvailable: query.lowStock ? (query.threshold ?? DEFAULT_LOW_STOCK_THRESHOLD) : undefined,
      after,
      limit: query.limit,
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map((r) => ({ skuId: r.sku_id, ...availability(r), updatedAt: r.updated_at })),
      nextCursor: rows.length > query.limit && last ? encodeCursor({ a: last.available, id: last.sku_id }) : null,
    };
  }

  async function getLevel(skuId: string) {
    const level = await repo.findLevel(db, skuId);
    if (!level) throw skuNotFound(skuId);
    return { skuId, ...availability(level), updatedAt: level.updated_at };
  }

  async function listMovements(skuId: string, limit = 50) {
    return (await repo.findMovements(db, skuId, limit)).map((m) => ({ id: m.id, deltaOnHand: m.delta_on_hand, deltaReserved: m.delta_reserved, reason: m.reason, ref: m.ref, at: m.at }));
  }

  return {
    createLevels,
    reserve,
    release,
    commit,
    restock,
    getAvailability,
    getReservations,
    getLevel,
    setOnHand,
    adjust,
    listLevels,
    listMovements,
  };
}

const sortBySku = <T extends { sku_id: string }>(rows: T[]) => [...rows].sort((a, b) => (a.sku_id < b.sku_id ? -1 : a.sku_id > b.sku_id ? 1 : 0));

export type InventoryService = ReturnType<typeof createInventoryService>;
