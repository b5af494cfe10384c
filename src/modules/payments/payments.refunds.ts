// Refunds: the amount is reserved against the payment in the requesting transaction, the gateway
// is called by a job outside any transaction, and the outcome arrives by webhook.
import { conflict, isUniqueViolation, notFound, unprocessable } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { scheduleJob } from '../../platform/jobs.ts';
import type { OrdersService } from '../orders/index.ts';
import type { RefundRequest } from '../orders/index.ts';
import type { GatewayEvent, PaymentGateway } from './gateway.ts';
import * as repo from './payments.repo.ts';
import type { AnyExecutor } from '../../platform/tables.ts';
import { paymentsTables, type PaymentsDb, type PaymentsPlatform } from './payments.table.ts';

export const EXECUTE_REFUND_JOB = 'payments.execute-refund';

interface RefundInput {
  orderId: string;
  request: RefundRequest;
  reason: string;
  requestedBy: string | null;
  idempotencyKey?: string | null;
  /** Goods come back to stock (a return) rather than staying with the shopper. */
  restock?: boolean;
}

interface NewRefund {
  payment: repo.PaymentRow;
  kind: 'order' | 'orphan';
  amount: number;
  reason: string;
  lines: { lineId: string; quantity: number; amount: number }[];
  restock: boolean;
  requestedBy: string | null;
  idempotencyKey: string | null;
}

export function createPaymentRefunds(p: PaymentsPlatform, deps: { orders: OrdersService; gateway: (name: string) => PaymentGateway }) {
  const { db, clock } = p;
  const { orders, gateway } = deps;

  /** Reserve the amount against the payment (conditional: never more than was charged) and queue the gateway call. */
  async function openRefund(trx: PaymentsDb, r: NewRefund) {
    const reserved = await repo.reserveRefundAmount(trx, r.payment.id, r.amount, clock.now());
    if (!reserved) throw unprocessable('PAYMENTS_REFUND_EXCEEDS_PAID', 'That is more than can still be refunded for this payment', { amount: r.amount });
    const now = clock.now();
    const id = newId();
    await repo.insertRefunds(trx, [
      { id, payment_id: r.payment.id, order_id: r.payment.order_id, kind: r.kind, amount: r.amount, currency: r.payment.currency, status: 'pending', reason: r.reason, lines: JSON.stringify(r.lines), restock: r.restock, idempotency_key: r.idempotencyKey, provider_ref: null, requested_by: r.requestedBy, failure_message: null, created_at: now, completed_at: null },
    ]);
    await scheduleJob(trx, { kind: EXECUTE_REFUND_JOB, payload: { refundId: id }, runAt: now, dedupeKey: `refund:${id}`, maxAttempts: 20, now });
    await publishEvent(trx, now, 'refund.requested', id, { refundId: id, orderId: r.payment.order_id, amount: r.amount, kind: r.kind });
    return id;
  }

  /** A refund the gateway refused gives its reservation back to the payment. */
  async function failRefund(trx: PaymentsDb, refundId: string, message: string) {
    const refund = await repo.updatePendingRefund(trx, refundId, { status: 'failed', failure_message: message, completed_at: clock.now() });
    if (!refund) return undefined;
    await repo.releaseRefundAmount(trx, refund.payment_id, refund.amount);
    await publishEvent(trx, clock.now(), 'refund.failed', refund.id, { refundId: refund.id, orderId: refund.order_id, message });
    return refund;
  }

  /** Refund (part of) a paid order. Serialised per order; one refund in flight at a time. */
  async function requestRefund(input: RefundInput, executor?: AnyExecutor) {
    const run = async (trx: PaymentsDb) => {
      if (input.idempotencyKey) {
        const byKey = await repo.findRefundByIdempotencyKey(trx, input.orderId, input.idempotencyKey);
        if (byKey) return { created: false, refund: byKey };
      }
      await orders.lock(trx, input.orderId);
      const payment = await repo.lockSucceededPayment(trx, input.orderId);
      if (!payment) throw unprocessable('PAYMENTS_ORDER_NOT_PAID', 'This order has no successful payment to refund', { orderId: input.orderId });
      const pending = await repo.findPendingOrderRefund(trx, input.orderId);
      if (pending) throw conflict('PAYMENTS_REFUND_IN_PROGRESS', 'A refund for this order is already on its way; wait for it to finish', { refundId: pending.id });
      const { plan } = await orders.planOrderRefund(trx, input.orderId, input.request);
      const id = await openRefund(trx, { payment, kind: 'order', amount: plan.amount, reason: input.reason, lines: plan.lines, restock: input.restock ?? false, requestedBy: input.requestedBy, idempotencyKey: input.idempotencyKey ?? null });
      if (plan.full) await orders.beginFullRefund(trx, input.orderId, id);
      return { created: true, refund: await repo.findRefundOrThrow(trx, id) };
    };
    if (executor) return run(paymentsTables.of(executor));
    try {
      return await db.transaction().execute(run);
    } catch (err) {
      if (isUniqueViolation(err, 'refunds_one_pending_per_order')) throw conflict('PAYMENTS_REFUND_IN_PROGRESS', 'A refund for this order is already on its way; wait for it to finish');
      if (input.idempotencyKey && isUniqueViolation(err, 'refunds_idempotency')) {
        const byKey = await repo.findRefundByIdempotencyKey(db, input.orderId, input.idempotencyKey);
        if (!byKey) throw err;
        return { created: false, refund: byKey };
      }
      throw err;
    }
  }

  /** Job: one gateway call per refund, outside any transaction; the gateway is idempotent on our refund id. */
  async function executeRefund(refundId: string) {
    const refund = await repo.findRefund(db, refundId);
    if (!refund || refund.status !== 'pending' || refund.provider_ref) return;
    const payment = await repo.findPaymentOrThrow(db, refund.payment_id);
    const result = await gateway(payment.gateway).refund({ providerRef: payment.provider_ref!, refundId: refund.id, amount: refund.amount, currency: refund.currency });
    if ('failed' in result) {
      await db.transaction().execute((trx) => failRefund(trx, refund.id, result.failureMessage));
      return;
    }
    await repo.updateRefundProviderRef(db, refund.id, result.providerRefundRef);
  }

  async function onRefundSucceeded(trx: PaymentsDb, event: GatewayEvent) {
    const now = clock.now();
    const refund = await repo.updatePendingRefund(trx, event.refundId ?? '00000000-0000-0000-0000-000000000000', { status: 'succeeded', completed_at: now, provider_ref: event.providerRef });
    if (!refund) return 'no_change' as const;
    if (refund.kind === 'order') {
      await orders.recordRefund(trx, refund.order_id, { refundId: refund.id, amount: refund.amount, lines: refund.lines, restock: refund.restock });
    }
    await publishEvent(trx, now, 'refund.succeeded', refund.id, { refundId: refund.id, orderId: refund.order_id, paymentId: refund.payment_id, kind: refund.kind, amount: refund.amount, currency: refund.currency });
    return 'refunded' as const;
  }

  async function onRefundFailed(trx: PaymentsDb, event: GatewayEvent) {
    const refund = await failRefund(trx, event.refundId ?? '', event.failureMessage ?? 'refund failed at the gateway');
    return refund ? ('refund_failed' as const) : ('no_change' as const);
  }

  async function getRefund(id: string) {
    const r = await repo.findRefund(db, id);
    if (!r) throw notFound('PAYMENTS_REFUND_NOT_FOUND', 'No such refund', { id });
    return r;
  }

  return { openRefund, requestRefund, executeRefund, onRefundSucceeded, onRefundFailed, getRefund };
}
