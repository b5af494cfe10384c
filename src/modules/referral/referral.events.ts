// Events of the invite-friends campaign.
import { defineEvent, type EventPayloads } from '../../platform/events.ts';
import { Nullable, Type } from '../../platform/schema.ts';

const Id = Type.String();
const Obj = Type.Object;

const RewardFacts = { rewardId: Id, beneficiaryId: Id, role: Type.String() };
const Reward = Type.Union([Obj({ kind: Type.Literal('points'), points: Type.Integer() }), Obj({ kind: Type.Literal('coupon'), templateId: Id })]);
const Binding = { referralId: Id, campaignId: Id, inviterId: Id, inviteeId: Id, reason: Nullable(Type.String()) };

export const referralEvents = [
  defineEvent('referral.campaign_started', 'An invite campaign started', Obj({ campaignId: Id })),
  defineEvent('referral.campaign_ended', 'An invite campaign ended', Obj({ campaignId: Id })),
  defineEvent('referral.bound', 'An invitee was bound to an inviter', Obj(Binding)),
  defineEvent('referral.refused', 'A binding was refused (self-referral)', Obj(Binding)),
  defineEvent('referral.qualified', 'An invite succeeded (the invitee qualified)', Obj({ referralId: Id, campaignId: Id, inviterId: Id, inviteeId: Id, orderId: Nullable(Id), qualifiedCount: Type.Integer() })),
  defineEvent('referral.reward_held', 'A reward was held for review', Obj(RewardFacts)),
  defineEvent('referral.reward_granted', 'A reward was paid', Obj({ ...RewardFacts, reward: Reward })),
  defineEvent('referral.reward_reversed', 'A paid reward was taken back', Obj(RewardFacts)),
  defineEvent('referral.reversed', 'A qualified invite was reversed (refund)', Obj({ referralId: Id, inviterId: Id, inviteeId: Id })),
] as const;

declare module '../../platform/events.ts' {
  interface EventCatalog extends EventPayloads<typeof referralEvents> {}
}
