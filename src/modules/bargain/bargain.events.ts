// Events of price-cut campaigns and cuts.
import { defineEvent, type EventPayloads } from '../../platform/events.ts';
import { Type } from '../../platform/schema.ts';

const Id = Type.String();
const Obj = Type.Object;

const CutFacts = { cutId: Id, campaignId: Id, userId: Id };

export const bargainEvents = [
  defineEvent('bargain.campaign_created', 'A price-cut campaign was created', Obj({ campaignId: Id, skuId: Id })),
  defineEvent('bargain.campaign_updated', 'A draft price-cut campaign was edited', Obj({ campaignId: Id, skuId: Id })),
  defineEvent('bargain.campaign_started', 'A price-cut campaign started', Obj({ campaignId: Id })),
  defineEvent('bargain.campaign_stopped', 'A price-cut campaign stopped', Obj({ campaignId: Id })),
  defineEvent('bargain.cut_started', 'A shopper started a price-cut', Obj({ ...CutFacts, originalAmount: Type.Integer(), floorAmount: Type.Integer(), currency: Type.String(), expiresAt: Type.String(), firstCutAmount: Type.Optional(Type.Integer({ description: "the starter's own first cut (fen); 0 when the gap left no room" })) })),
  defineEvent('bargain.helped', 'A friend helped cut the price', Obj({ ...CutFacts, helperId: Id, amount: Type.Integer(), priceAfter: Type.Integer(), newCustomer: Type.Boolean(), seq: Type.Integer(), currency: Type.String() })),
  defineEvent('bargain.cut_succeeded', 'A price-cut reached its floor', Obj({ ...CutFacts, floorAmount: Type.Integer(), currency: Type.String() })),
  defineEvent('bargain.cut_ordered', 'The starter ordered at the cut price', Obj({ ...CutFacts, orderId: Id, amount: Type.Integer(), currency: Type.String() })),
  defineEvent('bargain.cut_expired', 'A price-cut expired', Obj({ ...CutFacts, helps: Type.Integer() })),
  defineEvent('bargain.order_cancelled', 'The order of a price-cut was cancelled', Obj({ ...CutFacts, orderId: Id, status: Type.String() })),
  defineEvent('bargain.cut_bought', 'The order of a price-cut was paid', Obj({ ...CutFacts, orderId: Id })),
] as const;

declare module '../../platform/events.ts' {
  interface EventCatalog extends EventPayloads<typeof bargainEvents> {}
}
