export { createLotteryService, type LotteryService, type LotteryDeps, type LotteryRewards } from './lottery.service.ts';
export { lotteryRoutes, lotteryAdminRoutes } from './lottery.routes.ts';
export { lotteryMigrations } from './lottery.migrations.ts';
export type { LotteryTables } from './lottery.table.ts';
export { seededRandom, pickPrize, type PrizeInput } from './lottery.rules.ts';
