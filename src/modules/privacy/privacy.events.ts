// Events of privacy requests: integrators learn when a shopper's data left or was erased.
import { defineEvent, type EventPayloads } from '../../platform/events.ts';
import { Type } from '../../platform/schema.ts';

const Obj = Type.Object;

export const privacyEvents = [
  defineEvent('privacy.consent_changed', 'A shopper gave or withdrew a consent', Obj({ userId: Type.String(), purpose: Type.String(), granted: Type.Boolean() })),
  defineEvent('privacy.exported', 'A shopper’s data export is ready to download', Obj({ userId: Type.String(), requestId: Type.String() })),
  defineEvent('privacy.erased', 'A shopper’s account was anonymised and their personal data removed', Obj({ userId: Type.String(), requestId: Type.String() })),
] as const;

declare module '../../platform/events.ts' {
  interface EventCatalog extends EventPayloads<typeof privacyEvents> {}
}
