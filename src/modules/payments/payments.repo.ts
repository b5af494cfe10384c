// All of the payments module's SQL, the sandbox provider's own books included. Money reserved
// against a payment only moves by conditional UPDATE; status changes are conditional on the status
// the caller expects, so a concurrent change makes them a no-op (undefined). No business rules here.
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { PaymentsTable, PaymentStatus, RefundsTable, SandboxChargesTable, SandboxRefundsTable, WebhookEventsTable, PaymentsDb } from './payments.table.ts';

export type PaymentRow = Selectable<PaymentsTable>;
export type RefundRow = Selectable<RefundsTable>;

// ---- payments

export const findPayment = (ex: PaymentsDb, id: string) => ex.selectFrom('payments').selectAll().where('id', '=', id).executeTakeFirst();

export const findPaymentOrThrow = (ex: PaymentsDb, id: string) => ex.selectFrom('payments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

export const findPaymentByIdempotencyKey = (ex: PaymentsDb, userId: string, key: string) =>
  ex.selectFrom('payments').selectAll().where('user_id', '=', userId).where('idempotency_key', '=', key).executeTakeFirst();

/** The order's payment that is still in play (the unique index allows one). */
export const findLivePayment = (ex: PaymentsDb, orderId: string) =>
  ex.selectFrom('payments').selectAll().where('order_id', '=', orderId).where('status', 'in', ['pending', 'processing', 'succeeded']).executeTakeFirst();

export const lockSucceededPayment = (ex: PaymentsDb, orderId: string) =>
  ex.selectFrom('payments').selectAll().where('order_id', '=', orderId).where('status', '=', 'succeeded').forUpdate().executeTakeFirst();

export const findPaymentsForOrder = (ex: PaymentsDb, orderId: string) => ex.selectFrom('payments').selectAll().where('order_id', '=', orderId).orderBy('created_at').execute();

export const insertPayment = (ex: PaymentsDb, row: Insertable<PaymentsTable>) => ex.insertInto('payments').values(row).returningAll().executeTakeFirstOrThrow();

export async function insertPayments(ex: PaymentsDb, rows: Insertable<PaymentsTable>[]) {
  if (rows.length) await ex.insertInto('payments').values(rows).execute();
}

export const updatePaymentFrom = (ex: PaymentsDb, id: string, from: PaymentStatus, patch: Updateable<PaymentsTable>) =>
  ex.updateTable('payments').set(patch).where('id', '=', id).where('status', '=', from).returningAll().executeTakeFirst();

/** The shopper's own pending payment with an intent, moved to processing; undefined otherwise. */
export const claimOwnPendingPayment = (ex: PaymentsDb, id: string, userId: string, now: Date) =>
  ex
    .updateTable('payments')
    .set({ status: 'processing', updated_at: now })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('status', '=', 'pending')
    .where('provider_ref', 'is not', null)
    .returningAll()
    .executeTakeFirst();

/** A gateway outcome, keyed by the provider's reference; only a payment still open moves. */
export const updateOpenPaymentByProviderRef = (ex: PaymentsDb, providerRef: string, patch: Updateable<PaymentsTable>) =>
  ex.updateTable('payments').set(patch).where('provider_ref', '=', providerRef).where('status', 'in', ['pending', 'processing']).returningAll().executeTakeFirst();

export const updatePendingPaymentsOfOrder = (ex: PaymentsDb, orderId: string, patch: Updateable<PaymentsTable>) =>
  ex.updateTable('payments').set(patch).where('order_id', '=', orderId).where('status', '=', 'pending').execute();

/** Reserve `amount` for a refund; undefined when that would exceed what was charged. */
export const reserveRefundAmount = (ex: PaymentsDb, paymentId: string, amount: number, now: Date) =>
  ex
    .updateTable('payments')
    .set((eb) => ({ refund_reserved_amount: eb('refund_reserved_amount', '+', amount), updated_at: now }))
    .where('id', '=', paymentId)
    .where((eb) => eb(eb('amount', '-', eb.ref('refund_reserved_amount')), '>=', amount))
    .returning('id')
    .executeTakeFirst();

export const releaseRefundAmount = (ex: PaymentsDb, paymentId: string, amount: number) =>
  ex.updateTable('payments').set((eb) => ({ refund_reserved_amount: eb('refund_reserved_amount', '-', amount) })).where('id', '=', paymentId).execute();

// ---- refunds

export const findRefund = (ex: PaymentsDb, id: string) => ex.selectFrom('refunds').selectAll().where('id', '=', id).executeTakeFirst();

export const findRefundOrThrow = (ex: PaymentsDb, id: string) => ex.selectFrom('refunds').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

export const findRefundByIdempotencyKey = (ex: PaymentsDb, orderId: string, key: string) =>
  ex.selectFrom('refunds').selectAll().where('order_id', '=', orderId).where('idempotency_key', '=', key).executeTakeFirst();

export const findPendingOrderRefund = (ex: PaymentsDb, orderId: string) =>
  ex.selectFrom('refunds').select('id').where('order_id', '=', orderId).where('status', '=', 'pending').where('kind', '=', 'order').executeTakeFirst();

export const findRefundsForOrder = (ex: PaymentsDb, orderId: string) => ex.selectFrom('refunds').selectAll().where('order_id', '=', orderId).orderBy('created_at').execute();

export async function insertRefunds(ex: PaymentsDb, rows: Insertable<RefundsTable>[]) {
  if (rows.length) await ex.insertInto('refunds').values(rows).execute();
}

export const updatePendingRefund = (ex: PaymentsDb, id: string, patch: Updateable<RefundsTable>) =>
  ex.updateTable('refunds').set(patch).where('id', '=', id).where('status', '=', 'pending').returningAll().executeTakeFirst();

/** The provider's reference, written once: a repeated job run leaves the first one. */
export const updateRefundProviderRef = (ex: PaymentsDb, id: string, providerRef: string) =>
  ex.updateTable('refunds').set({ provider_ref: providerRef }).where('id', '=', id).where('provider_ref', 'is', null).where('status', '=', 'pending').execute();

// ---- webhooks

/** Undefined when the gateway already sent this event id (a replay). */
export const insertWebhookEvent = (ex: PaymentsDb, row: Insertable<WebhookEventsTable>) =>
  ex.insertInto('webhook_events').values(row).onConflict((oc) => oc.columns(['gateway', 'event_id']).doNothing()).returning('event_id').executeTakeFirst();

// ---- the sandbox provider's own books

export const insertSandboxCharge = (ex: PaymentsDb, row: Insertable<SandboxChargesTable>) => ex.insertInto('sandbox_charges').values(row).execute();

export const insertSandboxCharges = (ex: PaymentsDb, rows: Insertable<SandboxChargesTable>[]) => (rows.length ? ex.insertInto('sandbox_charges').values(rows).execute() : Promise.resolve([]));

/** The card fingerprint of an order's succeeded payment, when its gateway reported one. */
export const findCardFingerprintOfOrder = async (ex: PaymentsDb, orderId: string) =>
  (await ex.selectFrom('payments as p').innerJoin('sandbox_charges as c', 'c.ref', 'p.provider_ref').select('c.card_fingerprint').where('p.order_id', '=', orderId).where('p.status', '=', 'succeeded').executeTakeFirst())?.card_fingerprint ?? null;

export const findSandboxCharge = (ex: PaymentsDb, ref: string) => ex.selectFrom('sandbox_charges').selectAll().where('ref', '=', ref).executeTakeFirst();

/** Submits a charge awaiting its card: its amount, or undefined when it is unknown or was submitted before. */
export const submitSandboxCharge = (ex: PaymentsDb, ref: string, patch: Pick<Updateable<SandboxChargesTable>, 'status' | 'card_last4' | 'card_fingerprint'>) =>
  ex.updateTable('sandbox_charges').set(patch).where('ref', '=', ref).where('status', '=', 'requires_payment_method').returning(['amount', 'currency']).executeTakeFirst();


/** Take `amount` off what a succeeded charge can still refund; undefined when it cannot. */
export const takeSandboxRefundable = (ex: PaymentsDb, ref: string, amount: number) =>
  ex
    .updateTable('sandbox_charges')
    .set((eb) => ({ refunded_amount: eb('refunded_amount', '+', amount) }))
    .where('ref', '=', ref)
    .where('status', '=', 'succeeded')
    .where((eb) => eb(eb('amount', '-', eb.ref('refunded_amount')), '>=', amount))
    .returning('ref')
    .executeTakeFirst();

export const findSandboxRefundByMerchantId = (ex: PaymentsDb, merchantRefundId: string) =>
  ex.selectFrom('sandbox_refunds').selectAll().where('merchant_refund_id', '=', merchantRefundId).executeTakeFirst();

export const insertSandboxRefund = (ex: PaymentsDb, row: Insertable<SandboxRefundsTable>) => ex.insertInto('sandbox_refunds').values(row).execute();
