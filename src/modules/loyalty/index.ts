import { defineModule, on } from '../../platform/module.ts';
import type { CheckoutService } from '../checkout/index.ts';
import type { IdentityService } from '../identity/index.ts';
import { createLoyaltyService, EXPIRE_POINTS_JOB } from './loyalty.service.ts';
import { loyaltyRoutes, loyaltyAdminRoutes } from './loyalty.routes.ts';
import { loyaltyMigrations } from './loyalty.migrations.ts';
import { loyaltyErrors } from './loyalty.errors.ts';
import { loyaltyEvents } from './loyalty.events.ts';
import { loyaltyTables } from './loyalty.table.ts';

export { type LoyaltyService } from './loyalty.service.ts';

export const loyaltyModule = defineModule({
  name: 'loyalty',
  tables: loyaltyTables,
  needs: ['identity', 'checkout'],
  migrations: loyaltyMigrations,
  errors: loyaltyErrors,
  events: loyaltyEvents,
  create: (platform, deps: { identity: IdentityService; checkout: CheckoutService }) => {
    const loyalty = createLoyaltyService(platform, { findUser: deps.identity.getUser });
    deps.checkout.addContributor(loyalty.tierContributor);
    deps.checkout.addContributor(loyalty.pointsContributor);
    return loyalty;
  },
  routes: (loyalty) => ({ api: loyaltyRoutes(loyalty), admin: loyaltyAdminRoutes(loyalty) }),
  jobs: (loyalty) => ({ [EXPIRE_POINTS_JOB]: () => loyalty.expirePoints().then(() => undefined) }),
  consumers: (loyalty) => [
    on('order.paid', 'loyalty.earn-on-paid', (trx, e) => loyalty.onOrderPaid(trx, e)),
    on('order.refunded', 'loyalty.reverse-on-refund', (trx, e) => loyalty.onOrderRefunded(trx, e)),
    on('order.cancelled', 'loyalty.return-on-cancel', (trx, e) => loyalty.onOrderCancelled(trx, e)),
    on('share.clicked', 'loyalty.share-click-points', (trx, e) => loyalty.onShareClicked(trx, e)),
  ],
});
