// All of the flash-sale module's SQL: slots, their items, the purchases orders record, and the
// stock ledger the gates (flashsale.gate.ts) move: `sold` and the per-shopper counts change only by
// conditional UPDATE, so whoever calls them can never take past the stock or the limit.
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { ShopperState } from './flashsale.rules.ts';
import type { FlashsaleClaimsTable, FlashsaleItemsTable, FlashsalePurchasesTable, FlashsaleSlotsTable, FlashsaleDb } from './flashsale.table.ts';

export type SlotRow = Selectable<FlashsaleSlotsTable>;

// ---- slots

export const findSlot = (ex: FlashsaleDb, id: string) => ex.selectFrom('flashsale_slots').selectAll().where('id', '=', id).executeTakeFirst();

export const lockSlot = (ex: FlashsaleDb, id: string) => ex.selectFrom('flashsale_slots').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const findLatestSlots = (ex: FlashsaleDb, limit: number) => ex.selectFrom('flashsale_slots').selectAll().orderBy('starts_at', 'desc').limit(limit).execute();

/** Published slots in one shopper state at `now`: live and upcoming soonest first, ended latest first. */
export function findPublishedSlots(ex: FlashsaleDb, state: ShopperState, now: Date, limit: number) {
  let q = ex.selectFrom('flashsale_slots').selectAll().where('published_at', 'is not', null);
  if (state === 'live') q = q.where('starts_at', '<=', now).where('ends_at', '>', now).where((eb) => eb.or([eb('stopped_at', 'is', null), eb('stopped_at', '>', now)])).orderBy('ends_at', 'asc');
  else if (state === 'upcoming') q = q.where('starts_at', '>', now).where((eb) => eb.or([eb('stopped_at', 'is', null), eb('stopped_at', '>', now)])).orderBy('starts_at', 'asc');
  else q = q.where((eb) => eb.or([eb('ends_at', '<=', now), eb('stopped_at', '<=', now)])).orderBy('ends_at', 'desc');
  return q.limit(limit).execute();
}

export const insertSlot = (ex: FlashsaleDb, row: Insertable<FlashsaleSlotsTable>) => ex.insertInto('flashsale_slots').values(row).execute();

export const updateSlot = (ex: FlashsaleDb, id: string, patch: Updateable<FlashsaleSlotsTable>) => ex.updateTable('flashsale_slots').set(patch).where('id', '=', id).execute();

// ---- items

export const insertItems = (ex: FlashsaleDb, rows: Insertable<FlashsaleItemsTable>[]) => ex.insertInto('flashsale_items').values(rows).execute();

export const deleteItemsOfSlot = (ex: FlashsaleDb, slotId: string) => ex.deleteFrom('flashsale_items').where('slot_id', '=', slotId).execute();

export const findItemsOfSlots = (ex: FlashsaleDb, slotIds: string[]) => ex.selectFrom('flashsale_items').selectAll().where('slot_id', 'in', slotIds).orderBy('position').execute();

/** Items of slots that have not ended or been stopped (what the Redis gate must hold). */
export const findOpenItemIds = (ex: FlashsaleDb, now: Date) =>
  ex.selectFrom('flashsale_items as i').innerJoin('flashsale_slots as s', 's.id', 'i.slot_id').select('i.id').where('s.ends_at', '>', now).where('s.stopped_at', 'is', null).execute();

/** One item with its slot's name and times, its stock and sold, and what this shopper holds of it. */
export const findItemWithSlot = (ex: FlashsaleDb, slotId: string, itemId: string, userId: string) =>
  ex
    .selectFrom('flashsale_items as i')
    .innerJoin('flashsale_slots as s', 's.id', 'i.slot_id')
    .leftJoin('flashsale_user_counts as c', (j) => j.onRef('c.item_id', '=', 'i.id').on('c.user_id', '=', userId))
    .select(['i.id', 'i.sku_id', 'i.flash_amount', 'i.per_user_limit', 'i.stock', 'i.sold', 'c.quantity as held', 's.name', 's.starts_at', 's.ends_at', 's.published_at', 's.stopped_at'])
    .where('i.id', '=', itemId)
    .where('i.slot_id', '=', slotId)
    .executeTakeFirst();

// ---- purchases

export const insertPurchase = (ex: FlashsaleDb, row: Insertable<FlashsalePurchasesTable>) => ex.insertInto('flashsale_purchases').values(row).execute();

/** Distinct shoppers holding an active purchase, per item of the given slots. */
export async function countBuyersByItem(ex: FlashsaleDb, slotIds: string[]) {
  const rows = await ex
    .selectFrom('flashsale_purchases')
    .select(['item_id', (eb) => eb.fn.count<number>('user_id').distinct().as('n')])
    .where('slot_id', 'in', slotIds)
    .where('status', '=', 'active')
    .groupBy('item_id')
    .execute();
  return new Map(rows.map((r) => [r.item_id, Number(r.n)]));
}

/** The order's active purchase becomes released, once; undefined when there was none. */
export const releasePurchaseOfOrder = (ex: FlashsaleDb, orderId: string, now: Date) =>
  ex
    .updateTable('flashsale_purchases')
    .set({ status: 'released', released_at: now })
    .where('order_id', '=', orderId)
    .where('status', '=', 'active')
    .returning(['item_id', 'user_id', 'quantity', 'slot_id'])
    .executeTakeFirst();

