import { defineModule, on } from '../../platform/module.ts';
import type { OrdersService } from '../orders/index.ts';
import type { PaymentsService } from '../payments/index.ts';
import type { IdentityService } from '../identity/index.ts';
import { createAftersalesService } from './aftersales.service.ts';
import { aftersalesRoutes, aftersalesAdminRoutes } from './aftersales.routes.ts';
import { aftersalesMigrations } from './aftersales.migrations.ts';
import { aftersalesErrors } from './aftersales.errors.ts';
import { aftersalesEvents } from './aftersales.events.ts';
import { aftersalesTables } from './aftersales.table.ts';

export { type AftersalesService } from './aftersales.service.ts';

export const aftersalesModule = defineModule({
  name: 'aftersales',
  tables: aftersalesTables,
  needs: ['orders', 'payments'],
  routeNeeds: ['identity'],
  migrations: aftersalesMigrations,
  errors: aftersalesErrors,
  events: aftersalesEvents,
  create: (platform, deps: { orders: OrdersService; payments: PaymentsService }) => createAftersalesService(platform, deps),
  // The operator's list names orders by number (orders) and buyers by name (identity).
  routes: (aftersales, deps: { orders: OrdersService; identity: IdentityService }) => ({
    api: aftersalesRoutes(aftersales),
    admin: aftersalesAdminRoutes(aftersales, { orderNumbers: deps.orders.numbersOf, displayNames: (ids) => aftersales.namesOf(deps.identity.displayNames, ids) }),
  }),
  consumers: (aftersales) => [on('refund.succeeded', 'aftersales.close-refunded', (trx, e) => aftersales.closeRefunded(trx, e.payload.refundId))],
  // Rows about a person, for export and erasure (platform/personal-data.ts): `keep` is a record the law or the books need.
  personalData: () => ({ tables: { aftersales_requests: { columns: ['user_id'], erase: 'keep' } } }),
});
