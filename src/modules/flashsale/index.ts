import { defineModule, on } from '../../platform/module.ts';
import { currentRateLimits } from '../../platform/rate-limits.ts';
import type { CampaignsService } from '../campaigns/index.ts';
import type { CatalogService } from '../catalog/index.ts';
import { flashsaleMechanic } from './flashsale.mechanic.ts';
import type { OrdersService, PlaceOrder } from '../orders/index.ts';
import { createFlashsaleService, RELEASE_GATE_JOB, RECONCILE_JOB } from './flashsale.service.ts';
import { flashsaleRoutes, flashsaleAdminRoutes, type ReferenceCaps } from './flashsale.routes.ts';
import { flashsaleMigrations } from './flashsale.migrations.ts';
import { flashsaleErrors } from './flashsale.errors.ts';
import { flashsaleEvents } from './flashsale.events.ts';
import { flashsaleTables } from './flashsale.table.ts';

export { redisKeys } from './flashsale.gate.ts';

export const flashsaleModule = defineModule({
  name: 'flashsale',
  tables: flashsaleTables,
  needs: ['campaigns', 'catalog', 'orders', 'placeOrder'],
  migrations: flashsaleMigrations,
  errors: flashsaleErrors,
  events: flashsaleEvents,
  create: (platform, deps: { campaigns: CampaignsService; catalog: CatalogService; orders: OrdersService; placeOrder: PlaceOrder }) => {
    deps.campaigns.registerMechanic(flashsaleMechanic);
    return createFlashsaleService(platform, deps);
  },
  // Slot pages show the lawful reference price (compliance comes later in the list: routes are built last).
  routeNeeds: ['compliance'],
  routes: (flashsale, deps: { campaigns: CampaignsService; compliance: ReferenceCaps }, platform) => {
    const limits = currentRateLimits(platform);
    return {
      api: flashsaleRoutes(flashsale, { perIp: limits.reader('flashsalePerIp'), perUser: limits.reader('flashsalePerUser'), secret: platform.secret, clock: platform.clock, references: deps.compliance, prices: deps.campaigns }),
      admin: flashsaleAdminRoutes(flashsale),
    };
  },
  jobs: (flashsale) => ({
    [RELEASE_GATE_JOB]: (payload: { itemId: string; userId: string; quantity: number; orderId: string }) => flashsale.releaseGate(payload),
    [RECONCILE_JOB]: () => flashsale.runReconcileJob(),
  }),
  consumers: (flashsale) => [
    on('order.cancelled', 'flashsale.release-on-cancel', (trx, e) => flashsale.onOrderCancelled(trx, e.payload)),
    on('order.refunded', 'flashsale.release-on-refund', (trx, e) => flashsale.onOrderRefunded(trx, e.payload)),
  ],
  // Purchases and counts back orders the law keeps: kept on erasure, pointing at the anonymised account.
  personalData: () => ({ tables: { flashsale_claims: { columns: ['user_id'], erase: 'keep' }, flashsale_purchases: { columns: ['user_id'], erase: 'keep' }, flashsale_user_counts: { columns: ['user_id'], erase: 'keep' } } }),
});
