// All of the lottery's SQL. Scarce things (prize stock, daily free chances, the extra-chance
// balance) only move by conditional UPDATE/upsert ... RETURNING; no business decisions here.
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { LotteryChanceCapsTable, LotteryChanceGrantsTable, LotteryDrawsTable, LotteryEntriesTable, LotteryPrizesTable, LotteryDb } from './lottery.table.ts';

export type DrawRow = Selectable<LotteryDrawsTable>;
export type PrizeRow = Selectable<LotteryPrizesTable>;
export type EntryRow = Selectable<LotteryEntriesTable>;
export type EntryStatus = EntryRow['status'];

// ---- draws and prizes

export const insertDraw = (trx: LotteryDb, row: Insertable<LotteryDrawsTable>) => trx.insertInto('lottery_draws').values(row).returningAll().executeTakeFirstOrThrow();

export const findDraw = (ex: LotteryDb, id: string) => ex.selectFrom('lottery_draws').selectAll().where('id', '=', id).executeTakeFirst();

export const lockDraw = (trx: LotteryDb, id: string) => trx.selectFrom('lottery_draws').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const updateDraw = (trx: LotteryDb, id: string, patch: Updateable<LotteryDrawsTable>) =>
  trx.updateTable('lottery_draws').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();

/** The newest 100 draws, or only the active ones. */
export function findDraws(ex: LotteryDb, filter: { activeOnly?: boolean }) {
  let qb = ex.selectFrom('lottery_draws').selectAll().orderBy('created_at', 'desc').limit(100);
  if (filter.activeOnly) qb = qb.where('status', 'in', ['active', 'scheduled']);
  return qb.execute();
}

/** Active draws whose window contains `now`. */
export const findRunningDraws = (ex: LotteryDb, now: Date) =>
  ex.selectFrom('lottery_draws').selectAll().where('status', 'in', ['active', 'scheduled']).where('starts_at', '<=', now).where('ends_at', '>', now).execute();

/** The draw's prize pool becomes exactly `prizes` (positions as given). */
export async function replacePrizes(trx: LotteryDb, drawId: string, prizes: Insertable<LotteryPrizesTable>[]) {
  await trx.deleteFrom('lottery_prizes').where('draw_id', '=', drawId).execute();
  await trx.insertInto('lottery_prizes').values(prizes).execute();
}

export const findPrizes = (ex: LotteryDb, drawId: string) => ex.selectFrom('lottery_prizes').selectAll().where('draw_id', '=', drawId).orderBy('position').execute();

export const findPrizesOfDraws = (ex: LotteryDb, drawIds: string[]) =>
  drawIds.length ? ex.selectFrom('lottery_prizes').selectAll().where('draw_id', 'in', drawIds).orderBy('position').execute() : Promise.resolve([] as PrizeRow[]);

/** One unit of a stocked prize; undefined when it ran out meanwhile. */
export const takePrizeStock = (trx: LotteryDb, prizeId: string) =>
  trx.updateTable('lottery_prizes').set({ stock_left: sql`stock_left - 1` }).where('id', '=', prizeId).where('stock_left', '>=', 1).returning('id').executeTakeFirst();

/** Put back a unit taken in this transaction (the campaign's budget could not pay for it). */
export const returnPrizeStock = (trx: LotteryDb, prizeId: string) =>
  trx.updateTable('lottery_prizes').set({ stock_left: sql`stock_left + 1` }).where('id', '=', prizeId).where('stock_left', 'is not', null).execute();

// ---- chances

/**
 * Take up to `amount` from a user's daily allowance of `cap` extra chances from one source, in one
 * statement: the counter row is created or raised, never past the cap, and `last_taken` (computed
 * from the old row) says how much this call got. Concurrent callers queue on the row, and each
 * re-reads the committed count, so together they never pass the cap. 0 when the cap is reached.
 */
