// All of the affiliate module's SQL. The promoter's balance only moves by conditional or relative
// UPDATE, ledger rows book once per (kind, ref); the decisions about when to do either live in the
// service files.
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type {
  AffiliateCommissionsTable,
  AffiliateLedgerTable,
  AffiliateProductRatesTable,
  AffiliatePromotersTable,
  AffiliateWithdrawalsTable,
  CommissionStatus,
  PromoterBindingsTable,
  PromoterStatus,
  WithdrawalStatus,
} from './affiliate.table.ts';
import type { AffiliateDb } from './affiliate.table.ts';

export type PromoterRow = Selectable<AffiliatePromotersTable>;
type ProductRateRow = Selectable<AffiliateProductRatesTable>;
export type CommissionRow = Selectable<AffiliateCommissionsTable>;
export type WithdrawalRow = Selectable<AffiliateWithdrawalsTable>;

/** A keyset position: rows strictly before (at, id) in the page's descending order. */
export type After = { at: Date; id: string };

const BINDING_LOCK_KEY = 160_160;

// ---- promoters

export const findPromoter = (ex: AffiliateDb, userId: string) => ex.selectFrom('affiliate_promoters').selectAll().where('user_id', '=', userId).executeTakeFirst();

export const findPromoterStatus = (ex: AffiliateDb, userId: string) => ex.selectFrom('affiliate_promoters').select('status').where('user_id', '=', userId).executeTakeFirst();

/** Locks the promoter row: bindings that pass through the same promoter serialise on it. */
export const lockPromoterStatus = (trx: AffiliateDb, userId: string) => trx.selectFrom('affiliate_promoters').select('status').where('user_id', '=', userId).forUpdate().executeTakeFirst();

export const lockPromoterByUser = (trx: AffiliateDb, userId: string) => trx.selectFrom('affiliate_promoters').selectAll().where('user_id', '=', userId).forUpdate().executeTakeFirstOrThrow();

export const lockPromoter = (trx: AffiliateDb, id: string) => trx.selectFrom('affiliate_promoters').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

/** One row per user: a second application finds the first. */
export const insertPromoterIfAbsent = (trx: AffiliateDb, row: Insertable<AffiliatePromotersTable>) =>
  trx.insertInto('affiliate_promoters').values(row).onConflict((oc) => oc.column('user_id').doNothing()).execute();

export const updatePromoter = (trx: AffiliateDb, id: string, patch: Updateable<AffiliatePromotersTable>) =>
  trx.updateTable('affiliate_promoters').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();

export function findPromoterPage(ex: AffiliateDb, filter: { status?: PromoterStatus; after?: After; limit: number }) {
  let qb = ex.selectFrom('affiliate_promoters').selectAll().orderBy('applied_at', 'desc').orderBy('id', 'desc').limit(filter.limit + 1);
  if (filter.status) qb = qb.where('status', '=', filter.status);
  if (filter.after) qb = qb.where(sql<boolean>`(applied_at, id) < (${filter.after.at}, ${filter.after.id})`);
  return qb.execute();
}

// ---- balance and ledger

/** Take `amount` from the balance only if it covers it; undefined when it does not (racing requests cannot overdraw). */
export const updateBalanceTake = (trx: AffiliateDb, userId: string, amount: number, now: Date) =>
  trx
    .updateTable('affiliate_promoters')
    .set((eb) => ({ balance_amount: eb('balance_amount', '-', amount), updated_at: now }))
    .where('user_id', '=', userId)
    .where('balance_amount', '>=', amount)
    .returning('balance_amount')
    .executeTakeFirst();

/** Add a signed amount to the balance (a reversal may take it below zero). */
export const updateBalanceAdd = (trx: AffiliateDb, userId: string, amount: number, now: Date) =>
  trx.updateTable('affiliate_promoters').set((eb) => ({ balance_amount: eb('balance_amount', '+', amount), updated_at: now })).where('user_id', '=', userId).execute();

export const findBalance = (ex: AffiliateDb, userId: string) => ex.selectFrom('affiliate_promoters').select('balance_amount').where('user_id', '=', userId).executeTakeFirstOrThrow();

export const insertLedgerEntry = (trx: AffiliateDb, row: Insertable<AffiliateLedgerTable>) => trx.insertInto('affiliate_ledger').values(row).execute();

/** Undefined when this (kind, ref) was booked before. */
export const insertLedgerEntryOnce = (trx: AffiliateDb, row: Insertable<AffiliateLedgerTable>) =>
  trx.insertInto('affiliate_ledger').values(row).onConflict((oc) => oc.columns(['kind', 'ref']).doNothing()).returning('id').executeTakeFirst();

export const countLedgerBefore = (ex: AffiliateDb, promoterId: string, before: Date) =>
  ex.selectFrom('affiliate_ledger').select(sql<number>`coalesce(sum(amount), 0)::bigint`.as('n')).where('promoter_id', '=', promoterId).where('at', '<', before).executeTakeFirstOrThrow();

