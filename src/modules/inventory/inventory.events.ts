// Events of stock levels.
import { defineEvent, type EventPayloads } from '../../platform/events.ts';
import { Nullable, Type } from '../../platform/schema.ts';

const Id = Type.String();
const Obj = Type.Object;

export const inventoryEvents = [
  defineEvent('inventory.restocked', 'Units went back to stock (cancellation, expiry, refund)', Obj({ skuId: Id, ref: Type.String(), quantity: Type.Integer(), onHand: Type.Integer(), reserved: Type.Integer() })),
  defineEvent('inventory.adjusted', 'An operator set or adjusted stock', Obj({ skuId: Id, onHand: Type.Integer(), reserved: Type.Integer(), delta: Type.Integer(), reason: Nullable(Type.String()), actorId: Nullable(Id) })),
] as const;

declare module '../../platform/events.ts' {
  interface EventCatalog extends EventPayloads<typeof inventoryEvents> {}
}
