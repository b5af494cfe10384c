// Events of after-sales requests.
import { defineEvent, type EventPayloads } from '../../platform/events.ts';
import { Type } from '../../platform/schema.ts';

const Id = Type.String();
const Obj = Type.Object;

export const aftersalesEvents = [
  defineEvent('aftersales.requested', 'A shopper opened an after-sales request', Obj({ requestId: Id, orderId: Id, userId: Id, type: Type.String(), amount: Type.Integer() })),
  defineEvent('aftersales.approved', 'An operator approved a request (a refund follows)', Obj({ requestId: Id, orderId: Id, refundId: Id })),
  defineEvent('aftersales.rejected', 'An operator rejected a request', Obj({ requestId: Id, orderId: Id })),
] as const;

declare module '../../platform/events.ts' {
  interface EventCatalog extends EventPayloads<typeof aftersalesEvents> {}
}
