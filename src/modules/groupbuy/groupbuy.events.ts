// Events of group-buy campaigns and teams.
import { defineEvent, type EventPayloads } from '../../platform/events.ts';
import { Nullable, Type } from '../../platform/schema.ts';

const Id = Type.String();
const Obj = Type.Object;

export const groupbuyEvents = [
  defineEvent('groupbuy.campaign_created', 'A group-buy campaign was created', Obj({ campaignId: Id, skuId: Id })),
  defineEvent('groupbuy.campaign_updated', 'A draft group-buy campaign was edited', Obj({ campaignId: Id, skuId: Id })),
  defineEvent('groupbuy.campaign_started', 'A group-buy campaign started', Obj({ campaignId: Id })),
  defineEvent('groupbuy.campaign_ended', 'A group-buy campaign ended', Obj({ campaignId: Id })),
  defineEvent('team.created', 'A leader placed the order that opens a team', Obj({ teamId: Id, campaignId: Id, leaderId: Id, orderId: Id, size: Type.Integer() })),
  defineEvent('team.seat_taken', 'A joiner reserved a seat', Obj({ teamId: Id, campaignId: Id, userId: Id, orderId: Id, seatsTaken: Type.Integer(), size: Type.Integer() })),
  defineEvent('team.opened', 'The leader paid: the team is open and its deadline runs', Obj({ teamId: Id, campaignId: Id, leaderId: Id, expiresAt: Type.String(), size: Type.Integer() })),
  defineEvent('team.member_paid', 'A member paid for a seat', Obj({ teamId: Id, campaignId: Id, userId: Nullable(Id), orderId: Nullable(Id), paidCount: Type.Integer(), size: Type.Integer() })),
  defineEvent('team.seat_released', 'An unpaid or refunded seat was released', Obj({ teamId: Id, orderId: Nullable(Id), role: Type.String() })),
  defineEvent('team.completed', 'A team filled: its orders go to shipping', Obj({ teamId: Id, campaignId: Id, size: Type.Integer(), orderIds: Type.Array(Nullable(Id)), virtualMembers: Type.Integer() })),
  defineEvent('team.payment_refunded', 'A payment that could not take a seat is refunded', Obj({ teamId: Id, orderId: Nullable(Id), why: Type.String() })),
  defineEvent('team.failed', 'A team expired unfilled: every member is refunded', Obj({ teamId: Id, campaignId: Id, size: Type.Integer(), paidMembers: Type.Integer(), refundedOrderIds: Type.Array(Nullable(Id)) })),
] as const;

declare module '../../platform/events.ts' {
  interface EventCatalog extends EventPayloads<typeof groupbuyEvents> {}
}
