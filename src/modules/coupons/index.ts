import { defineModule, on } from '../../platform/module.ts';
import type { CampaignsService } from '../campaigns/index.ts';
import type { CatalogService } from '../catalog/index.ts';
import { couponPackMechanic, couponTemplateMechanic } from './coupons.mechanics.ts';
import type { CheckoutService } from '../checkout/index.ts';
import type { IdentityService } from '../identity/index.ts';
import type { SharingService } from '../sharing/index.ts';
import { createCouponsService } from './coupons.service.ts';
import { couponsRoutes, couponsAdminRoutes } from './coupons.routes.ts';
import { couponsMigrations } from './coupons.migrations.ts';
import { couponsErrors } from './coupons.errors.ts';
import { couponsEvents } from './coupons.events.ts';
import { EXPIRE_COUPONS_JOB } from './coupons.expiry.ts';
import { couponsTables } from './coupons.table.ts';

export { type CouponsService } from './coupons.service.ts';

export const couponsModule = defineModule({
  name: 'coupons',
  tables: couponsTables,
  needs: ['campaigns', 'catalog', 'identity', 'sharing', 'checkout'],
  migrations: couponsMigrations,
  errors: couponsErrors,
  events: couponsEvents,
  create: (platform, deps: { campaigns: CampaignsService; catalog: CatalogService; identity: IdentityService; sharing: SharingService; checkout: CheckoutService }) => {
    const coupons = createCouponsService(platform, { campaigns: deps.campaigns, catalog: deps.catalog, identity: deps.identity, sharing: deps.sharing });
    deps.campaigns.registerMechanic(couponTemplateMechanic);
    deps.campaigns.registerMechanic(couponPackMechanic);
    deps.checkout.addContributor(coupons.pricing);
    deps.sharing.registerTarget('coupon_pack', { resolve: coupons.resolvePackTarget });
    return coupons;
  },
  routes: (coupons) => ({ api: couponsRoutes(coupons), admin: couponsAdminRoutes(coupons) }),
  jobs: (coupons) => ({ [EXPIRE_COUPONS_JOB]: () => coupons.expireCoupons().then(() => undefined) }),
  consumers: (coupons) => [
    on('order.cancelled', 'coupons.release-on-cancel', (trx, e) => coupons.releaseForOrder(trx, e.payload.orderId)),
    on('order.paid', 'coupons.use-on-paid', (trx, e) => coupons.markUsedForOrder(trx, e.payload.orderId)),
  ],
});
