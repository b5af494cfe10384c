// Events of points and tiers.
import { defineEvent, type EventPayloads } from '../../platform/events.ts';
import { Type } from '../../platform/schema.ts';

const Id = Type.String();
const Obj = Type.Object;

export const loyaltyEvents = [
  defineEvent('loyalty.tier_changed', 'A member moved to another tier', Obj({ userId: Id, from: Type.String(), to: Type.String(), growthValue: Type.Integer() })),
  defineEvent('loyalty.checked_in', 'A member checked in for the day', Obj({ userId: Id, date: Type.String(), streak: Type.Integer(), points: Type.Integer(), bonusPoints: Type.Integer() })),
] as const;

declare module '../../platform/events.ts' {
  interface EventCatalog extends EventPayloads<typeof loyaltyEvents> {}
}
