import { defineModule } from '../../platform/module.ts';
import type { InventoryService } from '../inventory/index.ts';
import { createCatalogService } from './catalog.service.ts';
import { catalogRoutes, catalogAdminRoutes, mediaRoutes, type ReferencePrices } from './catalog.routes.ts';
import { catalogBoardRoutes } from './catalog.board.routes.ts';
import type { SalesSource } from './catalog.board.ts';
import { catalogMigrations } from './catalog.migrations.ts';
import { catalogErrors } from './catalog.errors.ts';
import { catalogEvents } from './catalog.events.ts';
import { catalogTables } from './catalog.table.ts';
import { createProductSummaries } from './catalog.summaries.ts';

export { type CatalogService } from './catalog.service.ts';
export type { ImportProductInput } from './catalog.inputs.ts';
export type { PricingSku } from './catalog.reads.ts';
export type { ProductCard, ProductSummaries } from './catalog.summaries.ts';

export const catalogModule = defineModule({
  name: 'catalog',
  tables: catalogTables,
  needs: ['inventory'],
  migrations: catalogMigrations,
  errors: catalogErrors,
  events: catalogEvents,
  create: (platform, deps: { inventory: InventoryService }) => Object.assign(createCatalogService(platform, deps.inventory), createProductSummaries(platform)),
  // Product pages show the lawful reference price (compliance comes later in the list: routes are built last).
  // The operator's product list shows units sold, which orders (built later) counts.
  routeNeeds: ['compliance', 'orders'],
  routes: (catalog, deps: { compliance: ReferencePrices; orders: SalesSource }) => ({
    root: mediaRoutes(catalog),
    api: catalogRoutes(catalog, deps.compliance),
    admin: async (app) => {
      await catalogBoardRoutes(catalog, deps.orders)(app);
      await catalogAdminRoutes(catalog)(app);
    },
  }),
});
