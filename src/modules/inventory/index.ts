import { defineModule } from '../../platform/module.ts';
import { createInventoryService } from './inventory.service.ts';
import { inventoryAdminRoutes, type InventoryRouteOptions } from './inventory.routes.ts';
import { inventoryMigrations } from './inventory.migrations.ts';
import { inventoryEvents } from './inventory.events.ts';

export { createInventoryService, type InventoryService } from './inventory.service.ts';
export type { SkuDescription } from './inventory.routes.ts';
export type { Availability, StockLine } from './inventory.rules.ts';
export type { InventoryTables } from './inventory.table.ts';

export const inventoryModule = defineModule({
  name: 'inventory',
  migrations: inventoryMigrations,
  events: inventoryEvents,
  routeNeeds: ['catalog'],
  create: (platform) => createInventoryService(platform),
  // The stock screens name their SKUs through the catalog, which is built after inventory (a
  // port typed here, so inventory does not import the catalog that imports it).
  routes: (inventory, deps: { catalog: Required<InventoryRouteOptions> }) => ({ admin: inventoryAdminRoutes(inventory, { describeSkus: deps.catalog.describeSkus }) }),
});
