// All of the price-cut module's SQL. Campaign stock and the helpers' daily limit only move by
// conditional UPDATE/upsert ... RETURNING, and a price-cut is ordered only from the state and price
// the shopper saw; no business decisions here.
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { BargainCampaignsTable, BargainCutsTable, BargainHelpsTable, BargainDb } from './bargain.table.ts';
import type { CutStatus } from './bargain.rules.ts';

export type CampaignRow = Selectable<BargainCampaignsTable>;
export type CutRow = Selectable<BargainCutsTable>;

// ---- campaigns

export const insertCampaign = (trx: BargainDb, row: Insertable<BargainCampaignsTable>) => trx.insertInto('bargain_campaigns').values(row).returningAll().executeTakeFirstOrThrow();

export const findCampaign = (ex: BargainDb, id: string) => ex.selectFrom('bargain_campaigns').selectAll().where('id', '=', id).executeTakeFirst();

export const lockCampaign = (trx: BargainDb, id: string) => trx.selectFrom('bargain_campaigns').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const updateCampaign = (trx: BargainDb, id: string, patch: Updateable<BargainCampaignsTable>) =>
  trx.updateTable('bargain_campaigns').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();

/** Newest first; only the active ones when asked. */
export function findCampaigns(ex: BargainDb, filter: { activeOnly?: boolean }) {
  let qb = ex.selectFrom('bargain_campaigns').selectAll().orderBy('created_at', 'desc');
  if (filter.activeOnly) qb = qb.where('status', 'in', ['active', 'scheduled']);
  return qb.execute();
}

/** One campaign unit for an order; undefined when it is sold out. */
export const takeCampaignUnit = (trx: BargainDb, campaignId: string, at: Date) =>
  trx.updateTable('bargain_campaigns').set({ stock_left: sql`stock_left - 1`, updated_at: at }).where('id', '=', campaignId).where('stock_left', '>=', 1).returning('stock_left').executeTakeFirst();

export const returnCampaignUnit = (trx: BargainDb, campaignId: string, at: Date) =>
  trx.updateTable('bargain_campaigns').set({ stock_left: sql`stock_left + 1`, updated_at: at }).where('id', '=', campaignId).execute();

export const countCutsByStatus = (ex: BargainDb, campaignId: string) =>
  ex.selectFrom('bargain_cuts').select(['status', sql<number>`count(*)::int`.as('n')]).where('campaign_id', '=', campaignId).groupBy('status').execute();

/** Helps on a campaign's price-cuts: all of them, by brand-new customers, and distinct helpers. */
export const countHelpsOfCampaign = (ex: BargainDb, campaignId: string) =>
  ex
    .selectFrom('bargain_helps')
    .innerJoin('bargain_cuts', 'bargain_cuts.id', 'bargain_helps.cut_id')
    .select([sql<number>`count(*)::int`.as('helps'), sql<number>`count(*) filter (where bargain_helps.new_customer)::int`.as('newCustomerHelps'), sql<number>`count(distinct bargain_helps.helper_id)::int`.as('helpers')])
    .where('bargain_cuts.campaign_id', '=', campaignId)
    .where('bargain_helps.seq', '>', 0) // friends' helps, not the starters' own first cuts
    .executeTakeFirstOrThrow();

// ---- price-cuts

export const insertCut = (trx: BargainDb, row: Insertable<BargainCutsTable>) => trx.insertInto('bargain_cuts').values(row).returningAll().executeTakeFirstOrThrow();

export const findCut = (ex: BargainDb, id: string) => ex.selectFrom('bargain_cuts').selectAll().where('id', '=', id).executeTakeFirst();

export const lockCut = (trx: BargainDb, id: string) => trx.selectFrom('bargain_cuts').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

/** A user's price-cut in a campaign that is still open, succeeded or ordered (at most one). */
export const findLiveCut = (ex: BargainDb, campaignId: string, userId: string) =>
  ex.selectFrom('bargain_cuts').select('id').where('campaign_id', '=', campaignId).where('user_id', '=', userId).where('status', 'in', ['open', 'succeeded', 'ordered']).executeTakeFirst();

export const findCutsOfUser = (ex: BargainDb, userId: string, limit: number) =>
  ex.selectFrom('bargain_cuts').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').limit(limit).execute();

export const updateCut = (trx: BargainDb, id: string, patch: Updateable<BargainCutsTable>) =>
  trx.updateTable('bargain_cuts').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();

/**
 * The price-cut becomes ordered only if it is still open or succeeded, at `price`, and not expired
 * at `at`; undefined otherwise.
 */
