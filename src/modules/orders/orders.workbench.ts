// The operator's order workbench: tab counts and a total under one filter, a CSV export of the
// same rows, and shipping many orders at once, each in its own transaction so one refusal (an
// order refunded a minute ago) does not hold back the rest.
import { stringify } from 'csv-stringify/sync';
import { DomainError } from '../../platform/errors.ts';
import { ORDER_STATUSES, type OrderStatus } from './orders.rules.ts';
import * as repo from './orders.repo.ts';
import type { OrdersDb } from './orders.table.ts';
import type { AnyExecutor } from '../../platform/tables.ts';
import { carrierName } from './orders.carriers.ts';
import type { presentOrder } from './orders.present.ts';

/** At most this many rows in one CSV: a bigger export is a reporting job, not a page action. */
export const CSV_ROW_LIMIT = 5_000;
export const BULK_SHIP_LIMIT = 100;

interface WorkbenchOrders {
  list(filter: repo.OrderFilter & { cursor?: string; limit: number }): Promise<{ items: PresentedOrder[]; nextCursor: string | null }>;
  ship(actorId: string, orderId: string, tracking: { carrier: string; trackingNo: string }): Promise<unknown>;
}
/** An order as the service presents it (the CSV reads its lines, amounts and tracking). */
type PresentedOrder = ReturnType<typeof presentOrder>;

export type BulkShipOutcome = { orderId: string; ok: true } | { orderId: string; ok: false; error: { code: string; message: string } };

export function createOrdersWorkbench(db: OrdersDb, orders: WorkbenchOrders) {
  /** Every status with its count (zero included, so tabs do not jump), the filter's count and total. */
  async function summary(filter: repo.OrderFilter) {
    const [byStatus, sum] = await Promise.all([repo.countOrdersByStatus(db, filter), repo.sumOrders(db, filter)]);
    const counts = Object.fromEntries(ORDER_STATUSES.map((s) => [s, 0])) as Record<OrderStatus, number>;
    for (const row of byStatus) counts[row.status as OrderStatus] = row.count;
    return { counts, all: Object.values(counts).reduce((a, b) => a + b, 0), count: sum.count, total: { amount: sum.total, currency: sum.currency ?? 'CNY' } };
  }

  /** The filtered orders as CSV rows (header first), newest first, capped at CSV_ROW_LIMIT. */
  async function csv(filter: repo.OrderFilter, buyerNames: (userIds: string[]) => Promise<Map<string, string>>) {
    const rows: PresentedOrder[] = [];
    let cursor: string | undefined;
    do {
      const page = await orders.list({ ...filter, cursor, limit: 100 });
      rows.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor && rows.length < CSV_ROW_LIMIT);
    const kept = rows.slice(0, CSV_ROW_LIMIT);
    const names = await buyerNames([...new Set(kept.map((o) => o.userId))]);
    const yuan = (fen: number) => (fen / 100).toFixed(2);
    const header = ['order_no', 'placed_at', 'status', 'kind', 'buyer', 'items', 'goods', 'shipping', 'discount', 'total', 'paid', 'refunded', 'currency', 'carrier', 'tracking_no'];
    const body = kept.map((o) => [
      o.number,
      o.placedAt,
      o.status,
      o.kind,
      names.get(o.userId) ?? '',
      o.lines.map((l) => `${l.title}${l.skuLabel ? ` (${l.skuLabel})` : ''} ×${l.quantity}`).join('; '),
      yuan(o.goods.amount),
      yuan(o.shipping.amount),
      yuan(o.discount.amount),
      yuan(o.total.amount),
      yuan(o.paid.amount),
      yuan(o.refunded.amount),
      o.total.currency,
      o.tracking ? carrierName(o.tracking.carrier, 'zh') : '',
      o.tracking?.trackingNo ?? '',
    ]);
    return { rows: [header, ...body], truncated: rows.length > CSV_ROW_LIMIT || cursor !== undefined };
  }

  /** Ships each order in turn; an order that cannot ship is reported with its coded reason. */
  async function bulkShip(actorId: string, items: { orderId: string; carrier: string; trackingNo: string }[]): Promise<BulkShipOutcome[]> {
    const outcomes: BulkShipOutcome[] = [];
    for (const item of items) {
      try {
        await orders.ship(actorId, item.orderId, { carrier: item.carrier, trackingNo: item.trackingNo });
        outcomes.push({ orderId: item.orderId, ok: true });
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        outcomes.push({ orderId: item.orderId, ok: false, error: { code: err.code, message: err.message } });
      }
    }
    return outcomes;
  }

  /** Buyers' names through identity's look-up, on this module's connection. */
  const namesOf = (lookup: (executor: AnyExecutor, userIds: string[]) => Promise<Map<string, string>>, userIds: string[]) => lookup(db, userIds);

  return { summary, csv, bulkShip, namesOf };
}

export type OrdersWorkbench = ReturnType<typeof createOrdersWorkbench>;

/** The rows as CSV with a BOM (Excel opens UTF-8 Chinese correctly); a cell starting = + - @ is
 * prefixed with ' so a spreadsheet reads it as text, never as a formula. */
export const toCsv = (rows: string[][]) => stringify(rows, { bom: true, cast: { string: (v) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v) } });
