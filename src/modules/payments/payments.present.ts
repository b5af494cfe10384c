// How payments and refunds look in API answers: money as objects, times as ISO strings.
import { money } from '../../platform/money.ts';
import type { PaymentRow, RefundRow } from './payments.repo.ts';

export function presentPayment(p: PaymentRow) {
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

export function presentRefund(r: RefundRow) {
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
