// How an order looks in API answers: money as objects, times as ISO strings, the actions it allows.
import { money } from '../../platform/money.ts';
import type { OrderAdjustmentRow, OrderLineRow, OrderRow } from './orders.repo.ts';
import { nextActions } from './orders.rules.ts';
import type { PiiCipher } from '../../platform/pii.ts';
import { openOrderAddress } from './orders.pii.ts';

/** `pii` opens the sealed address: the service answers its callers in plain; admin routes mask it. */
export function presentOrder(o: OrderRow, lines: OrderLineRow[], adjustments: OrderAdjustmentRow[], pii: PiiCipher) {
  const c = o.currency;
  return {
    id: o.id,
    number: o.order_no,
    status: o.status,
    kind: o.kind,
    userId: o.user_id,
    lines: lines.map((l) => ({
      id: l.id,
      skuId: l.sku_id,
      productId: l.product_id,
      title: l.title,
      skuLabel: l.sku_label,
      image: l.image,
      quantity: l.quantity,
      listUnitPrice: money(l.list_unit_amount, c),
      unitPrice: money(l.unit_amount, c),
      discount: money(l.discount_amount, c),
      total: money(l.total_amount, c),
      refundedQuantity: l.refunded_quantity,
      refunded: money(l.refunded_amount, c),
    })),
    adjustments: adjustments.map((a) => ({ step: a.step, code: a.code, label: a.label, amount: money(a.amount, c), skuId: a.sku_id })),
    goods: money(o.goods_amount, c),
    discount: money(o.discount_amount, c),
    shipping: money(o.shipping_amount, c),
    total: money(o.total_amount, c),
    paid: money(o.paid_amount, c),
    refunded: money(o.refunded_amount, c),
    address: openOrderAddress(pii, o.address),
    note: o.note,
    tracking: o.tracking,
    placedAt: o.placed_at.toISOString(),
    expiresAt: o.status === 'pending_payment' ? o.expires_at.toISOString() : null,
    paidAt: o.paid_at?.toISOString() ?? null,
    shippedAt: o.shipped_at?.toISOString() ?? null,
    completedAt: o.completed_at?.toISOString() ?? null,
    cancelledAt: o.cancelled_at?.toISOString() ?? null,
    cancelReason: o.cancel_reason,
    refundedAt: o.refunded_at?.toISOString() ?? null,
    nextActions: nextActions(o.status),
  };
}
