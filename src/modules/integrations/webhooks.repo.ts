// All webhook SQL: endpoints, deliveries and their attempts.
import { sql, type Insertable, type Updateable } from 'kysely';
import type { Executor } from '../../platform/events.ts';
import type { DeliveryStatus, WebhookAttemptsTable, WebhookDeliveriesTable, WebhookEndpointsTable } from './integrations.table.ts';

export const insertEndpoint = (db: Executor, row: Insertable<WebhookEndpointsTable>) =>
  db.insertInto('webhook_endpoints').values(row).returningAll().executeTakeFirstOrThrow();

export const findEndpoint = (db: Executor, id: string) =>
  db.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).executeTakeFirst();

export const lockEndpoint = (trx: Executor, id: string) =>
  trx.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const findEndpoints = (db: Executor) =>
  db.selectFrom('webhook_endpoints').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').execute();

export const findEnabledEndpoints = (db: Executor) =>
  db.selectFrom('webhook_endpoints').select(['id', 'event_types']).where('enabled', '=', true).execute();

export const updateEndpoint = (db: Executor, id: string, patch: Updateable<WebhookEndpointsTable>) =>
  db.updateTable('webhook_endpoints').set(patch).where('id', '=', id).returningAll().executeTakeFirst();

export const deleteEndpoint = (db: Executor, id: string) =>
  db.deleteFrom('webhook_endpoints').where('id', '=', id).returning('id').executeTakeFirst();

/** Null when this endpoint already has a delivery for this event (a redelivered outbox event). */
export const insertDelivery = (db: Executor, row: Insertable<WebhookDeliveriesTable>) =>
  db
    .insertInto('webhook_deliveries')
    .values(row)
    .onConflict((oc) => oc.columns(['endpoint_id', 'event_id']).where('event_id', 'is not', null).doNothing())
    .returning('id')
    .executeTakeFirst();

export const findDelivery = (db: Executor, id: string) =>
  db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();

export const lockDelivery = (trx: Executor, id: string) =>
  trx.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export interface DeliveryFilter {
  endpointId?: string;
  status?: DeliveryStatus;
  after?: { createdAt: string; id: string };
  limit: number;
}

/** Newest first, keyset on (created_at, id). */
export function findDeliveries(db: Executor, f: DeliveryFilter) {
  let q = db.selectFrom('webhook_deliveries').select(['id', 'endpoint_id', 'event_id', 'event_type', 'status', 'attempts', 'next_attempt_at', 'last_status_code', 'last_latency_ms', 'last_error', 'created_at', 'updated_at']);
  if (f.endpointId) q = q.where('endpoint_id', '=', f.endpointId);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.after) q = q.where(sql<boolean>`(created_at, id) < (${new Date(f.after.createdAt)}, ${f.after.id}::uuid)`);
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit + 1).execute();
}

export const updateDelivery = (db: Executor, id: string, patch: Updateable<WebhookDeliveriesTable>) =>
  db.updateTable('webhook_deliveries').set(patch).where('id', '=', id).execute();

/** The next attempt number for a delivery, taken atomically so two runners never share one. */
export const takeAttemptNumber = (trx: Executor, id: string, now: Date) =>
  trx
    .updateTable('webhook_deliveries')
    .set({ attempts: sql`attempts + 1`, updated_at: now })
    .where('id', '=', id)
    .returning('attempts')
    .executeTakeFirst();

export const insertAttempt = (trx: Executor, row: Insertable<WebhookAttemptsTable>) =>
  trx.insertInto('webhook_attempts').values(row).execute();

export const findAttempts = (db: Executor, deliveryId: string) =>
  db.selectFrom('webhook_attempts').selectAll().where('delivery_id', '=', deliveryId).orderBy('attempt').execute();

/** Last delivery outcome per endpoint, for the console list. */
export const countRecentFailures = (db: Executor, endpointIds: string[]) =>
  endpointIds.length
    ? db
        .selectFrom('webhook_deliveries')
        .select(['endpoint_id', sql<number>`count(*) filter (where status = 'failed')::int`.as('failed'), sql<number>`count(*) filter (where status = 'pending')::int`.as('pending')])
        .where('endpoint_id', 'in', endpointIds)
        .groupBy('endpoint_id')
        .execute()
    : Promise.resolve([]);

