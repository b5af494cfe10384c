// 猜你喜欢: item-to-item collaborative filtering and EASE^R trained daily on views, carts and
// orders, with "friends bought" from the friendship graph and share links, served per page.
import { defineModule } from '../../platform/module.ts';
import type { AnalyticsService } from '../analytics/index.ts';
import type { CatalogService } from '../catalog/index.ts';
import type { CheckoutService } from '../checkout/index.ts';
import type { IdentityService } from '../identity/index.ts';
import type { OrdersService } from '../orders/index.ts';
import type { PrivacyService } from '../privacy/index.ts';
import { recommendErrors } from './recommend.errors.ts';
import { recommendMigrations } from './recommend.migrations.ts';
import { recommendAdminRoutes, recommendRoutes } from './recommend.routes.ts';
import { createRecommendService } from './recommend.service.ts';
import { recommendTables } from './recommend.table.ts';
import { RECOMMEND_TRAIN_JOB } from './recommend.train.ts';

export { type RecommendService } from './recommend.service.ts';
export { RECOMMEND_TRAIN_JOB } from './recommend.train.ts';
export { registerRecommendCommands, type OpenRecommend } from './recommend.cli.ts';

export const recommendModule = defineModule({
  name: 'recommend',
  tables: recommendTables,
  needs: ['analytics', 'orders', 'catalog', 'identity', 'privacy', 'checkout'],
  migrations: recommendMigrations,
  errors: recommendErrors,
  create: (platform, deps: { analytics: AnalyticsService; orders: OrdersService; catalog: CatalogService; identity: IdentityService; privacy: PrivacyService; checkout: CheckoutService }) =>
    createRecommendService(platform, deps),
  routes: (recommend) => ({ api: recommendRoutes(recommend), admin: recommendAdminRoutes(recommend) }),
  // The daily run books the next one when it finishes (recommend.train.ts).
  jobs: (recommend) => ({ [RECOMMEND_TRAIN_JOB]: async () => void (await recommend.train('schedule')) }),
  // Rows about a person, for export and erasure (platform/personal-data.ts): all derived, none the law needs kept.
  personalData: () => ({
    tables: {
      recommend_interactions: { columns: ['user_id'], erase: 'delete' },
      recommend_share_links: { columns: ['user_id', 'friend_id'], erase: 'delete' },
      recommend_user_items: { columns: ['user_id'], erase: 'delete' },
    },
  }),
});
