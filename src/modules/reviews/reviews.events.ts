// Events of product reviews.
import { defineEvent, type EventPayloads } from '../../platform/events.ts';
import { Type } from '../../platform/schema.ts';

const Id = Type.String();

export const reviewsEvents = [
  defineEvent('review.published', 'A review became visible on its product page (at once, or when an operator approved it)', Type.Object({
    reviewId: Id, productId: Id, userId: Id, orderId: Id, orderLineId: Id, rating: Type.Integer({ minimum: 1, maximum: 5 }), withImages: Type.Boolean(),
  })),
  defineEvent('review.hidden', 'A review was taken off its product page (an operator hid it, or refused it after it was held)', Type.Object({
    reviewId: Id, productId: Id, reason: Type.String(),
  })),
] as const;

declare module '../../platform/events.ts' {
  interface EventCatalog extends EventPayloads<typeof reviewsEvents> {}
}
