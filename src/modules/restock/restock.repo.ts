// All of the restock module's SQL; no business decisions here.
import type { Insertable } from 'kysely';
import type { RestockAlertsTable, RestockDb } from './restock.table.ts';

/** Opens an alert, or re-opens the shopper's earlier one for the SKU; returns the row. */
export async function upsertWaitingAlert(db: RestockDb, row: Insertable<RestockAlertsTable>) {
  return db
    .insertInto('restock_alerts')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['user_id', 'sku_id']).doUpdateSet((eb) => ({
        status: 'waiting',
        // Still waiting: keep the original time, so the list shows when the shopper first asked.
        created_at: eb.case().when('restock_alerts.status', '=', 'waiting').then(eb.ref('restock_alerts.created_at')).else(eb.ref('excluded.created_at')).end(),
        updated_at: eb.ref('excluded.updated_at'),
        notified_at: null,
        messaged_at: null,
      })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function cancelWaitingAlert(db: RestockDb, userId: string, skuId: string, now: Date) {
  return db
    .updateTable('restock_alerts')
    .set({ status: 'cancelled', updated_at: now })
    .where('user_id', '=', userId)
    .where('sku_id', '=', skuId)
    .where('status', '=', 'waiting')
    .returning('id')
    .executeTakeFirst();
}

export async function countWaiting(db: RestockDb, skuId: string) {
  const row = await db.selectFrom('restock_alerts').select((eb) => eb.fn.countAll<string>().as('n')).where('sku_id', '=', skuId).where('status', '=', 'waiting').executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Conditional update: two deliveries of the same stock event can only claim each alert once. */
export async function markNotified(db: RestockDb, skuId: string, now: Date) {
  return db
    .updateTable('restock_alerts')
    .set({ status: 'notified', notified_at: now, updated_at: now })
    .where('sku_id', '=', skuId)
    .where('status', '=', 'waiting')
    .returning(['id', 'user_id', 'notified_at'])
    .execute();
}

export async function findAlert(db: RestockDb, id: string) {
  return db.selectFrom('restock_alerts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function setMessaged(db: RestockDb, id: string, notifiedAt: Date, now: Date) {
  await db.updateTable('restock_alerts').set({ messaged_at: now }).where('id', '=', id).where('notified_at', '=', notifiedAt).execute();
}

export async function findUserAlerts(db: RestockDb, userId: string, filter: { productId?: string; limit: number }) {
  let q = db
    .selectFrom('restock_alerts')
    .selectAll()
    .where('user_id', '=', userId)
    .where('status', '!=', 'cancelled')
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit);
  if (filter.productId) q = q.where('product_id', '=', filter.productId);
  return q.execute();
}
