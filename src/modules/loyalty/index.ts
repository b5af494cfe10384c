export { createLoyaltyService, EXPIRE_POINTS_JOB, type LoyaltyService, type GrantInput, type ReverseInput } from './loyalty.service.ts';
export { loyaltyRoutes, loyaltyAdminRoutes } from './loyalty.routes.ts';
export { loyaltyMigrations } from './loyalty.migrations.ts';
export type { LoyaltyTables } from './loyalty.table.ts';
export { pointsExpiry, chinaDate, type PointReason, type GrantReason, type Tier } from './loyalty.rules.ts';
