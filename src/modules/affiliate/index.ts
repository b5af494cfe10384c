export { createAffiliateService, type AffiliateService, SETTLE_JOB } from './affiliate.service.ts';
export { affiliateRoutes, affiliateAdminRoutes } from './affiliate.routes.ts';
export { affiliateMigrations } from './affiliate.migrations.ts';
export type { AffiliateTables } from './affiliate.table.ts';
