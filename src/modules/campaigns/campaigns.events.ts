// Events of the campaign kernel: every mechanic's lifecycle in one shape, and its budget.
import { defineEvent, type EventPayloads } from '../../platform/events.ts';
import { Nullable, Type } from '../../platform/schema.ts';

const Id = Type.String();
const Obj = Type.Object;
const Change = Obj({ campaignId: Id, mechanic: Type.String(), from: Type.String(), to: Type.String(), actorId: Nullable(Id) });

export const campaignsEvents = [
  defineEvent('campaign.scheduled', 'A campaign was started with a later start time: rules locked, it goes live by itself', Change),
  defineEvent('campaign.live', 'A campaign went live (started now, reached its start time, or resumed)', Change),
  defineEvent('campaign.paused', 'An operator paused a live campaign', Change),
  defineEvent('campaign.ended', 'A campaign ended (by an operator or at its end time)', Change),
  defineEvent('campaign.budget_exhausted', 'A campaign refused a cost because its budget is spent', Obj({ campaignId: Id, mechanic: Type.String(), budgetAmount: Type.Integer(), spentAmount: Type.Integer(), refused: Type.Integer() })),
] as const;

declare module '../../platform/events.ts' {
  interface EventCatalog extends EventPayloads<typeof campaignsEvents> {}
}
