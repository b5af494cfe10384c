// Payments and refunds: intents through a gateway, outcomes by signed webhook, exactly once.
// Gateway calls never happen inside a database transaction.
import type { Selectable } from 'kysely';
import type { Platform } from '../../platform/context.ts';
import { conflict, DomainError, invalid, isUniqueViolation, notFound, unprocessable } from '../../platform/errors.ts';
import { publishEvent, type Executor } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { scheduleJob } from '../../platform/jobs.ts';
import type { OrdersService } from '../orders/orders.service.ts';
import type { RefundRequest } from '../orders/orders.rules.ts';
import type { CardInput, GatewayEvent, PaymentGateway } from './gateway.ts';
import { SANDBOX_SIGNATURE_HEADER, sandboxSigner } from './sandbox-gateway.ts';
import type { PaymentsTable, RefundsTable } from './payments.table.ts';

export const EXECUTE_REFUND_JOB = 'payments.execute-refund';

const money = (amount: number, currency: string) => ({ amount, currency });

export function presentPayment(p: Selectable<PaymentsTable>) {
  return {
    id: p.id,
    orderId: p.order_id,
    gateway: p.gateway,
    status: p.status,
    amount: money(p.amount, p.currency),
    refunded: money(p.refund_reserved_amount, p.currency),
    providerRef: p.provider_ref,
    failureCode: p.failure_code,
    failureMessage: p.failure_message,
    createdAt: p.created_at.toISOString(),
    succeededAt: p.succeeded_at?.toISOString() ?? null,
  };
}

export function presentRefund(r: Selectable<RefundsTable>) {
  return {
    id: r.id,
    orderId: r.order_id,
    paymentId: r.payment_id,
    kind: r.kind,
    status: r.status,
    amount: money(r.amount, r.currency),
    reason: r.reason,
    lines: r.lines,
    failureMessage: r.failure_message,
    createdAt: r.created_at.toISOString(),
    completedAt: r.completed_at?.toISOString() ?? null,
  };
}

export interface RefundInput {
  orderId: string;
  request: RefundRequest;
  reason: string;
  requestedBy: string | null;
  idempotencyKey?: string | null;
  /** Goods come back to stock (a return) rather than staying with the shopper. */
  restock?: boolean;
}

