import type { Generated } from 'kysely';
import type { Json, Timestamp } from '../../platform/platform.table.ts';
import type { ModulePlatform } from '../../platform/context.ts';
import { ownTables, type Executor } from '../../platform/tables.ts';

export type PaymentStatus = 'pending' | 'processing' | 'succeeded' | 'failed' | 'cancelled';
export type RefundStatus = 'pending' | 'succeeded' | 'failed';

export interface PaymentsTable {
  id: string;
  order_id: string;
  user_id: string;
  gateway: string;
  provider_ref: string | null;
  status: PaymentStatus;
  amount: number;
  currency: string;
  /** Sum of refunds requested and not failed: the guard against refunding more than was charged. */
  refund_reserved_amount: Generated<number>;
  idempotency_key: string | null;
  failure_code: string | null;
  failure_message: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  succeeded_at: Date | null;
}

export interface RefundsTable {
  id: string;
  payment_id: string;
  order_id: string;
  /** 'order': books against the order; 'orphan': returns money an order could not take. */
  kind: 'order' | 'orphan';
  amount: number;
  currency: string;
  status: RefundStatus;
  reason: string;
  lines: Json<{ lineId: string; quantity: number; amount: number }[]>;
  restock: boolean;
  idempotency_key: string | null;
  provider_ref: string | null;
  requested_by: string | null;
  failure_message: string | null;
  created_at: Timestamp;
  completed_at: Date | null;
}

export interface WebhookEventsTable {
  gateway: string;
  event_id: string;
  type: string;
  payload: Json<unknown>;
  received_at: Timestamp;
}

/** The sandbox gateway's own books: what a real provider would hold on its side. */
export interface SandboxChargesTable {
  ref: string;
  amount: number;
  currency: string;
  status: 'requires_payment_method' | 'processing' | 'succeeded' | 'failed';
  card_last4: string | null;
  /** The same for every charge on one card number, as gateways report it (fraud checks link accounts by it). */
  card_fingerprint: string | null;
  refunded_amount: Generated<number>;
  created_at: Timestamp;
}

export interface SandboxRefundsTable {
  ref: string;
  charge_ref: string;
  merchant_refund_id: string;
  amount: number;
  status: 'pending' | 'succeeded';
  created_at: Timestamp;
}

export interface PaymentsTables {
  payments: PaymentsTable;
  refunds: RefundsTable;
  webhook_events: WebhookEventsTable;
  sandbox_charges: SandboxChargesTable;
  sandbox_refunds: SandboxRefundsTable;
}

/** The tables payments owns: the only ones its code can query (platform/tables.ts). */
export const paymentsTables = ownTables<PaymentsTables>({ payments: true, refunds: true, webhook_events: true, sandbox_charges: true, sandbox_refunds: true });
/** A handle on payments's own tables: its pool or a transaction on it. */
export type PaymentsDb = Executor<PaymentsTables>;
/** The platform as payments sees it: its pool queries payments's tables only. */
export type PaymentsPlatform = ModulePlatform<PaymentsTables>;

declare module '../../platform/db.ts' {
  interface Database extends PaymentsTables {}
}