// ---- idempotency claims

/** Claims a key for one attempt, or takes over a claim older than `staleBefore`; the token when ours. */
export const claimKey = (ex: FlashsaleDb, row: Insertable<FlashsaleClaimsTable>, staleBefore: Date) =>
  ex
    .insertInto('flashsale_claims')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['user_id', 'idempotency_key'])
        .doUpdateSet({ token: (eb) => eb.ref('excluded.token'), claimed_at: (eb) => eb.ref('excluded.claimed_at') })
        .where('flashsale_claims.claimed_at', '<', staleBefore),
    )
    .returning('token')
    .executeTakeFirst();

export const deleteClaim = (ex: FlashsaleDb, userId: string, key: string, token: string) =>
  ex.deleteFrom('flashsale_claims').where('user_id', '=', userId).where('idempotency_key', '=', key).where('token', '=', token).execute();

// ---- the stock ledger (the gates decide with these; Postgres is the source of truth)

/** Takes `quantity` units of the item if they are left; undefined when sold out. */
/**
 * Takes `quantity` units of the item and counts them for the shopper, in one statement: the item's
 * row is hot (every purchase of it waits for its lock, held to the commit), so the shopper's count
 * rides in the same round trip instead of a second one under the lock. The item row is changed
 * first, as every take and give does (see ledger.recount). `perUserLimit` is null when the item was
 * sold out (nothing taken); `counted` is null when the shopper's count would pass the limit or the
 * quantity alone does (the units were taken: the caller rolls back).
 */
export async function takeUnitsForShopper(trx: FlashsaleDb, itemId: string, userId: string, quantity: number) {
  const { rows } = await sql<{ per_user_limit: number | null; counted: number | null }>`
    with item as (
      update flashsale_items set sold = sold + ${quantity}
      where id = ${itemId} and sold + ${quantity} <= stock
      returning per_user_limit
    ), counted as (
      insert into flashsale_user_counts (item_id, user_id, quantity)
      select cast(${itemId} as uuid), cast(${userId} as uuid), cast(${quantity} as integer) from item where ${quantity} <= item.per_user_limit
      on conflict (item_id, user_id) do update set quantity = flashsale_user_counts.quantity + excluded.quantity
        where flashsale_user_counts.quantity + excluded.quantity <= (select per_user_limit from item)
      returning quantity
    )
    select (select per_user_limit from item) as per_user_limit, (select quantity from counted) as counted`.execute(trx);
  return { perUserLimit: rows[0].per_user_limit, counted: rows[0].counted };
}

/** Gives units back to the item and the shopper's count (never below zero). */
export async function giveUnits(trx: FlashsaleDb, itemId: string, userId: string, quantity: number) {
  await trx.updateTable('flashsale_items').set({ sold: sql`greatest(sold - ${quantity}, 0)` }).where('id', '=', itemId).execute();
  await trx
    .updateTable('flashsale_user_counts')
    .set({ quantity: sql`greatest(quantity - ${quantity}, 0)` })
    .where('item_id', '=', itemId)
    .where('user_id', '=', userId)
    .execute();
}

export const itemCounts = (ex: FlashsaleDb, itemId: string) => ex.selectFrom('flashsale_items').select(['stock', 'sold']).where('id', '=', itemId).executeTakeFirst();

/** The item's counts, its row locked: every take and give changes this row first. */
export const lockItemCounts = (trx: FlashsaleDb, itemId: string) => trx.selectFrom('flashsale_items').select(['stock', 'sold']).where('id', '=', itemId).forUpdate().executeTakeFirst();

export const itemsCounts = (ex: FlashsaleDb, itemIds: string[]) => ex.selectFrom('flashsale_items').select(['id', 'stock', 'sold', 'per_user_limit']).where('id', 'in', itemIds).execute();

export const setItemStock = (ex: FlashsaleDb, itemId: string, stock: number, perUserLimit: number) =>
  ex.updateTable('flashsale_items').set({ stock, per_user_limit: perUserLimit }).where('id', '=', itemId).execute();

/** Units of live purchases per item and shopper: what the counters must say. */
export const liveUnitsByShopper = (ex: FlashsaleDb, itemIds: string[]) =>
  ex
    .selectFrom('flashsale_purchases')
    .select(['item_id', 'user_id', (eb) => eb.fn.sum<number>('quantity').as('units')])
    .where('item_id', 'in', itemIds)
    .where('status', '=', 'active')
    .groupBy(['item_id', 'user_id'])
    .execute();

export const shopperCounts = (ex: FlashsaleDb, itemIds: string[]) =>
  ex.selectFrom('flashsale_user_counts').select(['item_id', 'user_id', 'quantity']).where('item_id', 'in', itemIds).execute();

/** Replaces the item's sold count and every shopper count with the recounted ones. */
export async function resetItemCounts(trx: FlashsaleDb, itemId: string, sold: number, held: Map<string, number>) {
  await trx.updateTable('flashsale_items').set({ sold }).where('id', '=', itemId).execute();
  await trx.deleteFrom('flashsale_user_counts').where('item_id', '=', itemId).execute();
  if (held.size > 0) await trx.insertInto('flashsale_user_counts').values([...held].map(([user_id, quantity]) => ({ item_id: itemId, user_id, quantity }))).execute();
}
