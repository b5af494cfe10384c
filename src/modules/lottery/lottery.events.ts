// Events of lucky draws.
import { defineEvent, type EventPayloads } from '../../platform/events.ts';
import { Nullable, Type } from '../../platform/schema.ts';

const Id = Type.String();
const Obj = Type.Object;

export const lotteryEvents = [
  defineEvent('lottery.draw_created', 'A lucky draw was created', Obj({ drawId: Id })),
  defineEvent('lottery.draw_published', 'A lucky draw was published (its rules lock)', Obj({ drawId: Id })),
  defineEvent('lottery.draw_stopped', 'A lucky draw was stopped', Obj({ drawId: Id })),
  defineEvent('lottery.chances_granted', 'Extra chances were granted', Obj({ drawId: Id, userId: Id, amount: Type.Integer(), source: Type.String(), ref: Type.String() })),
  defineEvent('lottery.drawn', 'A shopper drew (the random value is recorded)', Obj({ entryId: Id, drawId: Id, userId: Id, prizeId: Nullable(Id), prizeKind: Type.String(), status: Type.String(), chance: Type.String(), randomValue: Type.Number(), fellBack: Type.Boolean() })),
  defineEvent('lottery.prize_fulfilled', 'An operator fulfilled a product prize', Obj({ entryId: Id, drawId: Id, userId: Id, prizeId: Nullable(Id) })),
] as const;

declare module '../../platform/events.ts' {
  interface EventCatalog extends EventPayloads<typeof lotteryEvents> {}
}
