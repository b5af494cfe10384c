import { defineModule } from '../../platform/module.ts';
import { currentRateLimits } from '../../platform/rate-limits.ts';
import { createIdentityService } from './identity.service.ts';
import { identityRoutes, identityAdminRoutes } from './identity.routes.ts';
import { identityMigrations } from './identity.migrations.ts';
import { identityErrors } from './identity.errors.ts';
import { identityEvents } from './identity.events.ts';
import { identityTables } from './identity.table.ts';
import { createSecondFactors } from './identity.totp.ts';
import { createPeopleCards } from './identity.people.ts';
import { createCustomerDirectory, type DirectoryPorts } from './identity.customers.ts';
import { customerDirectoryRoutes } from './identity.customers.routes.ts';

export type { SecondFactors } from './identity.totp.ts';
export type { PeopleCards, PersonCard } from './identity.people.ts';
export { type IdentityService, type ImportedUser, type ImportedAddress, type ImportedFriendship } from './identity.service.ts';

export const identityModule = defineModule({
  name: 'identity',
  tables: identityTables,
  migrations: identityMigrations,
  errors: identityErrors,
  events: identityEvents,
  // The admin customer pages read orders, points, referrals, bindings and shares through these
  // modules' services (built after identity, so only the routes may call them; identity.customers.ts).
  routeNeeds: ['orders', 'loyalty', 'referral', 'affiliate', 'sharing'],
  // secondFactors: sign-in factors later modules add (compliance's operator TOTP, identity.totp.ts).
  create: (platform) => Object.assign(createIdentityService(platform), { secondFactors: createSecondFactors(), customerDirectory: createCustomerDirectory(platform) }, createPeopleCards(platform)),
  personalData: (identity) => identity.personalData,
  routes: (identity, deps: DirectoryPorts, platform) => ({
    api: identityRoutes(identity, currentRateLimits(platform).reader('authPerIp'), identity.secondFactors),
    admin: async (app) => {
      await identityAdminRoutes(identity)(app);
      await customerDirectoryRoutes(identity, identity.customerDirectory, deps)(app);
    },
  }),
});
