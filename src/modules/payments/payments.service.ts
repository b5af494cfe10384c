// Payments and refunds: intents through a gateway, outcomes by signed webhook, exactly once.
// Gateway calls never happen inside a database transaction.
import { conflict, DomainError, invalid, isUniqueViolation, notFound, unprocessable } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import type { OrdersService } from '../orders/index.ts';
import type { CardInput, GatewayEvent, PaymentGateway } from './gateway.ts';
import { presentPayment, presentRefund } from './payments.present.ts';
import { createPaymentRefunds } from './payments.refunds.ts';
import * as repo from './payments.repo.ts';
import { SANDBOX_SIGNATURE_HEADER, sandboxSigner } from './sandbox-gateway.ts';
import type { AnyExecutor } from '../../platform/tables.ts';
import { paymentsTables, type PaymentsDb, type PaymentsPlatform } from './payments.table.ts';


export function createPaymentsService(p: PaymentsPlatform, deps: { orders: OrdersService; gateways: PaymentGateway[] }) {
  const { db, clock } = p;
  const { orders } = deps;
  const gateways = new Map(deps.gateways.map((g) => [g.name, g]));
  const gateway = (name: string) => {
    const g = gateways.get(name);
    if (!g) throw notFound('PAYMENTS_GATEWAY_NOT_FOUND', `No payment gateway called ${name}`, { gateway: name });
    return g;
  };
  const refunds = createPaymentRefunds(p, { orders, gateway });

  /** Start paying for an order. A retry (same key) or a second click returns the live payment. */
  async function startPayment(userId: string, orderId: string, opts: { gateway?: string; idempotencyKey?: string | null }) {
    const g = gateway(opts.gateway ?? 'sandbox');
    if (opts.idempotencyKey) {
      const byKey = await repo.findPaymentByIdempotencyKey(db, userId, opts.idempotencyKey);
      if (byKey) {
        if (byKey.order_id !== orderId) throw unprocessable('PAYMENTS_IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for another order');
        return { created: false, payment: byKey };
      }
    }
    const order = await orders.getOrderRecord(db, orderId, userId);
    if (order.status !== 'pending_payment') {
      throw conflict(order.paid_at ? 'PAYMENTS_ORDER_ALREADY_PAID' : 'PAYMENTS_ORDER_NOT_PAYABLE', order.paid_at ? 'This order is already paid' : `An order that is ${order.status.replace('_', ' ')} cannot be paid`, { status: order.status });
    }
    const existing = await repo.findLivePayment(db, orderId);
    if (existing) {
      if (existing.status === 'succeeded') throw conflict('PAYMENTS_ORDER_ALREADY_PAID', 'This order is already paid');
      return { created: false, payment: existing };
    }
    // The intent first, then one insert that carries its reference (not an insert and an update):
    // a click that loses the race below leaves an intent without a card, which the provider lets lapse.
    const paymentId = newId();
    let providerRef: string;
    try {
      ({ providerRef } = await g.createIntent({ paymentId, amount: order.total_amount, currency: order.currency, description: `Order ${order.order_no}` }));
    } catch (err) {
      p.log.warn({ orderId, gateway: g.name, err: String((err as Error).message).slice(0, 500) }, 'payment gateway did not create an intent');
      throw new DomainError('unavailable', 'PAYMENTS_GATEWAY_UNAVAILABLE', 'The payment provider did not answer; try again');
    }
    const now = clock.now();
    let payment: repo.PaymentRow;
    try {
      payment = await repo.insertPayment(db, { id: paymentId, order_id: orderId, user_id: userId, gateway: g.name, provider_ref: providerRef, status: 'pending', amount: order.total_amount, currency: order.currency, idempotency_key: opts.idempotencyKey ?? null, failure_code: null, failure_message: null, created_at: now, updated_at: now, succeeded_at: null });
    } catch (err) {
      if (isUniqueViolation(err)) {
        const winner = await repo.findLivePayment(db, orderId);
        if (winner) return { created: false, payment: winner };
      }
      throw err;
    }
    return { created: true, payment };
  }

  async function getOwnPayment(userId: string, paymentId: string) {
    const payment = await repo.findPayment(db, paymentId);
    if (!payment || payment.user_id !== userId) throw notFound('PAYMENTS_NOT_FOUND', 'No such payment', { id: paymentId });
    return payment;
  }

  /** The shopper submits a card (what a hosted payment page does at a real provider). */
  async function confirmPayment(userId: string, paymentId: string, card: CardInput) {
    // The claim first, in one statement; reading the payment is only for saying why not.
    const claimed = await repo.claimOwnPendingPayment(db, paymentId, userId, clock.now());
    if (!claimed) {
      const payment = await getOwnPayment(userId, paymentId);
      throw conflict('PAYMENTS_NOT_CONFIRMABLE', `This payment is ${payment.status} and cannot take a card now`, { status: payment.status });
    }
    const result = await gateway(claimed.gateway).confirm({ providerRef: claimed.provider_ref!, card });
    if (result.status === 'failed') {
      return (await repo.updatePaymentFrom(db, paymentId, 'processing', { status: 'failed', failure_code: result.failureCode, failure_message: result.failureMessage, updated_at: clock.now() })) ?? (await getOwnPayment(userId, paymentId));
    }
    // Processing, as claimed: only the gateway's webhook moves it on, so there is nothing to read back.
    return claimed;
  }

  /**
   * A webhook from a gateway. A forged or stale one is refused and changes nothing; a replayed one
   * (same event id) is acknowledged and changes nothing; each payment moves to succeeded once.
   */
  async function handleWebhook(gatewayName: string, rawBody: string, headers: Record<string, string | string[] | undefined>) {
    const verdict = gateway(gatewayName).verifyWebhook(rawBody, headers);
    if (!verdict.ok) throw invalid('PAYMENTS_WEBHOOK_SIGNATURE_INVALID', `Webhook refused: signature ${verdict.reason}`, { reason: verdict.reason });
    const event = verdict.event;
    const outcome = await db.transaction().execute(async (trx) => {
      const fresh = await repo.insertWebhookEvent(trx, { gateway: gatewayName, event_id: event.id, type: event.type, payload: rawBody, received_at: clock.now() });
      if (!fresh) return 'duplicate' as const;
      switch (event.type) {
        case 'payment.succeeded':
          return onPaymentSucceeded(trx, event);
        case 'payment.failed':
          return onPaymentFailed(trx, event);
        case 'refund.succeeded':
          return refunds.onRefundSucceeded(trx, event);
        case 'refund.failed':
          return refunds.onRefundFailed(trx, event);
        default:
          return 'ignored' as const;
      }
    });
    return { received: true, outcome };
  }

  async function onPaymentSucceeded(trx: PaymentsDb, event: GatewayEvent) {
    const now = clock.now();
    const payment = await repo.updateOpenPaymentByProviderRef(trx, event.providerRef, { status: 'succeeded', succeeded_at: now, updated_at: now, failure_code: null, failure_message: null });
    if (!payment) return 'no_change' as const;
    if (event.amount !== payment.amount) {
      p.log.error({ paymentId: payment.id, expected: payment.amount, got: event.amount }, 'gateway reported a different amount');
    }
    await publishEvent(trx, now, 'payment.succeeded', payment.id, { paymentId: payment.id, orderId: payment.order_id, userId: payment.user_id, amount: payment.amount, currency: payment.currency });
    const booked = await orders.recordPayment(trx, payment.order_id, { paymentId: payment.id, amount: payment.amount, currency: payment.currency });
    if (!booked.ok) {
      // The money arrived for an order that can no longer take it (it expired meanwhile): give it back.
      await refunds.openRefund(trx, { payment, kind: 'orphan', amount: payment.amount, reason: `order could not take payment: ${booked.reason}`, lines: [], restock: false, requestedBy: null, idempotencyKey: null });
      return 'refunding_orphan' as const;
    }
    return 'paid' as const;
  }

  async function onPaymentFailed(trx: PaymentsDb, event: GatewayEvent) {
    const res = await repo.updateOpenPaymentByProviderRef(trx, event.providerRef, { status: 'failed', failure_code: event.failureCode ?? 'failed', failure_message: event.failureMessage ?? null, updated_at: clock.now() });
    return res ? ('failed' as const) : ('no_change' as const);
  }

  /** Consumer of order.cancelled: an intent that never got a card can no longer be used. */
  async function cancelOpenPayments(trx: AnyExecutor, orderId: string) {
    await repo.updatePendingPaymentsOfOrder(paymentsTables.of(trx), orderId, { status: 'cancelled', updated_at: clock.now() });
  }

  async function listForOrder(orderId: string) {
    const [payments, refundRows] = await Promise.all([repo.findPaymentsForOrder(db, orderId), repo.findRefundsForOrder(db, orderId)]);
    return { payments: payments.map(presentPayment), refunds: refundRows.map(presentRefund) };
  }

  /** Deliver a sandbox webhook: the job that plays the network between the sandbox and our endpoint. */
  async function deliverSandboxWebhook(body: string) {
    await handleWebhook('sandbox', body, { [SANDBOX_SIGNATURE_HEADER]: sandboxSigner(p)(body) });
  }

  /** Bulk-load succeeded (and fully refunded) payments of imported historical orders. */
  async function importHistoricalPayments(rows: { orderId: string; userId: string; amount: number; currency: string; succeededAt: Date; refundedAt: Date | null }[]) {
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += 500) {
        const batch = rows.slice(i, i + 500).map((r) => ({ r, paymentId: newId() }));
        await repo.insertPayments(trx, batch.map(({ r, paymentId }) => ({ id: paymentId, order_id: r.orderId, user_id: r.userId, gateway: 'sandbox', provider_ref: `sbx_hist_${paymentId}`, status: 'succeeded' as const, amount: r.amount, currency: r.currency, refund_reserved_amount: r.refundedAt ? r.amount : 0, idempotency_key: null, failure_code: null, failure_message: null, created_at: r.succeededAt, updated_at: r.refundedAt ?? r.succeededAt, succeeded_at: r.succeededAt })));
        // The sandbox gateway's own books hold the same charges, so an operator can refund an
        // imported order as any other (without them the gateway knows no such charge).
        await repo.insertSandboxCharges(trx, batch.map(({ r, paymentId }) => ({ ref: `sbx_hist_${paymentId}`, amount: r.amount, currency: r.currency, status: 'succeeded' as const, card_last4: '4242', refunded_amount: r.refundedAt ? r.amount : 0, created_at: r.succeededAt })));
        await repo.insertRefunds(
          trx,
          batch
            .filter(({ r }) => r.refundedAt)
            .map(({ r, paymentId }) => ({ id: newId(), payment_id: paymentId, order_id: r.orderId, kind: 'order' as const, amount: r.amount, currency: r.currency, status: 'succeeded' as const, reason: 'imported', lines: JSON.stringify([]), restock: false, idempotency_key: null, provider_ref: null, requested_by: null, failure_message: null, created_at: r.refundedAt!, completed_at: r.refundedAt })),
        );
      }
    });
  }

  return {
    importHistoricalPayments,
    startPayment,
    getOwnPayment,
    confirmPayment,
    handleWebhook,
    requestRefund: refunds.requestRefund,
    executeRefund: refunds.executeRefund,
    cancelOpenPayments,
    listForOrder,
    getRefund: refunds.getRefund,
    deliverSandboxWebhook,
    testCards: () => gateway('sandbox').testCards?.() ?? [],
    /** The fingerprint the gateway reported for the card that paid this order (fraud checks), or null. */
    cardFingerprintOf: (handle: AnyExecutor, orderId: string) => repo.findCardFingerprintOfOrder(paymentsTables.of(handle), orderId),
  };
}

export type PaymentsService = ReturnType<typeof createPaymentsService>;
