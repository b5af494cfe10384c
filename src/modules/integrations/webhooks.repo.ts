// All webhook SQL: endpoints, deliveries and their attempts.
import { sql, type Insertable, type Updateable } from 'kysely';
import type { DeliveryStatus, WebhookAttemptsTable, WebhookDeliveriesTable, WebhookEndpointsTable, IntegrationsDb } from './integrations.table.ts';

export const insertEndpoint = (db: IntegrationsDb, row: Insertable<WebhookEndpointsTable>) =>
  db.insertInto('webhook_endpoints').values(row).returningAll().executeTakeFirstOrThrow();

export const findEndpoint = (db: IntegrationsDb, id: string) =>
  db.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).executeTakeFirst();

export const lockEndpoint = (trx: IntegrationsDb, id: string) =>
  trx.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const findEndpoints = (db: IntegrationsDb) =>
  db.selectFrom('webhook_endpoints').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').execute();

export const findEnabledEndpoints = (db: IntegrationsDb) =>
  db.selectFrom('webhook_endpoints').select(['id', 'event_types']).where('enabled', '=', true).execute();

export const updateEndpoint = (db: IntegrationsDb, id: string, patch: Updateable<WebhookEndpointsTable>) =>
  db.updateTable('webhook_endpoints').set(patch).where('id', '=', id).returningAll().executeTakeFirst();

export const deleteEndpoint = (db: IntegrationsDb, id: string) =>
  db.deleteFrom('webhook_endpoints').where('id', '=', id).returning('id').executeTakeFirst();

/** Null when this endpoint already has a delivery for this event (a redelivered outbox event). */
export const insertDelivery = (db: IntegrationsDb, row: Insertable<WebhookDeliveriesTable>) =>
  db
    .insertInto('webhook_deliveries')
    .values(row)
    .onConflict((oc) => oc.columns(['endpoint_id', 'event_id']).where('event_id', 'is not', null).doNothing())
    .returning('id')
    .executeTakeFirst();

export const findDelivery = (db: IntegrationsDb, id: string) =>
  db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();

export const lockDelivery = (trx: IntegrationsDb, id: string) =>
  trx.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export interface DeliveryFilter {
  endpointId?: string;
  status?: DeliveryStatus;
  after?: { createdAt: string; id: string };
  limit: number;
}

/** Newest first, keyset on (created_at, id). */
export function findDeliveries(db: IntegrationsDb, f: DeliveryFilter) {
  let q = db.selectFrom('webhook_deliveries').select(['id', 'endpoint_id', 'event_id', 'event_type', 'status', 'attempts', 'next_attempt_at', 'last_status_code', 'last_latency_ms', 'last_error', 'created_at', 'updated_at']);
  if (f.endpointId) q = q.where('endpoint_id', '=', f.endpointId);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.after) q = q.where(sql<boolean>`(created_at, id) < (${new Date(f.after.createdAt)}, ${f.after.id}::uuid)`);
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit + 1).execute();
}

export const updateDelivery = (db: IntegrationsDb, id: string, patch: Updateable<WebhookDeliveriesTable>) =>
  db.updateTable('webhook_deliveries').set(patch).where('id', '=', id).execute();

/** The next attempt number for a delivery, taken atomically so two runners never share one. */
export const takeAttemptNumber = (trx: IntegrationsDb, id: string, now: Date) =>
  trx
    .updateTable('webhook_deliveries')
    .set({ attempts: sql`attempts + 1`, updated_at: now })
    .where('id', '=', id)
    .returning('attempts')
    .executeTakeFirst();

export const insertAttempt = (trx: IntegrationsDb, row: Insertable<WebhookAttemptsTable>) =>
  trx.insertInto('webhook_attempts').values(row).execute();

export const findAttempts = (db: IntegrationsDb, deliveryId: string) =>
  db.selectFrom('webhook_attempts').selectAll().where('delivery_id', '=', deliveryId).orderBy('attempt').execute();

/** Last delivery outcome per endpoint, for the console list. */
export const countRecentFailures = (db: IntegrationsDb, endpointIds: string[]) =>
  endpointIds.length
    ? db
        .selectFrom('webhook_deliveries')
        .select(['endpoint_id', sql<number>`count(*) filter (where status = 'failed')::int`.as('failed'), sql<number>`count(*) filter (where status = 'pending')::int`.as('pending')])
        .where('endpoint_id', 'in', endpointIds)
        .groupBy('endpoint_id')
        .execute()
    : Promise.resolve([]);