export function createPaymentsService(p: Platform, deps: { orders: OrdersService; gateways: PaymentGateway[] }) {
  const { db, clock } = p;
  const { orders } = deps;
  const gateways = new Map(deps.gateways.map((g) => [g.name, g]));
  const gateway = (name: string) => {
    const g = gateways.get(name);
    if (!g) throw notFound('PAYMENTS_GATEWAY_NOT_FOUND', `No payment gateway called ${name}`, { gateway: name });
    return g;
  };

  const livePayment = (executor: Executor, orderId: string) =>
    executor.selectFrom('payments').selectAll().where('order_id', '=', orderId).where('status', 'in', ['pending', 'processing', 'succeeded']).executeTakeFirst();

  /** Start paying for an order. A retry (same key) or a second click returns the live payment. */
  async function startPayment(userId: string, orderId: string, opts: { gateway?: string; idempotencyKey?: string | null }) {
    const g = gateway(opts.gateway ?? 'sandbox');
    if (opts.idempotencyKey) {
      const byKey = await db.selectFrom('payments').selectAll().where('user_id', '=', userId).where('idempotency_key', '=', opts.idempotencyKey).executeTakeFirst();
      if (byKey) {
        if (byKey.order_id !== orderId) throw unprocessable('PAYMENTS_IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for another order');
        return { created: false, payment: byKey };
      }
    }
    const order = await orders.getOrderRecord(db, orderId, userId);
    if (order.status !== 'pending_payment') {
      throw conflict(order.paid_at ? 'PAYMENTS_ORDER_ALREADY_PAID' : 'PAYMENTS_ORDER_NOT_PAYABLE', order.paid_at ? 'This order is already paid' : `An order that is ${order.status.replace('_', ' ')} cannot be paid`, { status: order.status });
    }
    const existing = await livePayment(db, orderId);
    if (existing) {
      if (existing.status === 'succeeded') throw conflict('PAYMENTS_ORDER_ALREADY_PAID', 'This order is already paid');
      return { created: false, payment: existing };
    }
    const now = clock.now();
    let payment: Selectable<PaymentsTable>;
    try {
      payment = await db
        .insertInto('payments')
        .values({ id: newId(), order_id: orderId, user_id: userId, gateway: g.name, provider_ref: null, status: 'pending', amount: order.total_amount, currency: order.currency, idempotency_key: opts.idempotencyKey ?? null, failure_code: null, failure_message: null, created_at: now, updated_at: now, succeeded_at: null })
        .returningAll()
        .executeTakeFirstOrThrow();
    } catch (err) {
      if (isUniqueViolation(err)) {
        const winner = await livePayment(db, orderId);
        if (winner) return { created: false, payment: winner };
      }
      throw err;
    }
    try {
      const intent = await g.createIntent({ paymentId: payment.id, amount: payment.amount, currency: payment.currency, description: `Order ${order.order_no}` });
      payment = (await db.updateTable('payments').set({ provider_ref: intent.providerRef, updated_at: clock.now() }).where('id', '=', payment.id).returningAll().executeTakeFirstOrThrow());
    } catch (err) {
      await db.updateTable('payments').set({ status: 'failed', failure_code: 'gateway_error', failure_message: String((err as Error).message).slice(0, 500), updated_at: clock.now() }).where('id', '=', payment.id).execute();
      throw new DomainError('unavailable', 'PAYMENTS_GATEWAY_UNAVAILABLE', 'The payment provider did not answer; try again');
    }
    return { created: true, payment };
  }

  async function getOwnPayment(userId: string, paymentId: string) {
    const payment = await db.selectFrom('payments').selectAll().where('id', '=', paymentId).executeTakeFirst();
    if (!payment || payment.user_id !== userId) throw notFound('PAYMENTS_NOT_FOUND', 'No such payment', { id: paymentId });
    return payment;
  }

  /** The shopper submits a card (what a hosted payment page does at a real provider). */
  async function confirmPayment(userId: string, paymentId: string, card: CardInput) {
    const payment = await getOwnPayment(userId, paymentId);
    if (payment.status !== 'pending' || !payment.provider_ref) {
      throw conflict('PAYMENTS_NOT_CONFIRMABLE', `This payment is ${payment.status} and cannot take a card now`, { status: payment.status });
    }
    const claimed = await db.updateTable('payments').set({ status: 'processing', updated_at: clock.now() }).where('id', '=', paymentId).where('status', '=', 'pending').returningAll().executeTakeFirst();
    if (!claimed) throw conflict('PAYMENTS_NOT_CONFIRMABLE', 'This payment is already being processed');
    const result = await gateway(payment.gateway).confirm({ providerRef: payment.provider_ref, card });
    if (result.status === 'failed') {
      return (await db
        .updateTable('payments')
        .set({ status: 'failed', failure_code: result.failureCode, failure_message: result.failureMessage, updated_at: clock.now() })
        .where('id', '=', paymentId)
        .where('status', '=', 'processing')
        .returningAll()
        .executeTakeFirst()) ?? (await getOwnPayment(userId, paymentId));
    }
    return getOwnPayment(userId, paymentId);
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
      const fresh = await trx
        .insertInto('webhook_events')
        .values({ gateway: gatewayName, event_id: event.id, type: event.type, payload: rawBody, received_at: clock.now() })
        .onConflict((oc) => oc.columns(['gateway', 'event_id']).doNothing())
        .returning('event_id')
        .executeTakeFirst();
      if (!fresh) return 'duplicate' as const;
      switch (event.type) {
        case 'payment.succeeded':
          return onPaymentSucceeded(trx, event);
        case 'payment.failed':
          return onPaymentFailed(trx, event);
        case 'refund.succeeded':
          return onRefundSucceeded(trx, event);
        case 'refund.failed':
          return onRefundFailed(trx, event);
        default:
          return 'ignored' as const;
      }
    });
    return { received: true, outcome };
  }

  async function onPaymentSucceeded(trx: Executor, event: GatewayEvent) {
    const now = clock.now();
    const payment = await trx
      .updateTable('payments')
      .set({ status: 'succeeded', succeeded_at: now, updated_at: now, failure_code: null, failure_message: null })
      .where('provider_ref', '=', event.providerRef)
      .where('status', 'in', ['pending', 'processing'])
      .returningAll()
      .executeTakeFirst();
    if (!payment) return 'no_change' as const;
    if (event.amount !== payment.amount) {
      p.log.error({ paymentId: payment.id, expected: payment.amount, got: event.amount }, 'gateway reported a different amount');
    }
    await publishEvent(trx, now, 'payment.succeeded', payment.id, { paymentId: payment.id, orderId: payment.order_id, userId: payment.user_id, amount: payment.amount, currency: payment.currency });
    const booked = await orders.recordPayment(trx, payment.order_id, { paymentId: payment.id, amount: payment.amount, currency: payment.currency });
    if (!booked.ok) {
      // The money arrived for an order that can no longer take it (it expired meanwhile): give it back.
      await insertRefund(trx, { payment, kind: 'orphan', amount: payment.amount, reason: `order could not take payment: ${booked.reason}`, lines: [], restock: false, requestedBy: null, idempotencyKey: null });
      return 'refunding_orphan' as const;
    }
    return 'paid' as const;
  }

  async function onPaymentFailed(trx: Executor, event: GatewayEvent) {
    const res = await trx
      .updateTable('payments')
      .set({ status: 'failed', failure_code: event.failureCode ?? 'failed', failure_message: event.failureMessage ?? null, updated_at: clock.now() })
      .where('provider_ref', '=', event.providerRef)
      .where('status', 'in', ['pending', 'processing'])
      .returning('id')
      .executeTakeFirst();
    return res ? ('failed' as const) : ('no_change' as const);
  }

  async function onRefundSucceeded(trx: Executor, event: GatewayEvent) {
    const now = clock.now();
    const refund = await trx
      .updateTable('refunds')
      .set({ status: 'succeeded', completed_at: now, provider_ref: event.providerRef })
      .where('id', '=', event.refundId ?? '00000000-0000-0000-0000-000000000000')
      .where('status', '=', 'pending')
      .returningAll()
      .executeTakeFirst();
    if (!refund) return 'no_change' as const;
    if (refund.kind === 'order') {
      await orders.recordRefund(trx, refund.order_id, { refundId: refund.id, amount: refund.amount, lines: refund.lines, restock: refund.restock });
    }
    await publishEvent(trx, now, 'refund.succeeded', refund.id, { refundId: refund.id, orderId: refund.order_id, paymentId: refund.payment_id, kind: refund.kind, amount: refund.amount, currency: refund.currency });
    return 'refunded' as const;
  }

  async function onRefundFailed(trx: Executor, event: GatewayEvent) {
    const refund = await failRefund(trx, event.refundId ?? '', event.failureMessage ?? 'refund failed at the gateway');
    return refund ? ('refund_failed' as const) : ('no_change' as const);
  }

  async function failRefund(trx: Executor, refundId: string, message: string) {
    const refund = await trx.updateTable('refunds').set({ status: 'failed', failure_message: message, completed_at: clock.now() }).where('id', '=', refundId).where('status', '=', 'pending').returningAll().executeTakeFirst();
    if (!refund) return undefined;
    await trx.updateTable('payments').set((eb) => ({ refund_reserved_amount: eb('refund_reserved_amount', '-', refund.amount) })).where('id', '=', refund.payment_id).execute();
    await publishEvent(trx, clock.now(), 'refund.failed', refund.id, { refundId: refund.id, orderId: refund.order_id, message });
    return refund;
  }

  interface NewRefund {
    payment: Selectable<PaymentsTable>;
    kind: 'order' | 'orphan';
    amount: number;
    reason: string;
    lines: { lineId: string; quantity: number; amount: number }[];
    restock: boolean;
    requestedBy: string | null;
    idempotencyKey: string | null;
  }

  /** Reserve the amount against the payment (conditional: never more than was charged) and queue the gateway call. */
  async function insertRefund(trx: Executor, r: NewRefund) {
    const reserved = await trx
      .updateTable('payments')
      .set((eb) => ({ refund_reserved_amount: eb('refund_reserved_amount', '+', r.amount), updated_at: clock.now() }))
      .where('id', '=', r.payment.id)
      .where((eb) => eb(eb('amount', '-', eb.ref('refund_reserved_amount')), '>=', r.amount))
      .returning('id')
      .executeTakeFirst();
    if (!reserved) throw unprocessable('PAYMENTS_REFUND_EXCEEDS_PAID', 'That is more than can still be refunded for this payment', { amount: r.amount });
    const now = clock.now();
    const id = newId();
    await trx
      .insertInto('refunds')
      .values({ id, payment_id: r.payment.id, order_id: r.payment.order_id, kind: r.kind, amount: r.amount, currency: r.payment.currency, status: 'pending', reason: r.reason, lines: JSON.stringify(r.lines), restock: r.restock, idempotency_key: r.idempotencyKey, provider_ref: null, requested_by: r.requestedBy, failure_message: null, created_at: now, completed_at: null })
      .execute();
    await scheduleJob(trx, { kind: EXECUTE_REFUND_JOB, payload: { refundId: id }, runAt: now, dedupeKey: `refund:${id}`, maxAttempts: 20, now });
    await publishEvent(trx, now, 'refund.requested', id, { refundId: id, orderId: r.payment.order_id, amount: r.amount, kind: r.kind });
    return id;
  }

  /** Refund (part of) a paid order. Serialised per order; one refund in flight at a time. */
  async function requestRefund(input: RefundInput, executor?: Executor) {
    const run = async (trx: Executor) => {
      if (input.idempotencyKey) {
        const byKey = await trx.selectFrom('refunds').selectAll().where('order_id', '=', input.orderId).where('idempotency_key', '=', input.idempotencyKey).executeTakeFirst();
        if (byKey) return { created: false, refund: byKey };
      }
      await orders.lock(trx, input.orderId);
      const payment = await trx.selectFrom('payments').selectAll().where('order_id', '=', input.orderId).where('status', '=', 'succeeded').forUpdate().executeTakeFirst();
      if (!payment) throw unprocessable('PAYMENTS_ORDER_NOT_PAID', 'This order has no successful payment to refund', { orderId: input.orderId });
      const pending = await trx.selectFrom('refunds').select('id').where('order_id', '=', input.orderId).where('status', '=', 'pending').where('kind', '=', 'order').executeTakeFirst();
      if (pending) throw conflict('PAYMENTS_REFUND_IN_PROGRESS', 'A refund for this order is already on its way; wait for it to finish', { refundId: pending.id });
      const { plan } = await orders.planOrderRefund(trx, input.orderId, input.request);
      const id = await insertRefund(trx, { payment, kind: 'order', amount: plan.amount, reason: input.reason, lines: plan.lines, restock: input.restock ?? false, requestedBy: input.requestedBy, idempotencyKey: input.idempotencyKey ?? null });
      if (plan.full) await orders.beginFullRefund(trx, input.orderId, id);
      const refund = await trx.selectFrom('refunds').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      return { created: true, refund };
    };
    if (executor) return run(executor);
    try {
      return await db.transaction().execute(run);
    } catch (err) {
      if (isUniqueViolation(err, 'refunds_one_pending_per_order')) throw conflict('PAYMENTS_REFUND_IN_PROGRESS', 'A refund for this order is already on its way; wait for it to finish');
      if (input.idempotencyKey && isUniqueViolation(err, 'refunds_idempotency')) {
        const byKey = await db.selectFrom('refunds').selectAll().where('order_id', '=', input.orderId).where('idempotency_key', '=', input.idempotencyKey).executeTakeFirstOrThrow();
        return { created: false, refund: byKey };
      }
      throw err;
    }
  }

  /** Job: one gateway call per refund, outside any transaction; the gateway is idempotent on our refund id. */
  async function executeRefund(refundId: string) {
    const refund = await db.selectFrom('refunds').selectAll().where('id', '=', refundId).executeTakeFirst();
    if (!refund || refund.status !== 'pending' || refund.provider_ref) return;
    const payment = await db.selectFrom('payments').selectAll().where('id', '=', refund.payment_id).executeTakeFirstOrThrow();
    const result = await gateway(payment.gateway).refund({ providerRef: payment.provider_ref!, refundId: refund.id, amount: refund.amount, currency: refund.currency });
    if ('failed' in result) {
      await db.transaction().execute((trx) => failRefund(trx, refund.id, result.failureMessage));
      return;
    }
    await db.updateTable('refunds').set({ provider_ref: result.providerRefundRef }).where('id', '=', refund.id).where('provider_ref', 'is', null).where('status', '=', 'pending').execute();
  }

  /** Consumer of order.cancelled: an intent that never got a card can no longer be used. */
  async function cancelOpenPayments(trx: Executor, orderId: string) {
    await trx.updateTable('payments').set({ status: 'cancelled', updated_at: clock.now() }).where('order_id', '=', orderId).where('status', '=', 'pending').execute();
  }

  async function listForOrder(orderId: string) {
    const [payments, refunds] = await Promise.all([
      db.selectFrom('payments').selectAll().where('order_id', '=', orderId).orderBy('created_at').execute(),
      db.selectFrom('refunds').selectAll().where('order_id', '=', orderId).orderBy('created_at').execute(),
    ]);
    return { payments: payments.map(presentPayment), refunds: refunds.map(presentRefund) };
  }

  async function getRefund(id: string) {
    const r = await db.selectFrom('refunds').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) throw notFound('PAYMENTS_REFUND_NOT_FOUND', 'No such refund', { id });
    return r;
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
        await trx
          .insertInto('payments')
          .values(batch.map(({ r, paymentId }) => ({ id: paymentId, order_id: r.orderId, user_id: r.userId, gateway: 'sandbox', provider_ref: `sbx_hist_${paymentId}`, status: 'succeeded' as const, amount: r.amount, currency: r.currency, refund_reserved_amount: r.refundedAt ? r.amount : 0, idempotency_key: null, failure_code: null, failure_message: null, created_at: r.succeededAt, updated_at: r.refundedAt ?? r.succeededAt, succeeded_at: r.succeededAt })))
          .execute();
        const refunded = batch.filter(({ r }) => r.refundedAt);
        if (refunded.length) {
          await trx
            .insertInto('refunds')
            .values(refunded.map(({ r, paymentId }) => ({ id: newId(), payment_id: paymentId, order_id: r.orderId, kind: 'order' as const, amount: r.amount, currency: r.currency, status: 'succeeded' as const, reason: 'imported', lines: JSON.stringify([]), restock: false, idempotency_key: null, provider_ref: null, requested_by: null, failure_message: null, created_at: r.refundedAt!, completed_at: r.refundedAt })))
            .execute();
        }
      }
    });
  }

  return {
    importHistoricalPayments,
    startPayment,
    getOwnPayment,
    confirmPayment,
    handleWebhook,
    requestRefund,
    executeRefund,
    cancelOpenPayments,
    listForOrder,
    getRefund,
    deliverSandboxWebhook,
    testCards: () => gateway('sandbox').testCards?.() ?? [],
  };
}

export type PaymentsService = ReturnType<typeof createPaymentsService>;
