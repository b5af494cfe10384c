import { defineModule, on } from '../../platform/module.ts';
import type { CatalogService } from '../catalog/index.ts';
import type { IdentityService } from '../identity/index.ts';
import type { InventoryService } from '../inventory/index.ts';
import { createRestockService, RESTOCK_SEND_JOB, type SendAlertPayload } from './restock.service.ts';
import { restockRoutes } from './restock.routes.ts';
import { restockMigrations } from './restock.migrations.ts';
import { restockErrors } from './restock.errors.ts';
import { restockTables } from './restock.table.ts';

export { createRestockService, type RestockService } from './restock.service.ts';
export type { RestockTables } from './restock.table.ts';

export const restockModule = defineModule({
  name: 'restock',
  tables: restockTables,
  needs: ['catalog', 'inventory', 'identity'],
  migrations: restockMigrations,
  errors: restockErrors,
  create: (platform, deps: { catalog: CatalogService; inventory: InventoryService; identity: IdentityService }) =>
    createRestockService(platform, { catalog: deps.catalog, inventory: deps.inventory, identity: deps.identity }),
  routes: (restock) => ({ api: restockRoutes(restock) }),
  jobs: (restock) => ({ [RESTOCK_SEND_JOB]: (payload: SendAlertPayload) => restock.sendAlert(payload) }),
  // An operator's delivery and returned goods both put units back on the shelf.
  consumers: (restock) => [
    on(['inventory.adjusted', 'inventory.restocked'], 'restock.notify-on-stock', (trx, e) => restock.onStock(trx, e.payload.skuId, e.payload)),
  ],
  // Rows about a person, for export and erasure (platform/personal-data.ts): `keep` is a record the law or the books need.
  personalData: () => ({ tables: { restock_alerts: { columns: ['user_id'], erase: 'delete' } } }),
});
