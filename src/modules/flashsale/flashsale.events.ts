// Events of flash-sale slots and purchases.
import { defineEvent, type EventPayloads } from '../../platform/events.ts';
import { Nullable, Type } from '../../platform/schema.ts';

const Id = Type.String();
const Obj = Type.Object;

const SlotChange = { slotId: Id, actorId: Nullable(Id), startsAt: Type.String(), endsAt: Type.String(), items: Type.Array(Obj({ itemId: Id, skuId: Id, stock: Type.Integer() })) };

export const flashsaleEvents = [
  defineEvent('flashsale.slot_created', 'A flash-sale slot was created', Obj(SlotChange)),
  defineEvent('flashsale.slot_updated', 'A draft flash-sale slot was edited', Obj(SlotChange)),
  defineEvent('flashsale.slot_published', 'A flash-sale slot was published', Obj({ slotId: Id, actorId: Nullable(Id) })),
  defineEvent('flashsale.slot_stopped', 'A flash-sale slot was stopped', Obj({ slotId: Id, actorId: Nullable(Id) })),
  defineEvent('flashsale.purchased', 'A shopper got a flash-sale unit (order placed)', Obj({ slotId: Id, itemId: Id, orderId: Id, userId: Id, quantity: Type.Integer(), skuId: Id, unitAmount: Type.Integer() })),
  defineEvent('flashsale.released', 'A flash-sale unit went back (order unpaid or cancelled)', Obj({ slotId: Id, itemId: Id, orderId: Id, userId: Id, quantity: Type.Integer() })),
] as const;

declare module '../../platform/events.ts' {
  interface EventCatalog extends EventPayloads<typeof flashsaleEvents> {}
}
