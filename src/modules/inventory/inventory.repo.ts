// All inventory SQL. Scarce counts change only through the conditional updates here.
import { sql, type Insertable } from 'kysely';
import type { InventoryLevelsTable, InventoryMovementsTable, InventoryReservationsTable, ReservationStatus, InventoryDb } from './inventory.table.ts';

export const insertLevels = (db: InventoryDb, rows: Insertable<InventoryLevelsTable>[]) =>
  rows.length ? db.insertInto('inventory_levels').values(rows).execute() : Promise.resolve([]);

export const findLevels = (db: InventoryDb, skuIds: string[]) =>
  skuIds.length ? db.selectFrom('inventory_levels').selectAll().where('sku_id', 'in', skuIds).execute() : Promise.resolve([]);

export const findLevel = (db: InventoryDb, skuId: string) =>
  db.selectFrom('inventory_levels').selectAll().where('sku_id', '=', skuId).executeTakeFirst();

export const lockLevel = (trx: InventoryDb, skuId: string) =>
  trx.selectFrom('inventory_levels').selectAll().where('sku_id', '=', skuId).forUpdate().executeTakeFirst();

export const unreserveStock = (trx: InventoryDb, skuId: string, quantity: number, now: Date) =>
  trx
    .updateTable('inventory_levels')
    .set({ reserved: sql`reserved - ${quantity}`, updated_at: now })
    .where('sku_id', '=', skuId)
    .returning(['sku_id', 'on_hand', 'reserved'])
    .executeTakeFirstOrThrow();

/** Reserved units leave the warehouse: both counts drop. */
export const shipReservedStock = (trx: InventoryDb, skuId: string, quantity: number, now: Date) =>
  trx
    .updateTable('inventory_levels')
    .set({ on_hand: sql`on_hand - ${quantity}`, reserved: sql`reserved - ${quantity}`, updated_at: now })
    .where('sku_id', '=', skuId)
    .returning(['sku_id', 'on_hand', 'reserved'])
    .executeTakeFirstOrThrow();

export const addOnHand = (trx: InventoryDb, skuId: string, quantity: number, now: Date) =>
  trx
    .insertInto('inventory_levels')
    .values({ sku_id: skuId, on_hand: quantity, reserved: 0, updated_at: now })
    .onConflict((oc) => oc.column('sku_id').doUpdateSet({ on_hand: sql`inventory_levels.on_hand + ${quantity}`, updated_at: now }))
    .returning(['sku_id', 'on_hand', 'reserved'])
    .executeTakeFirstOrThrow();

/** Adds delta to on-hand unless that would drop it below what is reserved (or above max). */
export const adjustOnHand = (trx: InventoryDb, skuId: string, delta: number, max: number, now: Date) =>
  trx
    .updateTable('inventory_levels')
    .set({ on_hand: sql`on_hand + ${delta}`, updated_at: now })
    .where('sku_id', '=', skuId)
    .where(sql<boolean>`on_hand + ${delta} >= reserved`)
    .where(sql<boolean>`on_hand + ${delta} <= ${max}`)
    .returning(['sku_id', 'on_hand', 'reserved'])
    .executeTakeFirst();

export const setOnHand = (trx: InventoryDb, skuId: string, onHand: number, now: Date) =>
  trx
    .updateTable('inventory_levels')
    .set({ on_hand: onHand, updated_at: now })
    .where('sku_id', '=', skuId)
    .where('reserved', '<=', onHand)
    .returning(['sku_id', 'on_hand', 'reserved'])
    .executeTakeFirst();

/** Inserts the reservations that do not exist yet for (ref, sku) and returns those it inserted. */
/**
 * One line of a reservation in one statement: claim (ref, sku) (a concurrent retry of the same ref
 * waits on the unique index), take the units if enough are available, and record the movement.
 * `claimedId` is null when the ref already held this SKU; `taken` says whether the units were taken.
 * Three round trips per line were a sixth of an order placement's statements.
 */