export const findLedgerEntries = (ex: AffiliateDb, promoterId: string, from: Date, to: Date) =>
  ex.selectFrom('affiliate_ledger').select(['kind', 'amount']).where('promoter_id', '=', promoterId).where('at', '>=', from).where('at', '<', to).execute();

// ---- bindings

/** Only a promoter can have a downline, so only their binding could close a cycle: those bindings take this transaction-scoped lock. */
export const lockBindingGraph = async (trx: AffiliateDb) => {
  await sql`select pg_advisory_xact_lock(${BINDING_LOCK_KEY})`.execute(trx);
};

const isActive = (alias: string, now: Date) => sql<boolean>`(${sql.ref(`${alias}.expires_at`)} is null or ${sql.ref(`${alias}.expires_at`)} > ${now})`;

export const findActiveBinding = (ex: AffiliateDb, customerId: string, now: Date) =>
  ex
    .selectFrom('promoter_bindings')
    .selectAll()
    .where('customer_id', '=', customerId)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .executeTakeFirst();

export const lockBinding = (trx: AffiliateDb, customerId: string) => trx.selectFrom('promoter_bindings').selectAll().where('customer_id', '=', customerId).forUpdate().executeTakeFirst();

type BindingValues = Omit<Insertable<PromoterBindingsTable>, 'customer_id'>;

export const updateBinding = (trx: AffiliateDb, customerId: string, fromPromoterId: string, values: BindingValues) =>
  trx.updateTable('promoter_bindings').set(values).where('customer_id', '=', customerId).where('promoter_id', '=', fromPromoterId).execute();

/** Undefined when a concurrent transaction bound the customer first. */
export const insertBindingIfAbsent = (trx: AffiliateDb, row: Insertable<PromoterBindingsTable>) =>
  trx.insertInto('promoter_bindings').values(row).onConflict((oc) => oc.column('customer_id').doNothing()).returning('customer_id').executeTakeFirst();

export function countLevel1Referees(ex: AffiliateDb, promoterIds: string[], now: Date) {
  return ex.selectFrom('promoter_bindings as b1').select(['b1.promoter_id', sql<number>`count(*)::int`.as('n')]).where('b1.promoter_id', 'in', promoterIds).where(isActive('b1', now)).groupBy('b1.promoter_id').execute();
}

export function countLevel2Referees(ex: AffiliateDb, promoterIds: string[], now: Date) {
  return ex
    .selectFrom('promoter_bindings as b1')
    .innerJoin('promoter_bindings as b2', 'b2.promoter_id', 'b1.customer_id')
    .select(['b1.promoter_id', sql<number>`count(*)::int`.as('n')])
    .where('b1.promoter_id', 'in', promoterIds)
    .where(isActive('b1', now))
    .where(isActive('b2', now))
    .groupBy('b1.promoter_id')
    .execute();
}

export const findLevel1Referees = (ex: AffiliateDb, promoterId: string, now: Date, limit: number) =>
  ex.selectFrom('promoter_bindings as b1').select(['b1.customer_id', 'b1.bound_at']).where('b1.promoter_id', '=', promoterId).where(isActive('b1', now)).orderBy('b1.bound_at', 'desc').limit(limit).execute();

export function findLevel2Referees(ex: AffiliateDb, promoterId: string, now: Date, limit: number) {
  return ex
    .selectFrom('promoter_bindings as b1')
    .innerJoin('promoter_bindings as b2', 'b2.promoter_id', 'b1.customer_id')
    .select(['b2.customer_id', 'b2.bound_at'])
    .where('b1.promoter_id', '=', promoterId)
    .where(isActive('b1', now))
    .where(isActive('b2', now))
    .orderBy('b2.bound_at', 'desc')
    .limit(limit)
    .execute();
}

// ---- product rates

export const findProductRates = (ex: AffiliateDb, productIds: string[]) =>
  productIds.length ? ex.selectFrom('affiliate_product_rates').selectAll().where('product_id', 'in', productIds).execute() : Promise.resolve([] as ProductRateRow[]);

export const findAllProductRates = (ex: AffiliateDb) => ex.selectFrom('affiliate_product_rates').selectAll().orderBy('updated_at', 'desc').execute();

/** Insert or replace the product's override. */
export const upsertProductRate = (ex: AffiliateDb, row: Insertable<AffiliateProductRatesTable>) =>
  ex
    .insertInto('affiliate_product_rates')
    .values(row)
    .onConflict((oc) => oc.column('product_id').doUpdateSet({ level1_bp: row.level1_bp, level2_bp: row.level2_bp, updated_at: row.updated_at }))
    .returningAll()
    .executeTakeFirstOrThrow();

/** Undefined when the product had no override. */
export const deleteProductRate = (ex: AffiliateDb, productId: string) => ex.deleteFrom('affiliate_product_rates').where('product_id', '=', productId).returning('product_id').executeTakeFirst();

// ---- commissions

export const findAnyCommissionOfOrder = (ex: AffiliateDb, orderId: string) => ex.selectFrom('affiliate_commissions').select('id').where('order_id', '=', orderId).executeTakeFirst();

