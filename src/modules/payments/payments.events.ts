// Events of payments and refunds.
import { defineEvent, type EventPayloads } from '../../platform/events.ts';
import { Type } from '../../platform/schema.ts';

const Id = Type.String();
const Obj = Type.Object;

export const paymentsEvents = [
  defineEvent('payment.succeeded', 'A payment succeeded at the gateway', Obj({ paymentId: Id, orderId: Id, userId: Id, amount: Type.Integer(), currency: Type.String() })),
  defineEvent('refund.requested', 'A refund was requested', Obj({ refundId: Id, orderId: Id, amount: Type.Integer(), kind: Type.String() })),
  defineEvent('refund.succeeded', 'A refund was paid back by the gateway', Obj({ refundId: Id, orderId: Id, paymentId: Id, kind: Type.String(), amount: Type.Integer(), currency: Type.String() })),
  defineEvent('refund.failed', 'The gateway refused a refund', Obj({ refundId: Id, orderId: Id, message: Type.String() })),
] as const;

declare module '../../platform/events.ts' {
  interface EventCatalog extends EventPayloads<typeof paymentsEvents> {}
}
