import { defineModule, on } from '../../platform/module.ts';
import type { CatalogService } from '../catalog/index.ts';
import type { IdentityService } from '../identity/index.ts';
import type { LoyaltyService } from '../loyalty/index.ts';
import type { ModerationService } from '../moderation/index.ts';
import type { OrdersService } from '../orders/index.ts';
import { reviewsErrors } from './reviews.errors.ts';
import { reviewsEvents } from './reviews.events.ts';
import { reviewsMigrations } from './reviews.migrations.ts';
import { reviewsAdminRoutes, reviewsRoutes } from './reviews.routes.ts';
import { createReviewsService } from './reviews.service.ts';
import { reviewsTables } from './reviews.table.ts';

export { createReviewsService, type ReviewsService } from './reviews.service.ts';
export type { ReviewsTables } from './reviews.table.ts';

interface ReviewsDeps {
  orders: OrdersService;
  catalog: CatalogService;
  loyalty: LoyaltyService;
  moderation: ModerationService;
  identity: IdentityService;
}

export const reviewsModule = defineModule({
  name: 'reviews',
  tables: reviewsTables,
  migrations: reviewsMigrations,
  events: reviewsEvents,
  errors: reviewsErrors,
  // Orders: the received line a review needs. Catalog: the media store for photos. Moderation: the
  // screening. Loyalty: points for a published review. Identity: reviewers' display names.
  needs: ['orders', 'catalog', 'loyalty', 'moderation', 'identity'],
  create: (platform, deps: ReviewsDeps) => createReviewsService(platform, deps),
  routes: (reviews, deps) => ({ api: reviewsRoutes(reviews, deps.identity.displayNames), admin: reviewsAdminRoutes(reviews) }),
  consumers: (reviews, deps) => [
    // Once per order line whatever happens later: (reason 'review', ref order_line:<id>) is unique in the ledger.
    on('review.published', 'reviews.review-points', async (trx, e) => {
      const amount = await reviews.reviewPoints(trx);
      if (amount > 0) await deps.loyalty.grantPoints(trx, { userId: e.payload.userId, amount, reason: 'review', ref: `order_line:${e.payload.orderLineId}`, note: `review ${e.payload.reviewId}` });
    }),
    on('moderation.decided', 'reviews.moderation-decided', async (trx, e) => {
      if (e.payload.kind === 'review') await reviews.applyDecision(trx, e.payload.subjectId, e.payload.verdict);
    }),
  ],
  personalData: () => ({ tables: { reviews: { columns: ['user_id'], erase: 'delete' }, review_helpful_votes: { columns: ['user_id'], erase: 'delete' } } }),
});
