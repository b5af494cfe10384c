// Orders: placement records, the lifecycle, payment and refund bookkeeping.
import type { Insertable } from 'kysely';
import { addDays, addMinutes } from '../../platform/clock.ts';
import { conflict, DomainError, notFound, unprocessable } from '../../platform/errors.ts';
import { publishEvent, publishEventWithJob } from '../../platform/events.ts';
import type { DayRange } from '../../platform/daily.ts';
import { newId, orderNumber } from '../../platform/ids.ts';
import { scheduleJob } from '../../platform/jobs.ts';
import { prorate } from '../../platform/money.ts';
import { decodeCursor, encodeCursor } from '../../platform/schema.ts';
import type { Quote } from '../checkout/index.ts';
import { linePayable } from '../checkout/index.ts';
import { importHistoricalOrders, type HistoricalOrder } from './orders.import.ts';
import { presentOrder } from './orders.present.ts';
import { openOrderAddress, ordersPersonalData, sealOrderAddress } from './orders.pii.ts';
import { recordAudit } from '../../platform/audit.ts';
import * as repo from './orders.repo.ts';
import { createOrdersWorkbench } from './orders.workbench.ts';
import { unitsSoldByProduct } from './orders.sales.ts';
import { planRefund, transition, type OrderAction, type OrderStatus, type RefundRequest } from './orders.rules.ts';
import type { AnyExecutor } from '../../platform/tables.ts';
import { createOrderDetail, type OrderDetailPorts } from './orders.detail.ts';
import { ordersTables, type OrderAddress, type OrderLinesTable, type OrdersTable, type OrdersDb, type OrdersPlatform } from './orders.table.ts';

/** What orders needs from inventory; every call runs inside the caller's transaction. */
export interface StockKeeper {
  reserve(trx: AnyExecutor, ref: string, lines: { skuId: string; quantity: number }[]): Promise<void>;
  release(trx: AnyExecutor, ref: string): Promise<void>;
  commit(trx: AnyExecutor, ref: string): Promise<void>;
  restock(trx: AnyExecutor, ref: string, lines: { skuId: string; quantity: number }[]): Promise<void>;
}

export const EXPIRE_UNPAID_JOB = 'orders.expire-unpaid';
export const AUTO_COMPLETE_JOB = 'orders.auto-complete';


interface NewOrder {
  id?: string;
  userId: string;
  quote: Quote;
  address: OrderAddress;
  note: string | null;
  idempotencyKey: string | null;
  requestHash: string | null;
  kind?: string;
  fulfilmentHold?: string | null;
  /** Campaign engines that keep their own stock (flash sale, group buying) skip the normal reservation. */
  reserveInventory?: boolean;
  /** Minutes to pay before the order is cancelled (campaigns set their own; default the setting). */
  payWithinMinutes?: number;
}

