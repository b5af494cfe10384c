export { createBargainService, type BargainService, type BargainDeps, EXPIRE_CUT_JOB } from './bargain.service.ts';
export { bargainRoutes, bargainAdminRoutes } from './bargain.routes.ts';
export { bargainMigrations } from './bargain.migrations.ts';
export type { BargainTables } from './bargain.table.ts';
export { cutAmount, type RandomSource } from './bargain.rules.ts';