export async function takeDailyAllowance(trx: LotteryDb, g: { drawId: string; userId: string; source: LotteryChanceCapsTable['source']; day: string; amount: number; cap: number }) {
  const first = Math.min(g.amount, g.cap);
  const row = await trx
    .insertInto('lottery_chance_caps')
    .values({ draw_id: g.drawId, user_id: g.userId, source: g.source, day: g.day, granted: first, last_taken: first })
    .onConflict((oc) =>
      oc
        .columns(['draw_id', 'user_id', 'source', 'day'])
        .doUpdateSet({
          granted: sql`least(${g.cap}::int, lottery_chance_caps.granted + ${g.amount}::int)`,
          last_taken: sql`least(${g.cap}::int - lottery_chance_caps.granted, ${g.amount}::int)`,
        })
        .where('lottery_chance_caps.granted', '<', g.cap),
    )
    .returning('last_taken')
    .executeTakeFirst();
  return row?.last_taken ?? 0;
}

/** Once per (draw, ref): undefined when this ref was already granted. */
export const insertChanceGrant = (trx: LotteryDb, row: Insertable<LotteryChanceGrantsTable>) =>
  trx.insertInto('lottery_chance_grants').values(row).onConflict((oc) => oc.columns(['draw_id', 'ref']).doNothing()).returning('id').executeTakeFirst();

/** A grant cut short by the daily cap records what it really gave. */
export const updateChanceGrantAmount = (trx: LotteryDb, id: number, amount: number) => trx.updateTable('lottery_chance_grants').set({ amount }).where('id', '=', id).execute();

/** A grant the daily cap left at nothing leaves no row, so the ledger lists only chances given. */
export const deleteChanceGrant = (trx: LotteryDb, id: number) => trx.deleteFrom('lottery_chance_grants').where('id', '=', id).execute();

export const addChances = (trx: LotteryDb, drawId: string, userId: string, amount: number, now: Date) =>
  trx
    .insertInto('lottery_chances')
    .values({ draw_id: drawId, user_id: userId, balance: amount, updated_at: now })
    .onConflict((oc) => oc.columns(['draw_id', 'user_id']).doUpdateSet({ balance: sql`lottery_chances.balance + ${amount}`, updated_at: now }))
    .execute();

/** One of today's free chances (per-user-per-day counter below `perDay`); undefined when none is left. */
export const takeFreeChance = (trx: LotteryDb, drawId: string, userId: string, day: string, perDay: number) =>
  trx
    .insertInto('lottery_daily_usage')
    .values({ draw_id: drawId, user_id: userId, day, used: 1 })
    .onConflict((oc) => oc.columns(['draw_id', 'user_id', 'day']).doUpdateSet({ used: sql`lottery_daily_usage.used + 1` }).where('lottery_daily_usage.used', '<', perDay))
    .returning('used')
    .executeTakeFirst();

/** One chance from the extra balance; undefined when it is empty. */
export const takeExtraChance = (trx: LotteryDb, drawId: string, userId: string, now: Date) =>
  trx.updateTable('lottery_chances').set({ balance: sql`balance - 1`, updated_at: now }).where('draw_id', '=', drawId).where('user_id', '=', userId).where('balance', '>=', 1).returning('balance').executeTakeFirst();

/** `amount` chances back from the extra balance, only if all are still there; undefined otherwise. */
export const takeChancesBack = (trx: LotteryDb, drawId: string, userId: string, amount: number, now: Date) =>
  trx.updateTable('lottery_chances').set({ balance: sql`balance - ${amount}`, updated_at: now }).where('draw_id', '=', drawId).where('user_id', '=', userId).where('balance', '>=', amount).returning('balance').executeTakeFirst();

export async function findFreeChancesUsed(ex: LotteryDb, drawId: string, userId: string, day: string) {
  const row = await ex.selectFrom('lottery_daily_usage').select('used').where('draw_id', '=', drawId).where('user_id', '=', userId).where('day', '=', day).executeTakeFirst();
  return row?.used ?? 0;
}