export const takeCutForOrder = (trx: BargainDb, cutId: string, orderId: string, price: number, at: Date) =>
  trx
    .updateTable('bargain_cuts')
    .set({ status: 'ordered', order_id: orderId, updated_at: at })
    .where('id', '=', cutId)
    .where('status', 'in', ['open', 'succeeded'])
    .where('current_amount', '=', price)
    .where('expires_at', '>', at)
    .returningAll()
    .executeTakeFirst();

/** Open or succeeded price-cuts past their expiry at `now` become expired; undefined otherwise. */
export const updateCutExpired = (trx: BargainDb, cutId: string, now: Date) =>
  trx.updateTable('bargain_cuts').set({ status: 'expired', updated_at: now }).where('id', '=', cutId).where('status', 'in', ['open', 'succeeded']).where('expires_at', '<=', now).returningAll().executeTakeFirst();

export const lockOrderedCutOfOrder = (trx: BargainDb, orderId: string) =>
  trx.selectFrom('bargain_cuts').selectAll().where('order_id', '=', orderId).where('status', '=', 'ordered').forUpdate().executeTakeFirst();

/** The ordered price-cut of a paid order becomes bought; undefined when there is none. */
export const updateCutBought = (trx: BargainDb, orderId: string, now: Date) =>
  trx.updateTable('bargain_cuts').set({ status: 'bought', updated_at: now }).where('order_id', '=', orderId).where('status', '=', 'ordered').returningAll().executeTakeFirst();

// ---- helps

export const findHelp = (ex: BargainDb, cutId: string, helperId: string) => ex.selectFrom('bargain_helps').select('id').where('cut_id', '=', cutId).where('helper_id', '=', helperId).executeTakeFirst();

export const findHelps = (ex: BargainDb, cutId: string) => ex.selectFrom('bargain_helps').selectAll().where('cut_id', '=', cutId).orderBy('seq').execute();

/** A helper's help on a cut, locked, and its removal (risk taking back a help found to be fraud later). */
export const lockHelp = (trx: BargainDb, cutId: string, helperId: string) => trx.selectFrom('bargain_helps').selectAll().where('cut_id', '=', cutId).where('helper_id', '=', helperId).forUpdate().executeTakeFirst();
export async function deleteHelp(trx: BargainDb, h: { id: string; cut_id: string; seq: number }) {
  await trx.deleteFrom('bargain_helps').where('id', '=', h.id).execute();
  // The later helps move down one (seq stays 1..helps); through negatives, so no step collides with the unique (cut, seq).
  await trx.updateTable('bargain_helps').set({ seq: sql`-seq` }).where('cut_id', '=', h.cut_id).where('seq', '>', h.seq).execute();
  await trx.updateTable('bargain_helps').set({ seq: sql`-seq - 1` }).where('cut_id', '=', h.cut_id).where('seq', '<', 0).execute();
}

export const insertHelp = (trx: BargainDb, row: Insertable<BargainHelpsTable>) => trx.insertInto('bargain_helps').values(row).returningAll().executeTakeFirstOrThrow();

/** Count one help for a helper on a campaign's China day, below `limit`; undefined when the limit is reached. */
export const takeHelperDay = (trx: BargainDb, campaignId: string, helperId: string, day: string, limit: number) =>
  trx
    .insertInto('bargain_helper_days')
    .values({ campaign_id: campaignId, helper_id: helperId, day, helps: 1 })
    .onConflict((oc) => oc.columns(['campaign_id', 'helper_id', 'day']).doUpdateSet({ helps: sql`bargain_helper_days.helps + 1` }).where('bargain_helper_days.helps', '<', limit))
    .returning('helps')
    .executeTakeFirst();

// ---- The console's price-cut list (bargain.admin-cuts.ts) ----

/** One page of a campaign's price-cuts, newest first, optionally of one status. */
export const findCutsPage = (ex: BargainDb, campaignId: string, q: { status?: CutStatus; offset: number; limit: number }) =>
  ex
    .selectFrom('bargain_cuts')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .$if(!!q.status, (b) => b.where('status', '=', q.status!))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .offset(q.offset)
    .limit(q.limit)
    .execute();

/** A campaign's price-cuts per status, with what reaching the floor gave away (list − floor) on those that reached it. */
export const cutTotals = (ex: BargainDb, campaignId: string) =>
  ex
    .selectFrom('bargain_cuts')
    .select((eb) => ['status', eb.fn.countAll<number>().as('n'), sql<number>`count(*) filter (where current_amount <= floor_amount)`.as('at_floor'), sql<number>`coalesce(sum(original_amount - floor_amount) filter (where current_amount <= floor_amount), 0)`.as('floor_cost')])
    .where('campaign_id', '=', campaignId)
    .groupBy('status')
    .execute();
