// Privacy (PIPL / GDPR): consent records, the shopper's export and erasure through jobs, and the
// daily retention purge. Other modules contribute their own part of export and erasure by
// declaring `personalData` (platform/personal-data.ts); this module never reads their tables.
import { defineModule, on } from '../../platform/module.ts';
import type { AnalyticsService } from '../analytics/index.ts';
import type { IdentityService } from '../identity/index.ts';
import { createPrivacyService, ERASURE_JOB, EXPORT_JOB, RETENTION_JOB } from './privacy.service.ts';
import { privacyRoutes } from './privacy.routes.ts';
import { privacyMigrations } from './privacy.migrations.ts';
import { privacyErrors } from './privacy.errors.ts';
import { privacyEvents } from './privacy.events.ts';
import { privacyTables } from './privacy.table.ts';

export { type PrivacyService } from './privacy.service.ts';
export { CONSENT_PURPOSES, type ConsentPurpose } from './privacy.rules.ts';

export const privacyModule = defineModule({
  name: 'privacy',
  tables: privacyTables,
  needs: ['identity', 'analytics'],
  migrations: privacyMigrations,
  errors: privacyErrors,
  events: privacyEvents,
  create: (platform, deps: { identity: IdentityService; analytics: AnalyticsService }) =>
    createPrivacyService(platform, { purgeSessionsBefore: deps.identity.purgeSessionsBefore, purgeEventsBefore: deps.analytics.purgeEventsBefore }),
  routes: (privacy, _deps, platform) => ({ api: privacyRoutes(privacy, platform.settings) }),
  jobs: (privacy) => ({
    [EXPORT_JOB]: (payload: { requestId: string }) => privacy.runExport(payload.requestId),
    [ERASURE_JOB]: (payload: { requestId: string }) => privacy.runErasure(payload.requestId),
    [RETENTION_JOB]: () => privacy.runRetention().then(() => undefined),
  }),
  consumers: (privacy) => [
    on('customer.registered', 'privacy.signup-consents', async (trx, e) => {
      if (e.payload.consents) await privacy.recordSignupConsents(trx, e.payload.userId, e.payload.consents, e.occurredAt);
    }),
  ],
  personalData: (privacy) => privacy.personalData,
});
