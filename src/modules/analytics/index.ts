export { createAnalyticsService, type AnalyticsService, type AnalyticsSources } from './analytics.service.ts';
export { analyticsAdminRoutes } from './analytics.routes.ts';
