// What the customer directory (identity's admin customers pages) asks of orders: per-customer
// order counts and spend for many customers at once, and one customer's recent orders. Read-only,
// over orders' own tables; identity never reads them.
import { sql } from 'kysely';
import type { OrderStatus } from './orders.rules.ts';
import type { OrdersDb, OrdersPlatform } from './orders.table.ts';

/** Ids per statement: well under Postgres' bind-parameter limit. */
const CHUNK = 5_000;

export interface CustomerOrderStats {
  /** Orders placed, whatever became of them. */
  orders: number;
  /** Orders that were paid (including ones later refunded). */
  paidOrders: number;
  /** Paid minus refunded, in fen. */
  spentAmount: number;
  lastOrderAt: Date | null;
}

export interface CustomerOrderSummary {
  id: string;
  number: string;
  status: OrderStatus;
  kind: string;
  totalAmount: number;
  paidAmount: number;
  refundedAmount: number;
  currency: string;
  placedAt: Date;
}

async function findStats(db: OrdersDb, userIds: string[]) {
  return db.selectFrom('orders')
    .select([
      'user_id',
      sql<number>`count(*)::int`.as('orders'),
      sql<number>`(count(*) filter (where paid_at is not null))::int`.as('paid_orders'),
      sql<string>`coalesce(sum(paid_amount - refunded_amount) filter (where paid_at is not null), 0)::bigint`.as('spent'),
      sql<Date | null>`max(placed_at)`.as('last_order_at'),
    ])
    .where('user_id', 'in', userIds)
    .groupBy('user_id')
    .execute();
}

export function createOrderCustomerStats(p: Pick<OrdersPlatform, 'db'>) {
  const { db } = p;

  /** Counts and spend of each customer given; a customer without orders is absent from the map. */
  async function statsForCustomers(userIds: readonly string[]) {
    const out = new Map<string, CustomerOrderStats>();
    const ids = [...new Set(userIds)];
    for (let i = 0; i < ids.length; i += CHUNK) {
      for (const r of await findStats(db, ids.slice(i, i + CHUNK))) {
        out.set(r.user_id, { orders: r.orders, paidOrders: r.paid_orders, spentAmount: Number(r.spent), lastOrderAt: r.last_order_at ? new Date(r.last_order_at) : null });
      }
    }
    return out;
  }

  /** A customer's newest orders (for the customer's page; each links to its order page). */
  async function recentOrdersOf(userId: string, limit: number): Promise<CustomerOrderSummary[]> {
    const rows = await db.selectFrom('orders')
      .select(['id', 'order_no', 'status', 'kind', 'total_amount', 'paid_amount', 'refunded_amount', 'currency', 'placed_at'])
      .where('user_id', '=', userId)
      .orderBy('placed_at', 'desc').orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ id: r.id, number: r.order_no, status: r.status, kind: r.kind, totalAmount: Number(r.total_amount), paidAmount: Number(r.paid_amount), refundedAmount: Number(r.refunded_amount), currency: r.currency, placedAt: r.placed_at }));
  }

  return { statsForCustomers, recentOrdersOf };
}

export type OrderCustomerStats = ReturnType<typeof createOrderCustomerStats>;
