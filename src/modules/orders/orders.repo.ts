import { sql, type Insertable, type Selectable } from 'kysely';
import { chinaDay, countInt, type DayRange } from '../../platform/daily.ts';
import type { OrderStatus } from './orders.rules.ts';
import type { OrderAdjustmentsTable, OrderLinesTable, OrdersTable, OrderStatusHistoryTable, OrdersDb } from './orders.table.ts';

export type OrderRow = Selectable<OrdersTable>;
export type OrderLineRow = Selectable<OrderLinesTable>;
export type OrderAdjustmentRow = Selectable<OrderAdjustmentsTable>;

export const findOrder = (db: OrdersDb, id: string) => db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst();

export const lockOrder = (trx: OrdersDb, id: string) => trx.selectFrom('orders').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const findOrderByIdempotencyKey = (db: OrdersDb, userId: string, key: string) =>
  db.selectFrom('orders').selectAll().where('user_id', '=', userId).where('idempotency_key', '=', key).executeTakeFirst();

/** Whether the user has ever paid for an order: one row or none. */
export const findAnyPaidOrder = (db: OrdersDb, userId: string) =>
  db.selectFrom('orders').select('id').where('user_id', '=', userId).where('paid_at', 'is not', null).limit(1).executeTakeFirst();

/** Newest first, keyset-paged; one row beyond `limit` tells the caller another page exists. `q` matches the order number. */
export function findOrders(db: OrdersDb, filter: { userId?: string; status?: OrderStatus; q?: string; after?: { at: Date; id: string }; limit: number }) {
  let qb = db.selectFrom('orders').selectAll().orderBy('placed_at', 'desc').orderBy('id', 'desc').limit(filter.limit + 1);
  if (filter.userId) qb = qb.where('user_id', '=', filter.userId);
  if (filter.status) qb = qb.where('status', '=', filter.status);
  if (filter.q) qb = qb.where('order_no', 'ilike', `%${filter.q.replace(/[%_\\]/g, (c) => '\\' + c)}%`);
  if (filter.after) qb = qb.where(sql<boolean>`(placed_at, id) < (${filter.after.at}, ${filter.after.id})`);
  return qb.execute();
}

export const findLines = (db: OrdersDb, orderIds: string[]) =>
  orderIds.length ? db.selectFrom('order_lines').selectAll().where('order_id', 'in', orderIds).orderBy('order_id').orderBy('id').execute() : Promise.resolve([] as OrderLineRow[]);

export const findAdjustments = (db: OrdersDb, orderId: string) =>
  db.selectFrom('order_adjustments').selectAll().where('order_id', '=', orderId).orderBy('seq').execute();

export const findHistory = (db: OrdersDb, orderId: string) =>
  db.selectFrom('order_status_history').selectAll().where('order_id', '=', orderId).orderBy('id').execute();

/**
 * The order, its lines, its adjustments and its first history row in one statement (data-modifying
 * CTEs; the foreign keys are checked at its end), answering the order row as stored. Four round
 * trips were a fifth of an order placement's statements.
 */
export function insertOrder(trx: OrdersDb, order: Insertable<OrdersTable>, lines: Insertable<OrderLinesTable>[], adjustments: Insertable<OrderAdjustmentsTable>[], history: Insertable<OrderStatusHistoryTable>): Promise<OrderRow> {
  const withRows = trx
    .with('placed_lines', (db) => db.insertInto('order_lines').values(lines))
    .with('placed_history', (db) => db.insertInto('order_status_history').values(history));
  if (!adjustments.length) return withRows.insertInto('orders').values(order).returningAll().executeTakeFirstOrThrow();
  return withRows
    .with('placed_adjustments', (db) => db.insertInto('order_adjustments').values(adjustments))
    .insertInto('orders').values(order).returningAll().executeTakeFirstOrThrow();
}

export const updateOrder = (trx: OrdersDb, id: string, patch: Partial<Insertable<OrdersTable>>) => trx.updateTable('orders').set(patch).where('id', '=', id).execute();

/** Conditional on the status we read, so a concurrent change makes this a no-op (returns undefined). */
export const updateOrderStatus = (trx: OrdersDb, id: string, from: string, patch: Partial<Insertable<OrdersTable>>) =>
  trx.updateTable('orders').set(patch).where('id', '=', id).where('status', '=', from as any).returningAll().executeTakeFirst();

export const insertHistory = (trx: OrdersDb, row: { order_id: string; from_status: string | null; to_status: string; reason: string | null; actor_id: string | null; at: Date }) =>
  trx.insertInto('order_status_history').values(row).execute();

export const addLineRefund = (trx: OrdersDb, lineId: string, quantity: number, amount: number) =>
  trx
    .updateTable('order_lines')
    .set((eb) => ({ refunded_quantity: eb('refunded_quantity', '+', quantity), refunded_amount: eb('refunded_amount', '+', amount) }))
    .where('id', '=', lineId)
    .execute();

/** Finished history in bulk; an order id already present is skipped (re-running an import). */
export async function insertImportedOrders(
  trx: OrdersDb,
  rows: { orders: Insertable<OrdersTable>[]; lines: Insertable<OrderLinesTable>[]; adjustments: Insertable<OrderAdjustmentsTable>[]; history: Insertable<OrderStatusHistoryTable>[] },
) {
  if (rows.orders.length) await trx.insertInto('orders').values(rows.orders).onConflict((oc) => oc.column('id').doNothing()).execute();
  if (rows.lines.length) await trx.insertInto('order_lines').values(rows.lines).execute();
  if (rows.adjustments.length) await trx.insertInto('order_adjustments').values(rows.adjustments).execute();
  if (rows.history.length) await trx.insertInto('order_status_history').values(rows.history).execute();
}

/** Orders placed per China day, and orders paid per day with their GMV (order totals, before refunds). */
export async function dailyOrderActivity(db: OrdersDb, range: DayRange) {
  const [placed, paid] = await Promise.all([
    db.selectFrom('orders').select([chinaDay('placed_at').as('day'), countInt().as('orders')])
      .where('placed_at', '>=', range.from).where('placed_at', '<', range.to).groupBy(sql`1`).execute(),
    db.selectFrom('orders').select([chinaDay('paid_at').as('day'), countInt().as('paid_orders'), sql<number>`coalesce(sum(total_amount), 0)::bigint`.as('gmv'), 'currency'])
      .where('paid_at', '>=', range.from).where('paid_at', '<', range.to).groupBy([sql`1`, 'currency']).execute(),
  ]);
  return { placed, paid: paid.map((r) => ({ ...r, gmv: Number(r.gmv) })) };
}
