import { defineModule } from '../../platform/module.ts';
import { currentRateLimits } from '../../platform/rate-limits.ts';
import { createIdentityService } from './identity.service.ts';
import { identityRoutes, identityAdminRoutes } from './identity.routes.ts';
import { identityMigrations } from './identity.migrations.ts';
import { identityErrors } from './identity.errors.ts';
import { identityEvents } from './identity.events.ts';
import { identityTables } from './identity.table.ts';
import { createSecondFactors } from './identity.totp.ts';

export type { SecondFactors } from './identity.totp.ts';
export { type IdentityService, type ImportedUser, type ImportedAddress, type ImportedFriendship } from './identity.service.ts';

export const identityModule = defineModule({
  name: 'identity',
  tables: identityTables,
  migrations: identityMigrations,
  errors: identityErrors,
  events: identityEvents,
  // secondFactors: sign-in factors later modules add (compliance's operator TOTP, identity.totp.ts).
  create: (platform) => Object.assign(createIdentityService(platform), { secondFactors: createSecondFactors() }),
  personalData: (identity) => identity.personalData,
  routes: (identity, _deps, platform) => ({
    api: identityRoutes(identity, currentRateLimits(platform).reader('authPerIp'), identity.secondFactors),
    admin: identityAdminRoutes(identity),
  }),
});
