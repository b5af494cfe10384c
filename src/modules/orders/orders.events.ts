// Events of the order lifecycle.
import { defineEvent, type EventPayloads } from '../../platform/events.ts';
import { Type } from '../../platform/schema.ts';

const Id = Type.String();
const Obj = Type.Object;

const OrderFacts = { orderId: Id, userId: Id, kind: Type.String() };

export const ordersEvents = [
  defineEvent('order.placed', 'A shopper placed an order (stock reserved, payment due)', Obj({ ...OrderFacts, totalAmount: Type.Integer(), currency: Type.String(), lines: Type.Array(Obj({ skuId: Id, productId: Id, quantity: Type.Integer() })) })),
  defineEvent('order.paid', 'An order’s payment succeeded', Obj({ ...OrderFacts, paymentId: Id, totalAmount: Type.Integer(), currency: Type.String() })),
  defineEvent('order.cancelled', 'An order was cancelled (by the shopper, an operator, or unpaid in time)', Obj({ ...OrderFacts, reason: Type.String() })),
  defineEvent('order.shipped', 'An operator shipped an order', Obj({ orderId: Id, userId: Id, carrier: Type.String(), trackingNo: Type.String() })),
  defineEvent('order.completed', 'An order was received or completed itself', Obj({ ...OrderFacts })),
  defineEvent('order.refunded', 'Money went back to the shopper for an order (part or all)', Obj({ ...OrderFacts, refundId: Id, amount: Type.Integer(), refundedTotal: Type.Integer(), full: Type.Boolean(), currency: Type.String() })),
  defineEvent('order.released', 'A held order (awaiting a team) was released to shipping or refunded', Obj({ ...OrderFacts, reason: Type.String() })),
] as const;

declare module '../../platform/events.ts' {
  interface EventCatalog extends EventPayloads<typeof ordersEvents> {}
}