export async function findExtraChances(ex: LotteryDb, drawId: string, userId: string) {
  const row = await ex.selectFrom('lottery_chances').select('balance').where('draw_id', '=', drawId).where('user_id', '=', userId).executeTakeFirst();
  return row?.balance ?? 0;
}

// ---- entries

export const insertEntry = (trx: LotteryDb, row: Insertable<LotteryEntriesTable>) => trx.insertInto('lottery_entries').values(row).returningAll().executeTakeFirstOrThrow();

export const findEntry = (ex: LotteryDb, id: string) => ex.selectFrom('lottery_entries').selectAll().where('id', '=', id).executeTakeFirst();

export const findEntryByIdempotencyKey = (ex: LotteryDb, drawId: string, userId: string, key: string) =>
  ex.selectFrom('lottery_entries').selectAll().where('draw_id', '=', drawId).where('user_id', '=', userId).where('idempotency_key', '=', key).executeTakeFirst();

/** A user's newest 100 entries on a draw. */
export const findEntriesOfUser = (ex: LotteryDb, drawId: string, userId: string) =>
  ex.selectFrom('lottery_entries').selectAll().where('draw_id', '=', drawId).where('user_id', '=', userId).orderBy('created_at', 'desc').limit(100).execute();

export function findEntriesOfDraw(ex: LotteryDb, drawId: string, filter: { status?: EntryStatus; limit: number }) {
  let qb = ex.selectFrom('lottery_entries').selectAll().where('draw_id', '=', drawId).orderBy('created_at', 'desc').limit(filter.limit);
  if (filter.status) qb = qb.where('status', '=', filter.status);
  return qb.execute();
}

export const countEntriesByPrize = (ex: LotteryDb, drawId: string) =>
  ex
    .selectFrom('lottery_entries')
    .select(['prize_id', 'prize_name', 'prize_kind', sql<number>`count(*)::int`.as('n')])
    .where('draw_id', '=', drawId)
    .groupBy(['prize_id', 'prize_name', 'prize_kind'])
    .execute();

/** A product win waiting for fulfilment becomes fulfilled; undefined when it was not waiting. */
export const updateEntryFulfilled = (trx: LotteryDb, id: string, now: Date) =>
  trx.updateTable('lottery_entries').set({ status: 'fulfilled', fulfilled_at: now }).where('id', '=', id).where('status', '=', 'to_fulfil').returningAll().executeTakeFirst();

// ---- The console's draw list and prize cost (lottery.admin-results.ts) ----

/** One page of a draw's results, newest first, optionally of one status. */
export const findEntriesPage = (ex: LotteryDb, drawId: string, q: { status?: EntryStatus; offset: number; limit: number }) =>
  ex
    .selectFrom('lottery_entries')
    .selectAll()
    .where('draw_id', '=', drawId)
    .$if(!!q.status, (b) => b.where('status', '=', q.status!))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .offset(q.offset)
    .limit(q.limit)
    .execute();

export const countEntries = async (ex: LotteryDb, drawId: string, status?: EntryStatus) =>
  Number((await ex.selectFrom('lottery_entries').select(sql<number>`count(*)::int`.as('n')).where('draw_id', '=', drawId).$if(!!status, (b) => b.where('status', '=', status!)).executeTakeFirstOrThrow()).n);

/** Results per prize won (prize_id null: nothing won) and the distinct people who drew. */
export const countWinsByPrize = (ex: LotteryDb, drawId: string) =>
  ex.selectFrom('lottery_entries').select(['prize_id', sql<number>`count(*)::int`.as('n')]).where('draw_id', '=', drawId).groupBy('prize_id').execute();

export const countDrawers = async (ex: LotteryDb, drawId: string) =>
  Number((await ex.selectFrom('lottery_entries').select(sql<number>`count(distinct user_id)::int`.as('n')).where('draw_id', '=', drawId).executeTakeFirstOrThrow()).n);
