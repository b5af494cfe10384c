import { defineModule } from '../../platform/module.ts';
import type { IdentityService } from '../identity/index.ts';
import type { OrdersService } from '../orders/index.ts';
import type { SharingService } from '../sharing/index.ts';
import { createAnalyticsService } from './analytics.service.ts';
import { analyticsAdminRoutes } from './analytics.routes.ts';

export { createAnalyticsService, type AnalyticsService, type AnalyticsSources } from './analytics.service.ts';

export const analyticsModule = defineModule({
  name: 'analytics',
  needs: ['orders', 'identity', 'sharing'],
  create: (platform, deps: { orders: OrdersService; identity: IdentityService; sharing: SharingService }) =>
    createAnalyticsService(platform, { orders: deps.orders.dailyActivity, customers: deps.identity.dailyNewCustomers, sharing: deps.sharing.dailyActivity }),
  routes: (analytics) => ({ admin: analyticsAdminRoutes(analytics) }),
});
