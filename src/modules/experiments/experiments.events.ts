// Events of A/B experiments.
import { defineEvent, type EventPayloads } from '../../platform/events.ts';
import { Type } from '../../platform/schema.ts';

const Id = Type.String();
const Obj = Type.Object;

export const experimentsEvents = [
  defineEvent('experiment.started', 'An experiment started assigning subjects', Obj({ experimentId: Id, campaignId: Id })),
  defineEvent('experiment.stopped', 'An experiment stopped', Obj({ experimentId: Id, campaignId: Id })),
  defineEvent('experiment.exposed', 'A subject saw an experiment variant for the first time', Obj({ experimentId: Id, campaignId: Id, subjectId: Id, variantKey: Type.String() })),
] as const;

declare module '../../platform/events.ts' {
  interface EventCatalog extends EventPayloads<typeof experimentsEvents> {}
}
