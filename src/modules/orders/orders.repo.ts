import { sql, type Insertable, type Selectable, type SelectQueryBuilder } from 'kysely';
import { chinaDay, countInt, type DayRange } from '../../platform/daily.ts';
import type { OrderStatus } from './orders.rules.ts';
import type { OrderAdjustmentsTable, OrderLinesTable, OrdersTable, OrderStatusHistoryTable, OrdersDb, OrdersTables } from './orders.table.ts';

export type OrderRow = Selectable<OrdersTable>;
export type OrderLineRow = Selectable<OrderLinesTable>;
export type OrderAdjustmentRow = Selectable<OrderAdjustmentsTable>;
export type OrderStatusHistoryRow = Selectable<OrderStatusHistoryTable>;

export const findOrder = (db: OrdersDb, id: string) => db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst();

export const lockOrder = (trx: OrdersDb, id: string) => trx.selectFrom('orders').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const findOrderByIdempotencyKey = (db: OrdersDb, userId: string, key: string) =>
  db.selectFrom('orders').selectAll().where('user_id', '=', userId).where('idempotency_key', '=', key).executeTakeFirst();

/** Whether the user has ever paid for an order: one row or none. */
export const findAnyPaidOrder = (db: OrdersDb, userId: string) =>
  db.selectFrom('orders').select('id').where('user_id', '=', userId).where('paid_at', 'is not', null).limit(1).executeTakeFirst();

/** What the operator's order workbench narrows by; every field is optional and they combine with AND. */
export interface OrderFilter {
  userId?: string;
  status?: OrderStatus;
  /** Order number contains. */
  q?: string;
  /** An order line's product title contains. */
  product?: string;
  kind?: string;
  /** Placed at or after `from` and before `to`. */
  from?: Date;
  to?: Date;
}

const likeOf = (text: string) => `%${text.replace(/[%_\\]/g, (c) => '\\' + c)}%`;

function filtered<Q extends SelectQueryBuilder<OrdersTables, 'orders', any>>(qb: Q, filter: OrderFilter, opts: { status: boolean }): Q {
  let q = qb as SelectQueryBuilder<OrdersTables, 'orders', any>;
  if (filter.userId) q = q.where('orders.user_id', '=', filter.userId);
  if (opts.status && filter.status) q = q.where('orders.status', '=', filter.status);
  if (filter.q) q = q.where('orders.order_no', 'ilike', likeOf(filter.q));
  if (filter.kind) q = q.where('orders.kind', '=', filter.kind);
  if (filter.from) q = q.where('orders.placed_at', '>=', filter.from);
  if (filter.to) q = q.where('orders.placed_at', '<', filter.to);
  if (filter.product) {
    const like = likeOf(filter.product);
    q = q.where(({ exists, selectFrom }) => exists(selectFrom('order_lines as l').select('l.id').whereRef('l.order_id', '=', 'orders.id').where('l.title', 'ilike', like)));
  }
  return q as Q;
}

/** Newest first, keyset-paged; one row beyond `limit` tells the caller another page exists. */
export function findOrders(db: OrdersDb, filter: OrderFilter & { after?: { at: Date; id: string }; limit: number }) {
  let qb = filtered(db.selectFrom('orders').selectAll('orders'), filter, { status: true }).orderBy('placed_at', 'desc').orderBy('id', 'desc').limit(filter.limit + 1);
  if (filter.after) qb = qb.where(sql<boolean>`(placed_at, id) < (${filter.after.at}, ${filter.after.id})`);
  return qb.execute();
}

/** Orders per status under every other part of the filter: the workbench's tab counts. */
export const countOrdersByStatus = (db: OrdersDb, filter: OrderFilter) =>
  filtered(db.selectFrom('orders').select(['orders.status', countInt().as('count')]), filter, { status: false }).groupBy('orders.status').execute();

/** The filter's order count and the sum of their totals. */
export const sumOrders = (db: OrdersDb, filter: OrderFilter) =>
  filtered(db.selectFrom('orders').select([countInt().as('count'), sql<number>`coalesce(sum(orders.total_amount), 0)::int8`.as('total'), sql<string | null>`min(orders.currency)`.as('currency')]), filter, { status: true }).executeTakeFirstOrThrow();

export const findLines = (db: OrdersDb, orderIds: string[]) =>
  orderIds.length ? db.selectFrom('order_lines').selectAll().where('order_id', 'in', orderIds).orderBy('order_id').orderBy('id').execute() : Promise.resolve([] as OrderLineRow[]);

export const findOrderNumbers = (db: OrdersDb, ids: readonly string[]) =>
  ids.length ? db.selectFrom('orders').select(['id', 'order_no']).where('id', 'in', [...ids]).execute() : Promise.resolve([]);

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
