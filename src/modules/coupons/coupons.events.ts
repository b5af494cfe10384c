// Events of coupon templates, coupons and share coupon packs.
import { defineEvent, type EventPayloads } from '../../platform/events.ts';
import { Nullable, Type } from '../../platform/schema.ts';

const Id = Type.String();
const Obj = Type.Object;

const CouponFacts = { couponId: Id, templateId: Id };

export const couponsEvents = [
  defineEvent('coupon_template.activated', 'A coupon template went live', Obj({ templateId: Id, status: Type.String() })),
  defineEvent('coupon_template.paused', 'A coupon template was paused', Obj({ templateId: Id, status: Type.String() })),
  defineEvent('coupon_template.ended', 'A coupon template was ended', Obj({ templateId: Id, status: Type.String() })),
  defineEvent('coupon_template.draft', 'A coupon template went back to draft', Obj({ templateId: Id, status: Type.String() })),
  defineEvent('coupon.claimed', 'A shopper claimed a coupon', Obj({ ...CouponFacts, userId: Id, source: Type.String() })),
  defineEvent('coupon.granted', 'A coupon was granted as a reward', Obj({ ...CouponFacts, userId: Id, source: Type.String(), sourceRef: Type.String() })),
  defineEvent('coupon.revoked', 'A granted coupon was taken back', Obj({ ...CouponFacts, userId: Id, source: Type.String(), sourceRef: Type.String() })),
  defineEvent('coupon.issued', 'An operator issued a coupon to shoppers', Obj({ templateId: Id, userIds: Type.Array(Id), actorId: Nullable(Id) })),
  defineEvent('coupon.locked', 'A coupon was locked to a placed order', Obj({ ...CouponFacts, userId: Id, orderId: Id, discountAmount: Type.Integer() })),
  defineEvent('coupon.released', 'A locked coupon came back (order cancelled before payment)', Obj({ ...CouponFacts, orderId: Id, discountAmount: Type.Integer() })),
  defineEvent('coupon.used', 'A coupon was used by a paid order', Obj({ ...CouponFacts, userId: Id, orderId: Id, discountAmount: Type.Integer() })),
  defineEvent('coupon_pack.claimed', 'A friend claimed from a share coupon pack', Obj({ packId: Id, shareId: Id, sharerId: Id, friendId: Id, couponId: Id, claimed: Type.Integer() })),
  defineEvent('coupon_pack.unlocked', 'Enough friends claimed: the sharer’s pack unlocked', Obj({ packId: Id, shareId: Id, sharerId: Id, couponId: Nullable(Id), rewardRefused: Nullable(Type.String()) })),
] as const;

declare module '../../platform/events.ts' {
  interface EventCatalog extends EventPayloads<typeof couponsEvents> {}
}
