// Request bodies for what a shopper buys and how it is priced: checkout's quote and order placement.
import { Type } from '../../platform/schema.ts';


export const ItemsBody = Type.Array(
  Type.Object({ skuId: Type.String({ format: 'uuid' }), quantity: Type.Integer({ minimum: 1, maximum: 999 }) }, { additionalProperties: false }),
  { minItems: 1, maxItems: 50 },
);

/** Pricing choices a shopper makes at checkout. */
export const PricingOptionsBody = {
  couponIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 5, uniqueItems: true, description: 'coupons to apply (stacking rules decide which may combine)' })),
  usePoints: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000, description: 'points to spend (capped by the points rules)' })),
};
