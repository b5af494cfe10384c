// Units sold per product, for the operator's product list (catalog asks through this service so
// it never reads order tables): units on paid orders, less the units refunded.
import { sql } from 'kysely';
import type { OrdersDb } from './orders.table.ts';

/** Product id → units sold; a product never sold is absent. Ids go in batches below the bind-parameter limit. */
export async function unitsSoldByProduct(db: OrdersDb, productIds: readonly string[]): Promise<Map<string, number>> {
  const ids = [...new Set(productIds)];
  const sold = new Map<string, number>();
  for (let i = 0; i < ids.length; i += 5_000) {
    const rows = await db
      .selectFrom('order_lines')
      .innerJoin('orders', 'orders.id', 'order_lines.order_id')
      .select(['order_lines.product_id', sql<number>`sum(order_lines.quantity - order_lines.refunded_quantity)::int`.as('units')])
      .where('order_lines.product_id', 'in', ids.slice(i, i + 5_000))
      .where('orders.paid_at', 'is not', null)
      .groupBy('order_lines.product_id')
      .execute();
    for (const r of rows) sold.set(r.product_id, Number(r.units));
  }
  return sold;
}
