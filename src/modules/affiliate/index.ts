import { defineModule, on } from '../../platform/module.ts';
import type { AftersalesService } from '../aftersales/index.ts';
import type { IdentityService } from '../identity/index.ts';
import type { OrdersService } from '../orders/index.ts';
import { createAffiliateService, SETTLE_JOB } from './affiliate.service.ts';
import { affiliateRoutes, affiliateAdminRoutes } from './affiliate.routes.ts';
import { affiliateMigrations } from './affiliate.migrations.ts';
import { affiliateErrors } from './affiliate.errors.ts';
import { affiliateEvents } from './affiliate.events.ts';
import { affiliateTables } from './affiliate.table.ts';


export const affiliateModule = defineModule({
  name: 'affiliate',
  tables: affiliateTables,
  needs: ['identity', 'orders', 'aftersales'],
  migrations: affiliateMigrations,
  errors: affiliateErrors,
  events: affiliateEvents,
  create: (platform, deps: { identity: IdentityService; orders: OrdersService; aftersales: AftersalesService }) => createAffiliateService(platform, deps),
  routes: (affiliate) => ({ api: affiliateRoutes(affiliate), admin: affiliateAdminRoutes(affiliate) }),
  jobs: (affiliate) => ({ [SETTLE_JOB]: (payload: { orderId: string }) => affiliate.settleOrder(payload.orderId) }),
  consumers: (affiliate) => [
    on('customer.attributed', 'affiliate.bind-on-attributed', (trx, e) => affiliate.onCustomerAttributed(trx, e.payload)),
    on('order.attributed', 'affiliate.bind-on-order-attributed', (trx, e) => affiliate.onOrderAttributed(trx, e.payload)),
    on('order.paid', 'affiliate.commission-on-paid', (trx, e) => affiliate.onOrderPaid(trx, e.payload)),
    on('order.completed', 'affiliate.settle-clock-on-completed', (trx, e) => affiliate.onOrderCompleted(trx, e.payload)),
    on('order.refunded', 'affiliate.reverse-on-refund', (trx, e) => affiliate.onOrderRefunded(trx, e.payload)),
    on('aftersales.requested', 'affiliate.hold-on-aftersales', (trx, e) => affiliate.onAftersalesRequested(trx, e.payload)),
    on('aftersales.rejected', 'affiliate.release-on-aftersales-rejected', (trx, e) => affiliate.onAftersalesRejected(trx, e.payload)),
  ],
});