export async function claimAndReserve(trx: InventoryDb, line: { id: string; ref: string; skuId: string; quantity: number }, now: Date) {
  const { rows } = await sql<{ claimed_id: string | null; taken: boolean }>`
    with claimed as (
      insert into inventory_reservations (id, ref, sku_id, quantity, status, created_at, updated_at)
      values (${line.id}, ${line.ref}, ${line.skuId}, ${line.quantity}, 'active', ${now}, ${now})
      on conflict (ref, sku_id) do nothing
      returning id
    ), taken as (
      update inventory_levels set reserved = reserved + ${line.quantity}, updated_at = ${now}
      where sku_id = ${line.skuId} and on_hand - reserved >= ${line.quantity} and exists (select 1 from claimed)
      returning sku_id
    ), moved as (
      insert into inventory_movements (sku_id, delta_on_hand, delta_reserved, reason, ref, at)
      select sku_id, 0, ${line.quantity}, 'reserve', ${line.ref}, ${now} from taken
    )
    select (select id from claimed) as claimed_id, exists (select 1 from taken) as taken`.execute(trx);
  return { claimedId: rows[0].claimed_id, taken: Boolean(rows[0].taken) };
}

/** Undoes claimAndReserve's movement rows for these SKUs (a reservation that failed part-way). */
export const deleteReserveMovements = (trx: InventoryDb, ref: string, skuIds: string[]) =>
  skuIds.length ? trx.deleteFrom('inventory_movements').where('ref', '=', ref).where('reason', '=', 'reserve').where('sku_id', 'in', skuIds).execute() : Promise.resolve([]);

export const findReservations = (db: InventoryDb, ref: string) =>
  db.selectFrom('inventory_reservations').selectAll().where('ref', '=', ref).orderBy('sku_id').execute();

export const deleteReservations = (trx: InventoryDb, ids: string[]) =>
  ids.length ? trx.deleteFrom('inventory_reservations').where('id', 'in', ids).execute() : Promise.resolve([]);

/** Moves every active reservation of ref to `status` and returns the ones it moved (at most once each). */
export const closeActiveReservations = (trx: InventoryDb, ref: string, status: Exclude<ReservationStatus, 'active'>, now: Date) =>
  trx
    .updateTable('inventory_reservations')
    .set({ status, updated_at: now })
    .where('ref', '=', ref)
    .where('status', '=', 'active')
    .returning(['id', 'sku_id', 'quantity'])
    .execute();

export const insertMovements = (trx: InventoryDb, rows: Insertable<InventoryMovementsTable>[]) =>
  rows.length ? trx.insertInto('inventory_movements').values(rows).execute() : Promise.resolve([]);

/** The restock movement for (ref, sku), unless it was already recorded; returns whether it is new. */
export const insertRestockMovement = async (trx: InventoryDb, row: Insertable<InventoryMovementsTable>) =>
  !!(await trx
    .insertInto('inventory_movements')
    .values(row)
    .onConflict((oc) => oc.columns(['ref', 'sku_id']).where('reason', '=', 'restock').doNothing())
    .returning('id')
    .executeTakeFirst());

export const findMovements = (db: InventoryDb, skuId: string, limit: number) =>
  db.selectFrom('inventory_movements').selectAll().where('sku_id', '=', skuId).orderBy('id', 'desc').limit(limit).execute();

export interface LevelPageQuery {
  /** Only levels whose available count is at most this. */
  maxAvailable?: number;
  after?: { a: number; id: string };
  limit: number;
}

/** Levels by available count (scarcest first), then SKU id. */
export const findLevelsPage = (db: InventoryDb, q: LevelPageQuery) => {
  let qb = db
    .selectFrom('inventory_levels')
    .selectAll()
    .select(sql<number>`on_hand - reserved`.as('available'))
    .orderBy(sql`on_hand - reserved`)
    .orderBy('sku_id')
    .limit(q.limit + 1);
  if (q.maxAvailable !== undefined) qb = qb.where(sql<boolean>`on_hand - reserved <= ${q.maxAvailable}`);
  if (q.after) qb = qb.where(sql<boolean>`(on_hand - reserved, sku_id) > (${q.after.a}, ${q.after.id}::uuid)`);
  return qb.execute();
};
