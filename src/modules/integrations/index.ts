import { defineModule } from '../../platform/module.ts';
import type { IdentityService } from '../identity/index.ts';
import { createIntegrationsService } from './integrations.service.ts';
import { integrationsAdminRoutes } from './integrations.routes.ts';
import { integrationsMigrations } from './integrations.migrations.ts';
import { integrationsErrors } from './integrations.errors.ts';
import { WEBHOOK_DELIVER_JOB, type DeliverJobPayload } from './webhooks.service.ts';
import { integrationsTables } from './integrations.table.ts';

export { isApiKeyToken } from './apikeys.service.ts';

export const integrationsModule = defineModule({
  name: 'integrations',
  tables: integrationsTables,
  needs: ['identity'],
  migrations: integrationsMigrations,
  errors: integrationsErrors,
  create: (platform, deps: { identity: IdentityService }) =>
    createIntegrationsService(platform, {
      // A key acts for its creator while the creator is still an active operator.
      creatorRoles: async (userId) => {
        const user = await deps.identity.getUser(userId).catch(() => null);
        return user && user.status === 'active' ? user.roles : null;
      },
      // Endpoints subscribe to the event catalog's types (every module's declared events).
      eventTypes: platform.events.types(),
    }),
  routes: (service) => ({ admin: integrationsAdminRoutes(service) }),
  jobs: (service) => ({ [WEBHOOK_DELIVER_JOB]: (payload: DeliverJobPayload) => service.webhooks.deliver(payload) }),
  consumers: (service) => [service.webhooks.consumer()],
});
