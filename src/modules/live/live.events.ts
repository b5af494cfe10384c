// Events of live sessions.
import { defineEvent, type EventPayloads } from '../../platform/events.ts';
import { Type } from '../../platform/schema.ts';

const Id = Type.String();
const Obj = Type.Object;

export const liveEvents = [
  defineEvent('live.started', 'An operator started a live session', Obj({ sessionId: Id })),
  defineEvent('live.ended', 'An operator ended a live session', Obj({ sessionId: Id, peakViewers: Type.Integer() })),
  defineEvent('live.coupon_claimed', 'A viewer claimed a session’s live coupon in the room', Obj({ sessionId: Id, templateId: Id, userId: Id, couponId: Id })),
  defineEvent('live.order_attributed', 'An order was attributed to a live session (room buy button or live share link)', Obj({ sessionId: Id, orderId: Id, userId: Id, source: Type.String(), amount: Type.Integer() })),
] as const;

declare module '../../platform/events.ts' {
  interface EventCatalog extends EventPayloads<typeof liveEvents> {}
}
