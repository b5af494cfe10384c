export { createReferralService, type ReferralService, type RewardPort, RELEASE_REWARD_JOB } from './referral.service.ts';
export { referralRoutes, referralAdminRoutes } from './referral.routes.ts';
export { referralMigrations } from './referral.migrations.ts';
export type { ReferralTables } from './referral.table.ts';
export type { Reward } from './referral.rules.ts';
