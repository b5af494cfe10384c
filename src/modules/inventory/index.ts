export { createInventoryService, type InventoryService } from './inventory.service.ts';
export { inventoryAdminRoutes, type SkuDescription } from './inventory.routes.ts';
export { inventoryMigrations } from './inventory.migrations.ts';
export type { Availability, StockLine } from './inventory.rules.ts';
export type { InventoryTables } from './inventory.table.ts';
