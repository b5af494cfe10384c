export { createOrdersService, presentOrder, type OrdersService, type StockKeeper, EXPIRE_UNPAID_JOB, AUTO_COMPLETE_JOB } from './orders.service.ts';
export { ordersRoutes, ordersAdminRoutes } from './orders.routes.ts';
export { ordersMigrations } from './orders.migrations.ts';
export type { OrdersTables } from './orders.table.ts';
export * from './orders.rules.ts';
