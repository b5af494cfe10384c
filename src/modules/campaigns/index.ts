import { defineModule, on } from '../../platform/module.ts';
import type { CheckoutService } from '../checkout/index.ts';
import { createCampaignsService, END_JOB, GO_LIVE_JOB } from './campaigns.service.ts';
import { campaignsRoutes } from './campaigns.routes.ts';
import { campaignsMigrations } from './campaigns.migrations.ts';
import { campaignsErrors } from './campaigns.errors.ts';
export { budgetRefusal } from './campaigns.errors.ts';
import { campaignsEvents } from './campaigns.events.ts';
import { campaignsTables } from './campaigns.table.ts';

export { createCampaignsService, viewOf, type CampaignsService, type Enrolment, type Spend } from './campaigns.service.ts';
export { defineMechanic, mirroringMechanic, opensNow, stockFindings, type CampaignHooks, type CampaignView, type Finding, type MechanicDefinition, type AudienceDecision } from './campaigns.hooks.ts';
export { isRunning, mirroredStatus, openForShoppers, phase, rulesLocked, MECHANICS, CAMPAIGN_STATUSES, type CampaignStatus, type CostKind, type Mechanic, type MirroredStatus } from './campaigns.rules.ts';
export type { CampaignsTables } from './campaigns.table.ts';
export { applyVariant, effectiveRules, variantProblem, type SubjectRules, type VariantAssignment, type VariantConfig, type VariantKey, type VariantProblem, type VariantRules, type VariantSpace, type VariantValue } from './campaigns.variants.ts';
export { DeliveredProps } from './campaigns.shipping.ts';
/** What campaign pages need to advertise an all-in price (到手价): the price plus the shipping checkout will charge. */
export type DeliveredPrices = Pick<import('./campaigns.service.ts').CampaignsService, 'deliveredPrice'>;

export const campaignsModule = defineModule({
  name: 'campaigns',
  tables: campaignsTables,
  migrations: campaignsMigrations,
  events: campaignsEvents,
  errors: campaignsErrors,
  // Checkout's shipping rule: campaign pages advertise the price with its shipping (到手价).
  needs: ['checkout'],
  create: (platform, deps: { checkout: CheckoutService }) => createCampaignsService(platform, { shippingFor: deps.checkout.shippingFor }),
  routes: (campaigns, _deps, platform) => ({ admin: campaignsRoutes(campaigns, () => platform.clock.now()) }),
  jobs: (campaigns) => ({
    [GO_LIVE_JOB]: (payload: { id: string }) => campaigns.onSchedule(payload.id, 'go_live'),
    [END_JOB]: (payload: { id: string }) => campaigns.onSchedule(payload.id, 'end'),
  }),
  // An order that was cancelled unpaid, or refunded in full, gave nothing away: its costs come back.
  consumers: (campaigns) => [
    on('order.cancelled', 'campaigns.release-on-cancel', (trx, e) => campaigns.releaseOrder(trx, e.payload.orderId, 'order cancelled')),
    on('order.refunded', 'campaigns.release-on-full-refund', async (trx, e) => {
      if (e.payload.full) await campaigns.releaseOrder(trx, e.payload.orderId, 'order refunded in full');
    }),
  ],
  // The cost ledger is the books: kept on erasure, pointing at the anonymised account.
  personalData: () => ({ tables: { campaign_ledger: { columns: ['user_id'], erase: 'keep' } } }),
});
