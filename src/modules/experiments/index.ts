import { defineModule } from '../../platform/module.ts';
import type { AnalyticsService } from '../analytics/index.ts';
import type { CampaignsService } from '../campaigns/index.ts';
import { experimentsErrors } from './experiments.errors.ts';
import { experimentsEvents } from './experiments.events.ts';
import { experimentsMigrations } from './experiments.migrations.ts';
import { experimentsAdminRoutes, experimentsRoutes } from './experiments.routes.ts';
import { createExperimentsService } from './experiments.service.ts';
import { experimentsTables } from './experiments.table.ts';

export { createExperimentsService, type ExperimentsService } from './experiments.service.ts';
export { assignVariant, hashUnit, METRICS, type MetricKey, type VariantDef } from './experiments.rules.ts';
export type { ExperimentsTables } from './experiments.table.ts';

/** The name the kernel knows this module's `variant` hook by. */
export const VARIANT_HOOK = 'experiments';

export const experimentsModule = defineModule({
  name: 'experiments',
  tables: experimentsTables,
  migrations: experimentsMigrations,
  events: experimentsEvents,
  errors: experimentsErrors,
  // Campaigns: the campaign an experiment belongs to, and the kernel's variant hook. Analytics: the
  // event log read by cursor, where the outcomes (paid orders, shares) come from.
  needs: ['campaigns', 'analytics'],
  create: (platform, deps: { campaigns: CampaignsService; analytics: AnalyticsService }) => {
    const experiments = createExperimentsService(platform, { campaigns: deps.campaigns, events: deps.analytics });
    deps.campaigns.hooks.register('variant', VARIANT_HOOK, (campaign, subjectId, handle) => experiments.exposeSubject(campaign.id, subjectId, handle));
    return experiments;
  },
  routes: (experiments, deps) => ({ api: experimentsRoutes(experiments, deps.campaigns.variantFor), admin: experimentsAdminRoutes(experiments, deps.campaigns) }),
  // Exposures name a person (account or visitor): exported with them, deleted on erasure.
  personalData: () => ({ tables: { experiment_exposures: { columns: ['subject_id'], erase: 'delete' } } }),
});
