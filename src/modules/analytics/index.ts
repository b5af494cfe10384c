import { analyticsErrors } from './analytics.errors.ts';
import { defineModule } from '../../platform/module.ts';
import type { IdentityService } from '../identity/index.ts';
import type { OrdersService } from '../orders/index.ts';
import type { SharingService } from '../sharing/index.ts';
import { createAnalyticsService } from './analytics.service.ts';
import { analyticsAdminRoutes } from './analytics.routes.ts';


export const analyticsModule = defineModule({
  name: 'analytics',
  errors: analyticsErrors,
  needs: ['orders', 'identity', 'sharing'],
  create: (platform, deps: { orders: OrdersService; identity: IdentityService; sharing: SharingService }) =>
    createAnalyticsService(platform, { orders: deps.orders.dailyActivity, customers: deps.identity.dailyNewCustomers, sharing: deps.sharing.dailyActivity }),
  routes: (analytics) => ({ admin: analyticsAdminRoutes(analytics) }),
});
