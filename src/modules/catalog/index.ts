import { defineModule } from '../../platform/module.ts';
import type { InventoryService } from '../inventory/index.ts';
import { createCatalogService } from './catalog.service.ts';
import { catalogRoutes, catalogAdminRoutes, mediaRoutes, type ReferencePrices } from './catalog.routes.ts';
import { catalogMigrations } from './catalog.migrations.ts';
import { catalogErrors } from './catalog.errors.ts';
import { catalogEvents } from './catalog.events.ts';
import { catalogTables } from './catalog.table.ts';

export { type CatalogService } from './catalog.service.ts';
export type { ImportProductInput } from './catalog.inputs.ts';
export type { PricingSku } from './catalog.reads.ts';

export const catalogModule = defineModule({
  name: 'catalog',
  tables: catalogTables,
  needs: ['inventory'],
  migrations: catalogMigrations,
  errors: catalogErrors,
  events: catalogEvents,
  create: (platform, deps: { inventory: InventoryService }) => createCatalogService(platform, deps.inventory),
  // Product pages show the lawful reference price (compliance comes later in the list: routes are built last).
  routeNeeds: ['compliance'],
  routes: (catalog, deps: { compliance: ReferencePrices }) => ({ root: mediaRoutes(catalog), api: catalogRoutes(catalog, deps.compliance), admin: catalogAdminRoutes(catalog) }),
});