export function createOrdersService(p: OrdersPlatform, deps: { inventory: StockKeeper }) {
  const { db, clock } = p;
  const { inventory } = deps;

  /** Write a priced order and reserve its stock (caller's transaction). */
  async function createOrder(handle: AnyExecutor, input: NewOrder) {
    const trx = ordersTables.of(handle);
    const now = clock.now();
    const id = input.id ?? newId();
    const timeout = input.payWithinMinutes ?? (await p.settings.get('orders.unpaidTimeoutMinutes', trx));
    const expiresAt = addMinutes(now, timeout);
    const q = input.quote;
    const lines: Insertable<OrderLinesTable>[] = q.lines.map((l) => ({
      id: newId(),
      order_id: id,
      sku_id: l.skuId,
      product_id: l.productId,
      category_id: l.categoryId,
      title: l.title,
      sku_label: l.skuLabel,
      image: l.image,
      quantity: l.quantity,
      list_unit_amount: l.listUnitAmount,
      unit_amount: l.unitAmount,
      discount_amount: l.discountAmount,
      total_amount: linePayable(l),
    }));
    const order: Insertable<OrdersTable> = {
      id,
      order_no: orderNumber(now),
      user_id: input.userId,
      status: 'pending_payment',
      kind: input.kind ?? 'standard',
      currency: q.currency,
      goods_amount: q.goodsAmount,
      discount_amount: q.discountAmount,
      shipping_amount: q.shippingAmount,
      total_amount: q.totalAmount,
      address: JSON.stringify(sealOrderAddress(p.pii, input.address)),
      note: input.note,
      idempotency_key: input.idempotencyKey,
      request_hash: input.requestHash,
      fulfilment_hold: input.fulfilmentHold ?? null,
      stock_reserved: input.reserveInventory !== false,
      placed_at: now,
      expires_at: expiresAt,
      paid_at: null,
      cancelled_at: null,
      cancel_reason: null,
      shipped_at: null,
      tracking: JSON.stringify(null),
      completed_at: null,
      refunded_at: null,
      updated_at: now,
    };
    const adjustments = q.adjustments.map((a, seq) => ({ order_id: id, seq, step: a.step, code: a.code, label: a.label, amount: a.amount, sku_id: a.skuId, ref: a.ref ?? null }));
    const stored = await repo.insertOrder(trx, order, lines, adjustments, { order_id: id, from_status: null, to_status: 'pending_payment', reason: 'placed', actor_id: input.userId, at: now });
    if (input.reserveInventory !== false) await inventory.reserve(trx, id, q.lines.map((l) => ({ skuId: l.skuId, quantity: l.quantity })));
    const placed = { orderId: id, userId: input.userId, kind: order.kind, totalAmount: q.totalAmount, currency: q.currency, lines: q.lines.map((l) => ({ skuId: l.skuId, productId: l.productId, quantity: l.quantity })) };
    await publishEventWithJob(trx, now, 'order.placed', id, placed, { kind: EXPIRE_UNPAID_JOB, payload: { orderId: id }, runAt: expiresAt, dedupeKey: `order-expire:${id}`, now });
    // The order as the shopper sees it, from what was just written: a new order has nothing
    // refunded, and the adjustments are the quote's. Reading it back cost three statements.
    return presentOrder(stored, lines.map((l) => ({ ...l, image: l.image ?? null, refunded_quantity: 0, refunded_amount: 0 })), adjustments.map((a, i) => ({ ...a, id: i })), p.pii);
  }

  async function load(executor: OrdersDb, id: string) {
    const order = await repo.findOrder(executor, id);
    if (!order) return undefined;
    const [lines, adjustments] = await Promise.all([repo.findLines(executor, [id]), repo.findAdjustments(executor, id)]);
    return presentOrder(order, lines, adjustments, p.pii);
  }

  const notYours = (id: string) => notFound('ORDER_NOT_FOUND', 'No such order', { id });

  /** A shopper's own order; someone else's is indistinguishable from a missing one. */
  async function getOwnOrder(userId: string, id: string) {
    const order = await repo.findOrder(db, id);
    if (!order || order.user_id !== userId) throw notYours(id);
    // The row just read, not read again: one statement fewer on every placement and order page.
    const [lines, adjustments] = await Promise.all([repo.findLines(db, [id]), repo.findAdjustments(db, id)]);
    return presentOrder(order, lines, adjustments, p.pii);
  }

  async function getOrder(id: string) {
    const order = await load(db, id);
    if (!order) throw notYours(id);
    return order;
  }

  async function findByIdempotencyKey(executor: AnyExecutor, userId: string, key: string) {
    return repo.findOrderByIdempotencyKey(ordersTables.of(executor), userId, key);
  }

  /** Raw row for other modules' checks (payments, aftersales), owner enforced when userId is given. */
  async function getOrderRecord(executor: AnyExecutor, id: string, userId?: string) {
    const order = await repo.findOrder(ordersTables.of(executor), id);
    if (!order || (userId !== undefined && order.user_id !== userId)) throw notYours(id);
    return order;
  }

  /** Whether the user has ever paid for an order (new-customer checks in campaign engines). */
  async function hasPaidOrder(executor: AnyExecutor, userId: string) {
    return !!(await repo.findAnyPaidOrder(ordersTables.of(executor), userId));
  }

  async function getOrderLines(executor: AnyExecutor, id: string) {
    return repo.findLines(ordersTables.of(executor), [id]);
  }

  async function list(filter: repo.OrderFilter & { cursor?: string; limit: number }) {
    const after = decodeCursor<{ at: string; id: string }>(filter.cursor);
    const { cursor: _cursor, ...rest } = filter;
    const rows = await repo.findOrders(db, { ...rest, after: after ? { at: new Date(after.at), id: after.id } : undefined });
    const page = rows.slice(0, filter.limit);
    const lines = await repo.findLines(db, page.map((o) => o.id));
    const byOrder = new Map<string, repo.OrderLineRow[]>();
    for (const l of lines) byOrder.set(l.order_id, [...(byOrder.get(l.order_id) ?? []), l]);
    const last = page.at(-1);
    return {
      items: page.map((o) => presentOrder(o, byOrder.get(o.id) ?? [], [], p.pii)),
      nextCursor: rows.length > filter.limit && last ? encodeCursor({ at: last.placed_at.toISOString(), id: last.id }) : null,
    };
  }

  /** An operator reads one order's full shipping address: audited with the reason given. */
  async function revealAddress(actorId: string, id: string, reason: string) {
    return db.transaction().execute(async (trx) => {
      const order = await repo.findOrder(trx, id);
      if (!order) throw notYours(id);
      await recordAudit(trx, clock.now(), { actorId, action: 'order.address_revealed', subjectType: 'order', subjectId: id, details: { reason, userId: order.user_id } });
      return openOrderAddress(p.pii, order.address);
    });
  }

  async function history(id: string) {
    return repo.findHistory(db, id);
  }

  /** Move an order along the state machine (caller's transaction, order row locked by the caller). */
  async function move(trx: OrdersDb, order: repo.OrderRow, action: OrderAction, patch: Partial<Insertable<OrdersTable>>, meta: { reason?: string; actorId?: string | null } = {}) {
    const t = transition(order.status, action);
    if (!t.ok) throw conflict('ORDER_INVALID_TRANSITION', `An order that is ${order.status.replace('_', ' ')} cannot ${action.replaceAll('_', ' ')}`, { status: order.status, action });
    const now = clock.now();
    const updated = await repo.updateOrderStatus(trx, order.id, order.status, { ...patch, status: t.to, updated_at: now });
    if (!updated) throw conflict('ORDER_CHANGED', 'The order changed at the same time; reload and try again', { id: order.id });
    await repo.insertHistory(trx, { order_id: order.id, from_status: order.status, to_status: t.to, reason: meta.reason ?? action, actor_id: meta.actorId ?? null, at: now });
    return updated;
  }

  async function lock(trx: AnyExecutor, id: string) {
    const order = await repo.lockOrder(ordersTables.of(trx), id);
    if (!order) throw notYours(id);
    return order;
  }

  /**
   * A payment for the order succeeded (payments' transaction). Returns a discriminated result:
   * an order that can no longer take the money (cancelled, already paid) tells payments to refund.
   */
  async function recordPayment(handle: AnyExecutor, orderId: string, payment: { paymentId: string; amount: number; currency: string }) {
    const trx = ordersTables.of(handle);
    const order = await repo.lockOrder(trx, orderId);
    if (!order) return { ok: false as const, reason: 'ORDER_NOT_FOUND' as const };
    if (order.status !== 'pending_payment') return { ok: false as const, reason: 'ORDER_NOT_PAYABLE' as const, status: order.status };
    if (payment.amount !== order.total_amount || payment.currency !== order.currency) return { ok: false as const, reason: 'ORDER_AMOUNT_MISMATCH' as const };
    const now = clock.now();
    let updated = await move(trx, order, 'pay', { paid_at: now, paid_amount: payment.amount }, { reason: `payment ${payment.paymentId}` });
    await inventory.commit(trx, orderId);
    if (!order.fulfilment_hold) updated = await move(trx, updated, 'release_to_ship', {}, { reason: 'no hold' });
    else updated = await move(trx, updated, 'hold_for_team', {}, { reason: `hold: ${order.fulfilment_hold}` });
    await publishEvent(trx, now, 'order.paid', orderId, { orderId, userId: order.user_id, kind: order.kind, paymentId: payment.paymentId, totalAmount: order.total_amount, currency: order.currency });
    return { ok: true as const, order: updated };
  }

  async function cancel(orderId: string, by: { userId?: string; actorId?: string | null; reason: string }) {
    return db.transaction().execute(async (trx) => {
      const order = await lock(trx, orderId);
      if (by.userId && order.user_id !== by.userId) throw notYours(orderId);
      const now = clock.now();
      await move(trx, order, 'cancel', { cancelled_at: now, cancel_reason: by.reason }, { reason: by.reason, actorId: by.actorId ?? by.userId ?? null });
      await inventory.release(trx, orderId);
      await publishEvent(trx, now, 'order.cancelled', orderId, { orderId, userId: order.user_id, kind: order.kind, reason: by.reason });
      return (await load(trx, orderId))!;
    });
  }

  /** Job: an unpaid order past its deadline is cancelled and its stock released. */
  async function expireUnpaid(orderId: string) {
    await db.transaction().execute(async (trx) => {
      const order = await repo.lockOrder(trx, orderId);
      if (!order || order.status !== 'pending_payment') return;
      const now = clock.now();
      if (order.expires_at > now) {
        // The deadline moved (a setting changed or payment is in flight); look again then.
        await scheduleJob(trx, { kind: EXPIRE_UNPAID_JOB, payload: { orderId }, runAt: order.expires_at, now });
        return;
      }
      await move(trx, order, 'cancel', { cancelled_at: now, cancel_reason: 'payment_timeout' }, { reason: 'payment_timeout' });
      await inventory.release(trx, orderId);
      await publishEvent(trx, now, 'order.cancelled', orderId, { orderId, userId: order.user_id, kind: order.kind, reason: 'payment_timeout' });
    });
  }

  async function ship(actorId: string, orderId: string, tracking: { carrier: string; trackingNo: string }) {
    return db.transaction().execute(async (trx) => {
      const order = await lock(trx, orderId);
      const now = clock.now();
      await move(trx, order, 'ship', { shipped_at: now, tracking: JSON.stringify(tracking) }, { actorId });
      const days = await p.settings.get('orders.autoCompleteDays', trx);
      await scheduleJob(trx, { kind: AUTO_COMPLETE_JOB, payload: { orderId }, runAt: addDays(now, days), dedupeKey: `order-complete:${orderId}`, now });
      await publishEvent(trx, now, 'order.shipped', orderId, { orderId, userId: order.user_id, ...tracking });
      return (await load(trx, orderId))!;
    });
  }

  /** Shopper confirms receipt, an operator completes, or the auto-complete job does. */
  async function complete(orderId: string, by: { userId?: string; actorId?: string | null; reason: string }) {
    return db.transaction().execute(async (trx) => {
      const order = await lock(trx, orderId);
      if (by.userId && order.user_id !== by.userId) throw notYours(orderId);
      const now = clock.now();
      await move(trx, order, 'complete', { completed_at: now }, { reason: by.reason, actorId: by.actorId ?? by.userId ?? null });
      await publishEvent(trx, now, 'order.completed', orderId, { orderId, userId: order.user_id, kind: order.kind });
      return (await load(trx, orderId))!;
    });
  }

  async function autoComplete(orderId: string) {
    const order = await repo.findOrder(db, orderId);
    if (order?.status !== 'shipped') return;
    await complete(orderId, { reason: 'auto_complete' });
  }

  /** Plan a refund against an order (no writes). */
  async function planOrderRefund(executor: AnyExecutor, orderId: string, req: RefundRequest) {
    const order = await getOrderRecord(executor, orderId);
    const lines = await repo.findLines(ordersTables.of(executor), [orderId]);
    const plan = planRefund(
      lines.map((l) => ({ id: l.id, quantity: l.quantity, totalAmount: l.total_amount, refundedQuantity: l.refunded_quantity, refundedAmount: l.refunded_amount })),
      order.paid_amount,
      order.refunded_amount,
      req,
      prorate,
    );
    if (!plan.ok) {
      const messages: Record<string, string> = {
        REFUND_NOTHING_LEFT: 'Everything paid for this order has already been refunded',
        REFUND_LINE_UNKNOWN: 'That item is not part of this order',
        REFUND_QUANTITY_EXCEEDED: 'That is more than can still be refunded for this item',
        REFUND_AMOUNT_EXCEEDED: 'That is more than can still be refunded for this order',
        REFUND_EMPTY: 'Say what to refund: items, an amount, or everything',
      };
      throw unprocessable(`ORDER_${plan.reason}`, messages[plan.reason], plan.details);
    }
    return { order, lines, plan };
  }

  /**
   * A refund succeeded at the gateway (payments' transaction): book it on the order and its lines;
   * when nothing is left the order is refunded, and goods that never left or came back are restocked.
   */
  async function recordRefund(handle: AnyExecutor, orderId: string, refund: { refundId: string; amount: number; lines: { lineId: string; quantity: number; amount: number }[]; restock: boolean }) {
    const trx = ordersTables.of(handle);
    const order = await lock(trx, orderId);
    const now = clock.now();
    const refunded = order.refunded_amount + refund.amount;
    if (refunded > order.paid_amount) throw new DomainError('conflict', 'ORDER_REFUND_EXCEEDS_PAID', 'Refunds cannot exceed what was paid', { orderId });
    const lines = await repo.findLines(trx, [orderId]);
    for (const r of refund.lines) await repo.addLineRefund(trx, r.lineId, r.quantity, r.amount);
    const full = refunded === order.paid_amount;
    if (full && order.status !== 'refunded') {
      await move(trx, order, 'finish_refund', { refunded_amount: refunded, refunded_at: now }, { reason: `refund ${refund.refundId}` });
    } else {
      await repo.updateOrder(trx, orderId, { refunded_amount: refunded, updated_at: now });
    }
    // Unshipped goods go straight back on the shelf; shipped goods only when the refund is a return.
    const unshipped = ['paid', 'awaiting_team', 'to_ship', 'refunding'].includes(order.status) && !order.shipped_at;
    if (order.stock_reserved && (refund.restock || unshipped)) {
      const restockLines = (full && unshipped
        ? lines.map((l) => ({ skuId: l.sku_id, quantity: l.quantity - l.refunded_quantity }))
        : refund.lines.map((r) => ({ skuId: lines.find((l) => l.id === r.lineId)!.sku_id, quantity: r.quantity }))
      ).filter((l) => l.quantity > 0);
      if (restockLines.length) await inventory.restock(trx, `refund:${refund.refundId}`, restockLines);
    }
    await publishEvent(trx, now, 'order.refunded', orderId, { orderId, userId: order.user_id, kind: order.kind, refundId: refund.refundId, amount: refund.amount, refundedTotal: refunded, full, currency: order.currency });
    return full;
  }

  /** A held order (e.g. waiting for its team) may ship now (caller's transaction). */
  async function releaseHold(handle: AnyExecutor, orderId: string, reason: string) {
    const trx = ordersTables.of(handle);
    const order = await lock(trx, orderId);
    if (order.status !== 'awaiting_team') return false;
    await move(trx, order, 'release_to_ship', {}, { reason });
    await publishEvent(trx, clock.now(), 'order.released', orderId, { orderId, userId: order.user_id, kind: order.kind, reason });
    return true;
  }

  /** A full refund is on its way: the order stops moving towards shipping until it lands. */
  async function beginFullRefund(handle: AnyExecutor, orderId: string, refundId: string) {
    const trx = ordersTables.of(handle);
    const order = await lock(trx, orderId);
    if (order.status === 'refunding' || order.status === 'refunded') return;
    await move(trx, order, 'start_refund', {}, { reason: `refund ${refundId}` });
  }

  return {
    releaseHold,
    revealAddress,
    personalData: ordersPersonalData(p.pii),
    importHistoricalOrders: (rows: HistoricalOrder[]) => importHistoricalOrders(db, p.pii, rows),
    createOrder,
    beginFullRefund,
    getOwnOrder,
    getOrder,
    getOrderRecord,
    getOrderLines,
    hasPaidOrder,
    findByIdempotencyKey,
    list,
    history,
    lock,
    recordPayment,
    cancel,
    expireUnpaid,
    ship,
    complete,
    autoComplete,
    planOrderRefund,
    recordRefund,
    present: (executor: AnyExecutor, id: string) => load(ordersTables.of(executor), id),
    dailyActivity: (range: DayRange) => repo.dailyOrderActivity(db, range),
    unitsSold: (productIds: readonly string[]) => unitsSoldByProduct(db, productIds),
    workbench: createOrdersWorkbench(db, { list, ship }),
    /** The operator's order page, composed with the other modules' facts (orders.detail.ts). */
    detail: (ports: OrderDetailPorts) => createOrderDetail({ getOrder, history }, db, ports),
    /** Order numbers by id (after-sales lists name orders by number). */
    numbersOf: async (ids: string[]) => new Map((await repo.findOrderNumbers(db, ids)).map((r) => [r.id, r.order_no])),
  };
}

export type OrdersService = ReturnType<typeof createOrdersService>;
