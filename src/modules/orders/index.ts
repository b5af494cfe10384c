import { defineModule } from '../../platform/module.ts';
import { currentRateLimits } from '../../platform/rate-limits.ts';
import type { InventoryService } from '../inventory/index.ts';
import { createOrdersService, EXPIRE_UNPAID_JOB, AUTO_COMPLETE_JOB } from './orders.service.ts';
import { ordersRoutes, ordersAdminRoutes } from './orders.routes.ts';
import { ordersMigrations } from './orders.migrations.ts';
import { ordersErrors } from './orders.errors.ts';
import { ordersEvents } from './orders.events.ts';
import type { PlaceOrder } from './orders.placement.ts';
import { ordersTables } from './orders.table.ts';
import { ordersWorkbenchRoutes } from './orders.workbench.routes.ts';
import type { IdentityService } from '../identity/index.ts';

export { type OrdersService } from './orders.service.ts';
export type { OrderAddress } from './orders.table.ts';
export { openOrderAddress } from './orders.pii.ts';
export type { HistoricalOrder } from './orders.import.ts';
export * from './orders.rules.ts';
export * from './orders.placement.ts';
export { OrderSchema } from './orders.schema.ts';

export const ordersModule = defineModule({
  name: 'orders',
  tables: ordersTables,
  needs: ['inventory'],
  routeNeeds: ['placeOrder', 'payments', 'identity'],
  migrations: ordersMigrations,
  errors: ordersErrors,
  events: ordersEvents,
  create: (platform, deps: { inventory: InventoryService }) => createOrdersService(platform, { inventory: deps.inventory }),
  personalData: (orders) => orders.personalData,
  // The operator's order page shows its payments, which payments (built later) owns: a port.
  // Buyers' names come from identity, which owns them.
  routes: (orders, deps: { placeOrder: PlaceOrder; payments: { listForOrder(orderId: string): Promise<unknown> }; identity: IdentityService }, platform) => {
    const limits = currentRateLimits(platform);
    const buyerNames = (userIds: string[]) => orders.workbench.namesOf(deps.identity.displayNames, userIds);
    return {
      api: ordersRoutes(orders, deps.placeOrder, { perIp: limits.reader('ordersPerIp'), perUser: limits.reader('ordersPerUser') }),
      admin: async (app) => {
        await ordersWorkbenchRoutes(orders.workbench, { buyerNames })(app);
        await ordersAdminRoutes(orders, { orderFinance: deps.payments.listForOrder, buyerNames })(app);
      },
    };
  },
  jobs: (orders) => ({
    [EXPIRE_UNPAID_JOB]: (payload: { orderId: string }) => orders.expireUnpaid(payload.orderId),
    [AUTO_COMPLETE_JOB]: (payload: { orderId: string }) => orders.autoComplete(payload.orderId),
  }),
});
