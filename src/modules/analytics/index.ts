import { analyticsErrors } from './analytics.errors.ts';
import { defineModule } from '../../platform/module.ts';
import { currentRateLimits } from '../../platform/rate-limits.ts';
import type { CampaignsService } from '../campaigns/index.ts';
import type { IdentityService } from '../identity/index.ts';
import type { OrdersService } from '../orders/index.ts';
import type { SharingService } from '../sharing/index.ts';
import { createAnalyticsService } from './analytics.service.ts';
import { analyticsAdminRoutes } from './analytics.routes.ts';
import { analyticsIngestRoutes } from './analytics.ingest.routes.ts';
import { analyticsMigrations } from './analytics.migrations.ts';
import { analyticsTables } from './analytics.table.ts';
import { ROLLUP_JOB } from './analytics.ingest.ts';

export type { AnalyticsService } from './analytics.service.ts';
export { CLIENT_EVENT_NAMES, SERVER_EVENT_NAMES, type EventRow } from './analytics.ingest.rules.ts';

export const analyticsModule = defineModule({
  name: 'analytics',
  tables: analyticsTables,
  migrations: analyticsMigrations,
  errors: analyticsErrors,
  needs: ['orders', 'identity', 'sharing', 'campaigns'],
  create: (platform, deps: { orders: OrdersService; identity: IdentityService; sharing: SharingService; campaigns: CampaignsService }) =>
    createAnalyticsService(platform, {
      orders: deps.orders.dailyActivity,
      customers: deps.identity.dailyNewCustomers,
      sharing: deps.sharing.dailyActivity,
      campaigns: deps.campaigns,
      newCustomers: deps.identity.dailyNewCustomers,
    }),
  routes: (analytics, _deps, platform) => ({
    api: analyticsIngestRoutes(analytics, { perIp: currentRateLimits(platform).reader('eventsPerIp') }),
    admin: analyticsAdminRoutes(analytics),
  }),
  jobs: (analytics) => ({ [ROLLUP_JOB]: (payload: { day: string }) => analytics.rollup(payload.day) }),
  consumers: (analytics) => analytics.consumers(),
  // Rows about a person, for export and erasure (platform/personal-data.ts): `keep` is a record the law or the books need.
  personalData: () => ({ tables: { analytics_events: { columns: ['user_id'], erase: 'delete' }, analytics_visitors: { columns: ['user_id'], erase: 'delete' }, analytics_daily_steps: { columns: ['user_id'], erase: 'delete' }, analytics_daily_touches: { columns: ['user_id'], erase: 'delete' }, analytics_daily_clicks: { columns: ['user_id'], erase: 'delete' } } }),
});
