export { createAftersalesService, type AftersalesService } from './aftersales.service.ts';
export { aftersalesRoutes, aftersalesAdminRoutes } from './aftersales.routes.ts';
export { aftersalesMigrations } from './aftersales.migrations.ts';
export type { AftersalesTables } from './aftersales.table.ts';
