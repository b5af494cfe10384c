// Events of accounts: sign-up, sign-in and account changes.
import { defineEvent, type EventPayloads } from '../../platform/events.ts';
import { Nullable, Type } from '../../platform/schema.ts';

const Id = Type.String();
const Obj = Type.Object;

export const identityEvents = [
  defineEvent('customer.registered', 'A shopper created an account', Obj({ userId: Id, hasEmail: Type.Boolean(), hasPhone: Type.Boolean(), visitorId: Nullable(Id), deviceId: Nullable(Id), inviteCode: Nullable(Type.String()),
    // The privacy choices made on the sign-up form (privacy module records them); null when none were given.
    consents: Nullable(Obj({ policyVersion: Type.String(), marketing: Type.Boolean(), personalisation: Type.Boolean() })) })),
  defineEvent('customer.signed_in', 'A shopper signed in', Obj({ userId: Id, visitorId: Nullable(Id), deviceId: Nullable(Id) })),
  defineEvent('customer.password_changed', 'An account’s password was changed or reset', Obj({ userId: Id, via: Type.Union([Type.Literal('change'), Type.Literal('reset')]) })),
  defineEvent('customer.suspended', 'An operator suspended an account', Obj({ userId: Id })),
  defineEvent('customer.reactivated', 'An operator reactivated a suspended account', Obj({ userId: Id })),
] as const;

declare module '../../platform/events.ts' {
  interface EventCatalog extends EventPayloads<typeof identityEvents> {}
}
