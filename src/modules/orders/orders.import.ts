// Bulk-load finished history (demo data, migrations from another platform): orders already in
// their final state, with no stock movements, jobs or events, since all of that happened long ago.
import type { Insertable } from 'kysely';
import { addMinutes } from '../../platform/clock.ts';
import { newId } from '../../platform/ids.ts';
import type { Quote } from '../checkout/index.ts';
import { linePayable } from '../checkout/index.ts';
import * as repo from './orders.repo.ts';
import type { PiiCipher } from '../../platform/pii.ts';
import { sealOrderAddress } from './orders.pii.ts';
import type { OrderStatus } from './orders.rules.ts';
import type { OrderAddress, OrderAdjustmentsTable, OrderLinesTable, OrdersTable, OrderStatusHistoryTable, OrdersPlatform } from './orders.table.ts';

export interface HistoricalOrder {
  id: string;
  orderNo: string;
  userId: string;
  quote: Quote;
  address: OrderAddress;
  status: OrderStatus;
  placedAt: Date;
  paidAt: Date | null;
  shippedAt: Date | null;
  completedAt: Date | null;
  cancelledAt: Date | null;
  refundedAt: Date | null;
  tracking: { carrier: string; trackingNo: string } | null;
}

const BATCH = 300;

/** Returns how many orders it was given; an order whose id already exists is skipped. */
export async function importHistoricalOrders(db: OrdersPlatform['db'], pii: PiiCipher, rows: HistoricalOrder[]) {
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += BATCH) {
      const batch = { orders: [] as Insertable<OrdersTable>[], lines: [] as Insertable<OrderLinesTable>[], adjustments: [] as Insertable<OrderAdjustmentsTable>[], history: [] as Insertable<OrderStatusHistoryTable>[] };
      for (const h of rows.slice(i, i + BATCH)) {
        const q = h.quote;
        const paid = h.paidAt ? q.totalAmount : 0;
        const refunded = h.status === 'refunded' ? paid : 0;
        batch.orders.push({
          id: h.id,
          order_no: h.orderNo,
          user_id: h.userId,
          status: h.status,
          kind: 'standard',
          currency: q.currency,
          goods_amount: q.goodsAmount,
          discount_amount: q.discountAmount,
          shipping_amount: q.shippingAmount,
          total_amount: q.totalAmount,
          paid_amount: paid,
          refunded_amount: refunded,
          address: JSON.stringify(sealOrderAddress(pii, h.address)),
          note: null,
          idempotency_key: null,
          request_hash: null,
          fulfilment_hold: null,
          placed_at: h.placedAt,
          expires_at: addMinutes(h.placedAt, 15),
          paid_at: h.paidAt,
          cancelled_at: h.cancelledAt,
          cancel_reason: h.cancelledAt ? 'payment_timeout' : null,
          shipped_at: h.shippedAt,
          tracking: JSON.stringify(h.tracking),
          completed_at: h.completedAt,
          refunded_at: h.refundedAt,
          updated_at: h.refundedAt ?? h.completedAt ?? h.shippedAt ?? h.cancelledAt ?? h.paidAt ?? h.placedAt,
        });
        for (const l of q.lines) {
          batch.lines.push({
            id: newId(), order_id: h.id, sku_id: l.skuId, product_id: l.productId, category_id: l.categoryId, title: l.title, sku_label: l.skuLabel, image: l.image, quantity: l.quantity,
            list_unit_amount: l.listUnitAmount, unit_amount: l.unitAmount, discount_amount: l.discountAmount, total_amount: linePayable(l),
            refunded_quantity: refunded ? l.quantity : 0, refunded_amount: refunded ? linePayable(l) : 0,
          });
        }
        q.adjustments.forEach((a, seq) => batch.adjustments.push({ order_id: h.id, seq, step: a.step, code: a.code, label: a.label, amount: a.amount, sku_id: a.skuId, ref: a.ref ?? null }));
        batch.history.push({ order_id: h.id, from_status: null, to_status: h.status, reason: 'imported', actor_id: null, at: h.placedAt });
      }
      await repo.insertImportedOrders(trx, batch);
    }
  });
  return rows.length;
}
