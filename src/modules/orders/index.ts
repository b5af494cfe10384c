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
import type { SharingService } from '../sharing/index.ts';
import type { CampaignsService } from '../campaigns/index.ts';
import { DomainError } from '../../platform/errors.ts';
import type { AnyExecutor } from '../../platform/tables.ts';
import type { OrderFinance } from './orders.detail.ts';

interface OrdersRouteDeps {
  placeOrder: PlaceOrder;
  payments: { listForOrder(orderId: string): Promise<OrderFinance> };
  identity: IdentityService;
  sharing: Pick<SharingService, 'getAttribution'>;
  affiliate: { uplineChain(executor: AnyExecutor, userId: string, max: number): Promise<string[]> };
  campaigns: Pick<CampaignsService, 'findMany'>;
}
import { createOrderCustomerStats } from './orders.customers.ts';

export { type OrdersService } from './orders.service.ts';
export type { OrderAddress } from './orders.table.ts';
export { openOrderAddress } from './orders.pii.ts';
export type { HistoricalOrder } from './orders.import.ts';
export * from './orders.rules.ts';
export * from './orders.placement.ts';
export { OrderSchema } from './orders.schema.ts';
export type { CustomerOrderStats, CustomerOrderSummary, OrderCustomerStats } from './orders.customers.ts';

export const ordersModule = defineModule({
  name: 'orders',
  tables: ordersTables,
  needs: ['inventory'],
  routeNeeds: ['placeOrder', 'payments', 'identity', 'sharing', 'affiliate', 'campaigns'],
  migrations: ordersMigrations,
  errors: ordersErrors,
  events: ordersEvents,
  // customers: what the admin customer pages read (counts and spend per customer, recent orders).
  create: (platform, deps: { inventory: InventoryService }) => Object.assign(createOrdersService(platform, { inventory: deps.inventory }), { customers: createOrderCustomerStats(platform) }),
  personalData: (orders) => orders.personalData,
  // The operator's order page shows its payments (payments, built later, owns them), the buyer's
  // name (identity), the share that brought the order (sharing), the buyer's promoters (affiliate)
  // and the share's campaign (campaigns): ports, so orders never reads their tables.
  routes: (orders, deps: OrdersRouteDeps, platform) => {
    const limits = currentRateLimits(platform);
    const buyerNames = (userIds: string[]) => orders.workbench.namesOf(deps.identity.displayNames, userIds);
    const orderDetail = orders.detail({
      finance: (orderId) => deps.payments.listForOrder(orderId),
      customer: async (userId) => {
        const user = await deps.identity.getUser(userId).catch((err) => (err instanceof DomainError && err.code === 'IDENTITY_USER_NOT_FOUND' ? null : Promise.reject(err)));
        return user ? { name: user.display_name, phone: user.phone } : null;
      },
      displayNames: buyerNames,
      attribution: (executor, orderId) => deps.sharing.getAttribution(executor, 'order', orderId),
      promoters: (executor, userId) => deps.affiliate.uplineChain(executor, userId, 2),
      campaignNames: async (executor, ids) => new Map([...(await deps.campaigns.findMany(executor, ids))].map(([id, c]) => [id, c.name])),
    });
    return {
      api: ordersRoutes(orders, deps.placeOrder, { perIp: limits.reader('ordersPerIp'), perUser: limits.reader('ordersPerUser') }),
      admin: async (app) => {
        await ordersWorkbenchRoutes(orders.workbench, { buyerNames })(app);
        await ordersAdminRoutes(orders, { orderDetail, buyerNames })(app);
      },
    };
  },
  jobs: (orders) => ({
    [EXPIRE_UNPAID_JOB]: (payload: { orderId: string }) => orders.expireUnpaid(payload.orderId),
    [AUTO_COMPLETE_JOB]: (payload: { orderId: string }) => orders.autoComplete(payload.orderId),
  }),
});
