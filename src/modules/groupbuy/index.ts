export { createGroupbuyService, presentCampaign, type GroupbuyService, type CampaignInput, EXPIRE_TEAM_JOB } from './groupbuy.service.ts';
export { groupbuyRoutes, groupbuyAdminRoutes } from './groupbuy.routes.ts';
export { groupbuyMigrations } from './groupbuy.migrations.ts';
export type { GroupbuyTables } from './groupbuy.table.ts';
export * from './groupbuy.rules.ts';