/** Once per (line, level): rows another transaction inserted first are skipped and not returned. */
export const insertCommissions = (trx: AffiliateDb, rows: Insertable<AffiliateCommissionsTable>[]) =>
  trx.insertInto('affiliate_commissions').values(rows).onConflict((oc) => oc.columns(['order_line_id', 'level']).doNothing()).returningAll().execute();

export const updateFrozenSettleAt = (trx: AffiliateDb, orderId: string, settleAt: Date) =>
  trx.updateTable('affiliate_commissions').set({ settle_at: settleAt }).where('order_id', '=', orderId).where('status', '=', 'frozen').returning('id').execute();

export const updateFrozenHold = (trx: AffiliateDb, orderId: string, onHold: boolean) =>
  trx.updateTable('affiliate_commissions').set({ on_hold: onHold }).where('order_id', '=', orderId).where('status', '=', 'frozen').returning('settle_at').execute();

export const lockDueCommissions = (trx: AffiliateDb, orderId: string, now: Date) =>
  trx.selectFrom('affiliate_commissions').selectAll().where('order_id', '=', orderId).where('status', '=', 'frozen').where('settle_at', '<=', now).orderBy('id').forUpdate().execute();

/** Commission not yet wholly reversed, locked in id order. */
export const lockUnreversedCommissions = (trx: AffiliateDb, orderId: string) =>
  trx.selectFrom('affiliate_commissions').selectAll().where('order_id', '=', orderId).where('status', '!=', 'reversed').orderBy('id').forUpdate().execute();

export const updateCommissionsHeld = (trx: AffiliateDb, ids: string[]) => trx.updateTable('affiliate_commissions').set({ on_hold: true }).where('id', 'in', ids).execute();

export const updateCommission = (trx: AffiliateDb, id: string, patch: Updateable<AffiliateCommissionsTable>) => trx.updateTable('affiliate_commissions').set(patch).where('id', '=', id).execute();

/** Net and reversed sums per promoter and status. */
export function countCommissionTotals(ex: AffiliateDb, promoterIds: string[]) {
  return ex
    .selectFrom('affiliate_commissions')
    .select(['promoter_id', 'status', sql<number>`coalesce(sum(amount - reversed_amount), 0)::bigint`.as('net'), sql<number>`coalesce(sum(reversed_amount), 0)::bigint`.as('reversed')])
    .where('promoter_id', 'in', promoterIds)
    .groupBy(['promoter_id', 'status'])
    .execute();
}

export function findCommissionPage(ex: AffiliateDb, promoterId: string, filter: { status?: CommissionStatus; after?: After; limit: number }) {
  let qb = ex.selectFrom('affiliate_commissions').selectAll().where('promoter_id', '=', promoterId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit + 1);
  if (filter.status) qb = qb.where('status', '=', filter.status);
  if (filter.after) qb = qb.where(sql<boolean>`(created_at, id) < (${filter.after.at}, ${filter.after.id})`);
  return qb.execute();
}

// ---- withdrawals

export const findWithdrawalByKey = (ex: AffiliateDb, promoterId: string, idempotencyKey: string) =>
  ex.selectFrom('affiliate_withdrawals').selectAll().where('promoter_id', '=', promoterId).where('idempotency_key', '=', idempotencyKey).executeTakeFirst();

export const insertWithdrawal = (trx: AffiliateDb, row: Insertable<AffiliateWithdrawalsTable>) => trx.insertInto('affiliate_withdrawals').values(row).returningAll().executeTakeFirstOrThrow();

export const lockWithdrawal = (trx: AffiliateDb, id: string) => trx.selectFrom('affiliate_withdrawals').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const updatePendingWithdrawal = (trx: AffiliateDb, id: string, patch: Updateable<AffiliateWithdrawalsTable>) =>
  trx.updateTable('affiliate_withdrawals').set(patch).where('id', '=', id).where('status', '=', 'pending').returningAll().executeTakeFirstOrThrow();

/** Paid and pending amounts (and fees) per promoter and status. */
export function countWithdrawalTotals(ex: AffiliateDb, promoterIds: string[]) {
  return ex
    .selectFrom('affiliate_withdrawals')
    .select(['promoter_id', 'status', sql<number>`coalesce(sum(amount), 0)::bigint`.as('amount'), sql<number>`coalesce(sum(fee_amount), 0)::bigint`.as('fees')])
    .where('promoter_id', 'in', promoterIds)
    .where('status', 'in', ['paid', 'pending'])
    .groupBy(['promoter_id', 'status'])
    .execute();
}

export function findWithdrawalPage(ex: AffiliateDb, filter: { promoterId?: string; status?: WithdrawalStatus; after?: After; limit: number }) {
  let qb = ex.selectFrom('affiliate_withdrawals').selectAll().orderBy('requested_at', 'desc').orderBy('id', 'desc').limit(filter.limit + 1);
  if (filter.promoterId) qb = qb.where('promoter_id', '=', filter.promoterId);
  if (filter.status) qb = qb.where('status', '=', filter.status);
  if (filter.after) qb = qb.where(sql<boolean>`(requested_at, id) < (${filter.after.at}, ${filter.after.id})`);
  return qb.execute();
}
