import { affiliatePersonalData } from './affiliate.pii.ts';
import { defineModule, on } from '../../platform/module.ts';
import type { AftersalesService } from '../aftersales/index.ts';
import type { CatalogService } from '../catalog/index.ts';
import type { PeopleCards, IdentityService } from '../identity/index.ts';
import type { OrdersService } from '../orders/index.ts';
import type { RiskService } from '../risk/index.ts';
import { scheduleJob } from '../../platform/jobs.ts';
import { createAffiliateService, SETTLE_JOB } from './affiliate.service.ts';
import { affiliateRoutes, affiliateAdminRoutes } from './affiliate.routes.ts';
import { affiliateMigrations } from './affiliate.migrations.ts';
import { affiliateErrors } from './affiliate.errors.ts';
import { affiliateEvents } from './affiliate.events.ts';
import { affiliateTables } from './affiliate.table.ts';
import { createAffiliateCustomerFacts } from './affiliate.customers.ts';

export type { AffiliateCustomerFacts, PromoterBinding, PromoterStanding } from './affiliate.customers.ts';


export const affiliateModule = defineModule({
  name: 'affiliate',
  tables: affiliateTables,
  needs: ['identity', 'orders', 'aftersales', 'risk', 'catalog'],
  migrations: affiliateMigrations,
  errors: affiliateErrors,
  events: affiliateEvents,
  create: (platform, deps: { identity: IdentityService & PeopleCards; orders: OrdersService; aftersales: AftersalesService; risk: RiskService; catalog: CatalogService }) => {
    // Risk per promoter and order: a sock puppet's order earns its promoter nothing (block) or waits
    // for review (hold: settlement skips it; a release settles it at once).
    const ref = (c: { orderId: string; promoterId: string }) => `${c.orderId}:${c.promoterId}`;
    const affiliate = createAffiliateService(platform, {
      ...deps,
      risk: {
        assess: async (trx, c) => (await deps.risk.assess(trx, { kind: 'affiliate.commission', userId: c.promoterId, campaignId: null, subjectRef: ref(c), counterpartId: c.buyerId, money: { amount: c.amount, currency: c.currency }, payload: { orderId: c.orderId }, paysLater: true })).verdict,
        mayPay: (trx, c) => deps.risk.mayPay(trx, 'affiliate.commission', ref(c)),
      },
    });
    // A release settles the order's commission at once (a job); a cancel reverses it in full.
    deps.risk.registerReleaser('affiliate.commission', {
      release: (trx, d) => scheduleJob(trx, { kind: SETTLE_JOB, payload: { orderId: d.payload.orderId! }, runAt: platform.clock.now(), dedupeKey: `affiliate-settle:${d.payload.orderId}:risk:${d.id}`, now: platform.clock.now() }),
      cancel: (trx, d) => affiliate.cancelHeldCommission(trx, { orderId: d.payload.orderId!, promoterId: d.user_id, decisionId: d.id }),
    });
    // customers: what the admin customer pages read (bindings, a customer's promoter standing).
    return Object.assign(affiliate, { customers: createAffiliateCustomerFacts(platform), personalData: affiliatePersonalData(platform.pii) });
  },
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
  // Rows about a person, for export and erasure, and the sealed payout accounts (affiliate.pii.ts).
  personalData: (affiliate) => affiliate.personalData,
});
