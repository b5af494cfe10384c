// Events of promoters, bindings, commissions and withdrawals.
import { defineEvent, type EventPayloads } from '../../platform/events.ts';
import { Nullable, Type } from '../../platform/schema.ts';

const Id = Type.String();
const Obj = Type.Object;

const Commission = Obj({ id: Id, promoterId: Id, amount: Type.Integer(), level: Type.Optional(Type.Integer()) });
const Withdrawal = { withdrawalId: Id, promoterId: Id, amount: Type.Integer(), net: Type.Integer() };

export const affiliateEvents = [
  defineEvent('affiliate.promoter_applied', 'A shopper applied to become a promoter', Obj({ promoterId: Id, applicationId: Id, mode: Type.String() })),
  defineEvent('affiliate.promoter_approved', 'A promoter was approved', Obj({ promoterId: Id, applicationId: Id, source: Type.String() })),
  defineEvent('affiliate.promoter_rejected', 'A promoter application was rejected', Obj({ promoterId: Id, applicationId: Id })),
  defineEvent('affiliate.customer_bound', 'A customer was bound to a promoter', Obj({ customerId: Id, promoterId: Id, previousPromoterId: Nullable(Id), source: Type.String(), shareId: Nullable(Id), expiresAt: Nullable(Type.String()) })),
  defineEvent('affiliate.commission_created', 'Commissions were recorded for a paid order', Obj({ orderId: Id, buyerId: Id, byPromoter: Type.Unknown(), currency: Type.String() })),
  defineEvent('affiliate.commission_settled', 'An order’s commissions settled', Obj({ orderId: Id, commissions: Type.Array(Commission) })),
  defineEvent('affiliate.commission_reversed', 'Commissions were reversed for a refund', Obj({ orderId: Id, refundId: Id, commissions: Type.Array(Commission) })),
  defineEvent('affiliate.commission_cancelled', 'Held commissions were cancelled by a risk review and will never be paid', Obj({ orderId: Id, decisionId: Id, commissions: Type.Array(Commission) })),
  defineEvent('affiliate.withdrawal_requested', 'A promoter asked to withdraw', Obj({ ...Withdrawal, fee: Type.Integer() })),
  defineEvent('affiliate.withdrawal_paid', 'A withdrawal was approved and paid', Obj(Withdrawal)),
  defineEvent('affiliate.withdrawal_rejected', 'A withdrawal was rejected', Obj(Withdrawal)),
] as const;

declare module '../../platform/events.ts' {
  interface EventCatalog extends EventPayloads<typeof affiliateEvents> {}
}
