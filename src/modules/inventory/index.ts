import { defineModule } from '../../platform/module.ts';
import { createInventoryService } from './inventory.service.ts';
import { inventoryAdminRoutes, type InventoryRouteOptions } from './inventory.routes.ts';
import { inventoryMigrations } from './inventory.migrations.ts';
import { inventoryErrors } from './inventory.errors.ts';
import { inventoryEvents } from './inventory.events.ts';
import { inventoryTables } from './inventory.table.ts';

export { type InventoryService } from './inventory.service.ts';

export const inventoryModule = defineModule({
  name: 'inventory',
  tables: inventoryTables,
  migrations: inventoryMigrations,
  errors: inventoryErrors,
  events: inventoryEvents,
  routeNeeds: ['catalog'],
  create: (platform) => createInventoryService(platform),
  // The stock screens name their SKUs through the catalog, which is built after inventory (a
  // port typed here, so inventory does not import the catalog that imports it).
  routes: (inventory, deps: { catalog: Required<InventoryRouteOptions> }) => ({ admin: inventoryAdminRoutes(inventory, { describeSkus: deps.catalog.describeSkus }) }),
});
