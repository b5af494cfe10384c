// Events of share links, clicks and attribution.
import { defineEvent, type EventPayloads } from '../../platform/events.ts';
import { Nullable, Type } from '../../platform/schema.ts';

const Id = Type.String();
const Obj = Type.Object;

export const sharingEvents = [
  defineEvent('share.created', 'A shopper made a share link', Obj({ shareId: Id, rootShareId: Id, parentShareId: Nullable(Id), sharerId: Id, campaignId: Nullable(Id), targetType: Type.String(), targetId: Type.String(), channel: Type.String(), depth: Type.Integer() })),
  defineEvent('share.clicked', 'Someone opened a share link', Obj({ shareId: Id, rootShareId: Id, sharerId: Id, campaignId: Nullable(Id), targetType: Type.String(), targetId: Type.String(), channel: Type.String(), visitorId: Id, userId: Nullable(Id), isNewVisitor: Type.Boolean(), selfClick: Type.Boolean() })),
  defineEvent('customer.attributed', 'A sign-up was attributed to a share (last touch)', Obj({ userId: Id, shareId: Id, rootShareId: Id, sharerId: Id, campaignId: Nullable(Id), targetType: Type.String(), targetId: Type.String(), channel: Type.String(), model: Type.String() })),
  defineEvent('order.attributed', 'An order was attributed to a share (last touch)', Obj({ orderId: Id, userId: Id, shareId: Id, rootShareId: Id, sharerId: Id, campaignId: Nullable(Id), totalAmount: Type.Integer(), model: Type.String() })),
] as const;

declare module '../../platform/events.ts' {
  interface EventCatalog extends EventPayloads<typeof sharingEvents> {}
}
