export { createFlashsaleService, type FlashsaleService, type SlotInput, RELEASE_GATE_JOB } from './flashsale.service.ts';
export { flashsaleRoutes, flashsaleAdminRoutes } from './flashsale.routes.ts';
export { flashsaleMigrations } from './flashsale.migrations.ts';
export { createPostgresGate, createRedisGate, redisKeys, type StockGate, type RedisGate } from './flashsale.gate.ts';
export type { FlashsaleTables } from './flashsale.table.ts';
