// All of loyalty's SQL. No business decisions here: the service decides, this reads and writes.
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Tier } from './loyalty.rules.ts';
import type { LoyaltyAccountsTable, LoyaltyTiersTable, PointsEntriesTable, LoyaltyDb } from './loyalty.table.ts';
import type { PointReason } from './loyalty.rules.ts';

export type AccountRow = Selectable<LoyaltyAccountsTable>;
export type EntryRow = Selectable<PointsEntriesTable>;

const toTier = (r: Selectable<LoyaltyTiersTable>): Tier => ({
  code: r.code,
  name: r.name,
  nameEn: r.name_en,
  minGrowth: r.min_growth,
  discountBp: r.discount_bp,
  freeShipping: r.free_shipping,
  sort: r.sort,
});

export async function findTiers(executor: LoyaltyDb): Promise<Tier[]> {
  const rows = await executor.selectFrom('loyalty_tiers').selectAll().orderBy('min_growth').execute();
  return rows.map(toTier);
}

export async function findAccount(executor: LoyaltyDb, userId: string) {
  return executor.selectFrom('loyalty_accounts').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

/** Create the member's account if missing, then lock it: every balance change serialises here. */
export async function lockAccount(executor: LoyaltyDb, userId: string, baseTierCode: string, now: Date): Promise<AccountRow> {
  await executor
    .insertInto('loyalty_accounts')
    .values({ user_id: userId, tier_code: baseTierCode, last_checkin_date: null, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('user_id').doNothing())
    .execute();
  return executor.selectFrom('loyalty_accounts').selectAll().where('user_id', '=', userId).forUpdate().executeTakeFirstOrThrow();
}

export async function updateAccount(executor: LoyaltyDb, userId: string, patch: Updateable<LoyaltyAccountsTable>) {
  return executor.updateTable('loyalty_accounts').set(patch).where('user_id', '=', userId).returningAll().executeTakeFirstOrThrow();
}

/** Add to balance and growth (either may be negative); the balance check constraint refuses below zero. */
export async function addToAccount(executor: LoyaltyDb, userId: string, points: number, growth: number, now: Date) {
  return executor
    .updateTable('loyalty_accounts')
    .set((eb) => ({ balance: eb('balance', '+', points), growth_value: eb('growth_value', '+', growth), updated_at: now }))
    .where('user_id', '=', userId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Spend: a conditional update that only succeeds while the balance covers it. */
export async function spendFromAccount(executor: LoyaltyDb, userId: string, points: number, now: Date) {
  return executor
    .updateTable('loyalty_accounts')
    .set((eb) => ({ balance: eb('balance', '-', points), updated_at: now }))
    .where('user_id', '=', userId)
    .where('balance', '>=', points)
    .returningAll()
    .executeTakeFirst();
}

export async function findEntry(executor: LoyaltyDb, reason: PointReason, ref: string) {
  return executor.selectFrom('points_entries').selectAll().where('reason', '=', reason).where('ref', '=', ref).executeTakeFirst();
}

export async function insertEntry(executor: LoyaltyDb, entry: Insertable<PointsEntriesTable>) {
  return executor.insertInto('points_entries').values(entry).returningAll().executeTakeFirstOrThrow();
}

/** Entries that undo `entryId`: reversals of a grant, or returns of a spend. */
export async function findReversals(executor: LoyaltyDb, entryId: number) {
  return executor.selectFrom('points_entries').selectAll().where('reverses_entry_id', '=', entryId).orderBy('id').execute();
}

export async function insertLot(executor: LoyaltyDb, lot: { user_id: string; entry_id: number; amount: number; expires_at: Date; created_at: Date }) {
  return executor
    .insertInto('points_lots')
    .values({ ...lot, remaining: lot.amount })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function lockOpenLots(executor: LoyaltyDb, userId: string) {
  const rows = await executor
    .selectFrom('points_lots')
    .select(['id', 'remaining', 'expires_at', 'entry_id'])
    .where('user_id', '=', userId)
    .where('remaining', '>', 0)
    .orderBy('expires_at')
    .orderBy('id')
    .forUpdate()
    .execute();
  return rows;
}

export async function takeFromLot(executor: LoyaltyDb, lotId: number, amount: number) {
  const row = await executor
    .updateTable('points_lots')
    .set((eb) => ({ remaining: eb('remaining', '-', amount) }))
    .where('id', '=', lotId)
    .where('remaining', '>=', amount)
    .returning('id')
    .executeTakeFirst();
  if (!row) throw new Error(`points lot ${lotId} no longer holds ${amount} points`);
}

export async function insertLotSpends(executor: LoyaltyDb, rows: { entry_id: number; lot_id: number; amount: number }[]) {
  if (rows.length) await executor.insertInto('points_lot_spends').values(rows).execute();
}

/** What an entry took from lots, with each lot's expiry. */
export async function findLotSpends(executor: LoyaltyDb, entryId: number) {
  return executor
    .selectFrom('points_lot_spends')
    .innerJoin('points_lots', 'points_lots.id', 'points_lot_spends.lot_id')
    .select(['points_lot_spends.lot_id', 'points_lot_spends.amount', 'points_lots.expires_at'])
    .where('points_lot_spends.entry_id', '=', entryId)
    .execute();
}

export async function findLotsOfEntry(executor: LoyaltyDb, entryId: number) {
  return executor.selectFrom('points_lots').select('id').where('entry_id', '=', entryId).execute();
}

/** Points in lots that have expired but the expiry job has not swept yet. */
export async function sumExpiredUnswept(executor: LoyaltyDb, userId: string, now: Date): Promise<number> {
  const row = await executor
    .selectFrom('points_lots')
    .select(sql<number>`coalesce(sum(remaining), 0)::bigint`.as('n'))
    .where('user_id', '=', userId)
    .where('remaining', '>', 0)
    .where('expires_at', '<=', now)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The soonest expiry still ahead, with how many points expire then. */
export async function findNextExpiry(executor: LoyaltyDb, userId: string, now: Date) {
  const row = await executor
    .selectFrom('points_lots')
    .select(['expires_at', sql<number>`sum(remaining)::bigint`.as('points')])
    .where('user_id', '=', userId)
    .where('remaining', '>', 0)
    .where('expires_at', '>', now)
    .groupBy('expires_at')
    .orderBy('expires_at')
    .limit(1)
    .executeTakeFirst();
  return row ? { at: row.expires_at, points: Number(row.points) } : null;
}

export async function findUsersWithExpiredLots(executor: LoyaltyDb, now: Date, limit: number): Promise<string[]> {
  const rows = await executor
    .selectFrom('points_lots')
    .select('user_id')
    .distinct()
    .where('remaining', '>', 0)
    .where('expires_at', '<=', now)
    .limit(limit)
    .execute();
  return rows.map((r) => r.user_id);
}

export async function sumDeltaSince(executor: LoyaltyDb, userId: string, reason: PointReason, from: Date, to: Date): Promise<number> {
  const row = await executor
    .selectFrom('points_entries')
    .select(sql<number>`coalesce(sum(delta), 0)::bigint`.as('n'))
    .where('user_id', '=', userId)
    .where('reason', '=', reason)
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findEntriesPage(executor: LoyaltyDb, userId: string, beforeId: number | undefined, limit: number) {
  let qb = executor.selectFrom('points_entries').selectAll().where('user_id', '=', userId).orderBy('id', 'desc').limit(limit + 1);
  if (beforeId !== undefined) qb = qb.where('id', '<', beforeId);
  return qb.execute();
}

export async function insertCheckin(executor: LoyaltyDb, row: { user_id: string; date: string; streak: number; points: number; bonus_points: number; created_at: Date }) {
  return executor
    .insertInto('checkins')
    .values(row)
    .onConflict((oc) => oc.columns(['user_id', 'date']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function findCheckinDates(executor: LoyaltyDb, userId: string, fromDate: string, toDate: string): Promise<string[]> {
  const rows = await executor
    .selectFrom('checkins')
    .select('date')
    .where('user_id', '=', userId)
    .where('date', '>=', fromDate)
    .where('date', '<=', toDate)
    .orderBy('date')
    .execute();
  return rows.map((r) => r.date);
}

export async function upsertTier(executor: LoyaltyDb, tier: Tier, now: Date) {
  const row = { code: tier.code, name: tier.name, name_en: tier.nameEn, min_growth: tier.minGrowth, discount_bp: tier.discountBp, free_shipping: tier.freeShipping, sort: tier.sort, updated_at: now };
  return executor
    .insertInto('loyalty_tiers')
    .values(row)
    .onConflict((oc) => oc.column('code').doUpdateSet({ name: row.name, name_en: row.name_en, min_growth: row.min_growth, discount_bp: row.discount_bp, free_shipping: row.free_shipping, sort: row.sort, updated_at: now }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Put every member in the tier their growth reaches; returns those whose tier changed. */
export async function retierAll(executor: LoyaltyDb, now: Date) {
  const { rows } = await sql<{ user_id: string; from_code: string; to_code: string; growth_value: number }>`
    with target as (
      select a.user_id, a.tier_code as from_code, a.growth_value,
             (select t.code from loyalty_tiers t where t.min_growth <= a.growth_value order by t.min_growth desc limit 1) as to_code
      from loyalty_accounts a
    )
    update loyalty_accounts a set tier_code = target.to_code, updated_at = ${now}
    from target
    where a.user_id = target.user_id and target.to_code is not null and a.tier_code <> target.to_code
    returning a.user_id, target.from_code, target.to_code, a.growth_value`.execute(executor);
  return rows.map((r) => ({ ...r, growth_value: Number(r.growth_value) }));
}
