// All of the campaign kernel's SQL. The budget moves only by conditional UPDATE, so concurrent
// spends can never take it past its ceiling (and a CHECK constraint refuses it besides).
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { CampaignStatus, CostKind, Mechanic } from './campaigns.rules.ts';
import type { CampaignsTable, CampaignsDb } from './campaigns.table.ts';

export type CampaignRow = Selectable<CampaignsTable>;

export const findCampaign = (ex: CampaignsDb, id: string) => ex.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirst();

export const findCampaigns = (ex: CampaignsDb, ids: readonly string[]) =>
  ids.length ? ex.selectFrom('campaigns').selectAll().where('id', 'in', [...ids]).execute() : Promise.resolve([]);

export const lockCampaign = (ex: CampaignsDb, id: string) => ex.selectFrom('campaigns').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const insertCampaign = (ex: CampaignsDb, row: Insertable<CampaignsTable>) => ex.insertInto('campaigns').values(row).returningAll().executeTakeFirstOrThrow();

export const updateCampaign = (ex: CampaignsDb, id: string, patch: Updateable<CampaignsTable>) =>
  ex.updateTable('campaigns').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();

export interface CampaignFilter {
  mechanic?: Mechanic;
  status?: CampaignStatus;
  /** Keyset cursor: rows created before this (created_at, id). */
  before?: { createdAt: string; id: string };
  limit: number;
}

export function listCampaigns(ex: CampaignsDb, f: CampaignFilter) {
  let q = ex.selectFrom('campaigns').selectAll();
  if (f.mechanic) q = q.where('mechanic', '=', f.mechanic);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.before) {
    const b = f.before;
    q = q.where((eb) => eb.or([eb('created_at', '<', new Date(b.createdAt)), eb.and([eb('created_at', '=', new Date(b.createdAt)), eb('id', '<', b.id)])]));
  }
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
}

/** Adds `amount` to what the campaign has spent, only if that stays within its budget. */
export const giveBackBudget = (ex: CampaignsDb, id: string, amount: number) =>
  ex.updateTable('campaigns').set((eb) => ({ spent_amount: eb('spent_amount', '-', amount) })).where('id', '=', id).execute();

export interface LedgerEntry {
  campaign_id: string;
  kind: CostKind;
  amount: number;
  ref: string;
  order_id: string | null;
  user_id: string | null;
  note: string | null;
  at: Date;
}

/** Undefined when an entry with this ref exists already (the spend or release was done before). */
export const insertLedgerEntry = (ex: CampaignsDb, entry: LedgerEntry) =>
  ex.insertInto('campaign_ledger').values(entry).onConflict((oc) => oc.columns(['campaign_id', 'ref']).doNothing()).returning('id').executeTakeFirst();

/**
 * Books a spend and takes it from the budget in one statement: `inserted` is null when the ref was
 * booked before (nothing more is spent), `taken` false when the budget cannot cover it (the entry
 * is then inserted but must be deleted). One round trip matters because the campaign row is hot:
 * every order of a busy campaign waits for its lock, held from here to the commit.
 */
export async function bookSpend(ex: CampaignsDb, entry: LedgerEntry): Promise<{ inserted: number | null; taken: boolean }> {
  const { rows } = await sql<{ inserted: number | null; taken: boolean }>`
    with booked as (
      insert into campaign_ledger (campaign_id, kind, amount, ref, order_id, user_id, note, at)
      values (${entry.campaign_id}, ${entry.kind}, ${entry.amount}, ${entry.ref}, ${entry.order_id}, ${entry.user_id}, ${entry.note}, ${entry.at})
      on conflict (campaign_id, ref) do nothing
      returning id
    ), taken as (
      update campaigns set spent_amount = spent_amount + ${entry.amount}
      where id = ${entry.campaign_id} and exists (select 1 from booked)
        and (budget_amount is null or spent_amount + ${entry.amount} <= budget_amount)
      returning id
    )
    select (select id from booked) as inserted, exists (select 1 from taken) as taken`.execute(ex);
  return { inserted: rows[0].inserted === null ? null : Number(rows[0].inserted), taken: rows[0].taken };
}

/**
 * Books a spend whose amount is taken from the budget when the transaction commits (the deferred
 * trigger of migration 0641): no lock on the campaign row until then. A repeated ref books nothing.
 */
export const bookSpendAtCommit = (ex: CampaignsDb, entry: LedgerEntry) =>
  ex.insertInto('campaign_ledger').values({ ...entry, budget_at_commit: true }).onConflict((oc) => oc.columns(['campaign_id', 'ref']).doNothing()).execute();

export const deleteLedgerEntry = (ex: CampaignsDb, id: number) => ex.deleteFrom('campaign_ledger').where('id', '=', id).execute();

/** Spends booked against an order that have not been given back yet. */
export const openSpendsOfOrder = (ex: CampaignsDb, orderId: string) =>
  ex
    .selectFrom('campaign_ledger as l')
    .selectAll('l')
    .where('l.order_id', '=', orderId)
    .where('l.amount', '>', 0)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('campaign_ledger as r').select('r.id').whereRef('r.campaign_id', '=', 'l.campaign_id').where('r.ref', '=', sql<string>`'release:' || l.ref`))))
    .execute();

export const findLedgerEntry = (ex: CampaignsDb, campaignId: string, ref: string) =>
  ex.selectFrom('campaign_ledger').selectAll().where('campaign_id', '=', campaignId).where('ref', '=', ref).executeTakeFirst();

export const ledgerPage = (ex: CampaignsDb, campaignId: string, beforeId: number | undefined, limit: number) => {
  let q = ex.selectFrom('campaign_ledger').selectAll().where('campaign_id', '=', campaignId);
  if (beforeId !== undefined) q = q.where('id', '<', beforeId);
  return q.orderBy('id', 'desc').limit(limit).execute();
};

/** Net cost by kind, and by kind over a date range when given (the analytics cost ledger). */
export async function costByKind(ex: CampaignsDb, campaignId: string, range?: { from: Date; to: Date }) {
  let q = ex.selectFrom('campaign_ledger').select(['kind', sql<number>`coalesce(sum(amount), 0)::bigint`.as('amount')]).where('campaign_id', '=', campaignId);
  if (range) q = q.where('at', '>=', range.from).where('at', '<', range.to);
  const rows = await q.groupBy('kind').execute();
  return rows.map((r) => ({ kind: r.kind, amount: Number(r.amount) }));
}

/** Live and scheduled campaigns whose window says they should have moved on (a job may have been lost). */
export const campaignsDue = (ex: CampaignsDb, now: Date) =>
  ex
    .selectFrom('campaigns')
    .select(['id', 'status'])
    .where((eb) => eb.or([eb.and([eb('status', '=', 'scheduled'), eb('starts_at', '<=', now)]), eb.and([eb('status', 'in', ['scheduled', 'live', 'paused']), eb('ends_at', '<=', now)])]))
    .limit(500)
    .execute();
