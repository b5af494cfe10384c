// Events of the risk module: a decision that held or blocked, and an operator's review.
import { defineEvent, type EventPayloads } from '../../platform/events.ts';
import { Nullable, Type } from '../../platform/schema.ts';

const Obj = Type.Object;
const Case = { decisionId: Type.String(), actionKind: Type.String(), userId: Type.String(), campaignId: Nullable(Type.String()), score: Type.Integer() };

export const riskEvents = [
  defineEvent('risk.held', 'A reward was held for review by the risk checks', Obj(Case)),
  defineEvent('risk.blocked', 'An action was refused by the risk checks', Obj(Case)),
  defineEvent('risk.released', 'An operator released a held reward (it was paid)', Obj({ ...Case, reviewerId: Type.String() })),
  defineEvent('risk.cancelled', 'An operator cancelled a held reward', Obj({ ...Case, reviewerId: Type.String() })),
] as const;

declare module '../../platform/events.ts' {
  interface EventCatalog extends EventPayloads<typeof riskEvents> {}
}
