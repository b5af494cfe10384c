// After-sales requests' SQL. A decision is conditional on the status the caller read, so two
// operators deciding at once leave one decision (the other gets undefined).
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { AftersalesRequestsTable, AftersalesStatus, AftersalesDb } from './aftersales.table.ts';

export type RequestRow = Selectable<AftersalesRequestsTable>;

export const findRequest = (ex: AftersalesDb, id: string) => ex.selectFrom('aftersales_requests').selectAll().where('id', '=', id).executeTakeFirst();

export const lockRequest = (ex: AftersalesDb, id: string) => ex.selectFrom('aftersales_requests').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

/** Newest first, keyset-paged; one row beyond `limit` tells the caller another page exists. */
export function findRequests(ex: AftersalesDb, filter: { userId?: string; status?: AftersalesStatus; after?: { at: Date; id: string }; limit: number }) {
  let qb = ex.selectFrom('aftersales_requests').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit + 1);
  if (filter.userId) qb = qb.where('user_id', '=', filter.userId);
  if (filter.status) qb = qb.where('status', '=', filter.status);
  if (filter.after) qb = qb.where(sql<boolean>`(created_at, id) < (${filter.after.at}, ${filter.after.id})`);
  return qb.execute();
}

export const findOpenRequestOfOrder = (ex: AftersalesDb, orderId: string) =>
  ex.selectFrom('aftersales_requests').select('id').where('order_id', '=', orderId).where('status', 'in', ['pending', 'approved']).executeTakeFirst();

export const insertRequest = (ex: AftersalesDb, row: Insertable<AftersalesRequestsTable>) => ex.insertInto('aftersales_requests').values(row).returningAll().executeTakeFirstOrThrow();

export const updateRequestFrom = (ex: AftersalesDb, id: string, from: AftersalesStatus, patch: Updateable<AftersalesRequestsTable>) =>
  ex.updateTable('aftersales_requests').set(patch).where('id', '=', id).where('status', '=', from).returningAll().executeTakeFirst();

/** The approved request whose refund landed becomes refunded. */
export const updateApprovedRequestsOfRefund = (ex: AftersalesDb, refundId: string, patch: Updateable<AftersalesRequestsTable>) =>
  ex.updateTable('aftersales_requests').set(patch).where('refund_id', '=', refundId).where('status', '=', 'approved').execute();
