import { sql, type Insertable, type Selectable } from 'kysely';
import type { Executor } from '../../platform/events.ts';
import { chinaDay, countInt, type DayRange } from '../../platform/daily.ts';
import type { OrderAdjustmentsTable, OrderLinesTable, OrdersTable } from './orders.table.ts';

export type OrderRow = Selectable<OrdersTable>;
export type OrderLineRow = Selectable<OrderLinesTable>;
export type OrderAdjustmentRow = Selectable<OrderAdjustmentsTable>;

export const findOrder = (db: Executor, id: string) => db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst();

export const lockOrder = (trx: Executor, id: string) => trx.selectFrom('orders').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const findOrderByIdempotencyKey = (db: Executor, userId: string, key: string) =>
  db.selectFrom('orders').selectAll().where('user_id', '=', userId).where('idempotency_key', '=', key).executeTakeFirst();

export const findLines = (db: Executor, orderIds: string[]) =>
  orderIds.length ? db.selectFrom('order_lines').selectAll().where('order_id', 'in', orderIds).orderBy('order_id').orderBy('id').execute() : Promise.resolve([] as OrderLineRow[]);

export const findAdjustments = (db: Executor, orderId: string) =>
  db.selectFrom('order_adjustments').selectAll().where('order_id', '=', orderId).orderBy('seq').execute();

export const findHistory = (db: Executor, orderId: string) =>
  db.selectFrom('order_status_history').selectAll().where('order_id', '=', orderId).orderBy('id').execute();

export async function insertOrder(trx: Executor, order: Insertable<OrdersTable>, lines: Insertable<OrderLinesTable>[], adjustments: Insertable<OrderAdjustmentsTable>[]) {
  await trx.insertInto('orders').values(order).execute();
  if (lines.length) await trx.insertInto('order_lines').values(lines).execute();
  if (adjustments.length) await trx.insertInto('order_adjustments').values(adjustments).execute();
}

/** Conditional on the status we read, so a concurrent change makes this a no-op (returns undefined). */
export const updateOrderStatus = (trx: Executor, id: string, from: string, patch: Partial<Insertable<OrdersTable>>) =>
  trx.updateTable('orders').set(patch).where('id', '=', id).where('status', '=', from as any).returningAll().executeTakeFirst();

export const insertHistory = (trx: Executor, row: { order_id: string; from_status: string | null; to_status: string; reason: string | null; actor_id: string | null; at: Date }) =>
  trx.insertInto('order_status_history').values(row).execute();

export const keysetAfter = (at: Date, id: string) => sql<boolean>`(placed_at, id) < (${at}, ${id})`;

/** Orders placed per China day, and orders paid per day with their GMV (order totals, before refunds). */
export async function dailyOrderActivity(db: Executor, range: DayRange) {
  const [placed, paid] = await Promise.all([
    db.selectFrom('orders').select([chinaDay('placed_at').as('day'), countInt().as('orders')])
      .where('placed_at', '>=', range.from).where('placed_at', '<', range.to).groupBy(sql`1`).execute(),
    db.selectFrom('orders').select([chinaDay('paid_at').as('day'), countInt().as('paid_orders'), sql<number>`coalesce(sum(total_amount), 0)::bigint`.as('gmv'), 'currency'])
      .where('paid_at', '>=', range.from).where('paid_at', '<', range.to).groupBy([sql`1`, 'currency']).execute(),
  ]);
  return { placed, paid: paid.map((r) => ({ ...r, gmv: Number(r.gmv) })) };
}
