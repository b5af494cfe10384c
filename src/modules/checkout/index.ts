import { defineModule } from '../../platform/module.ts';
import type { CatalogService } from '../catalog/index.ts';
import { createCheckoutService } from './checkout.service.ts';
import { checkoutRoutes } from './checkout.routes.ts';
import { checkoutMigrations } from './checkout.migrations.ts';

export { createCheckoutService, type CheckoutService, type SkuSource, type PurchasableSku, type ItemInput, type PricingContributor, type PricingOptions, type PricingRequest } from './checkout.service.ts';
export { presentQuote } from './checkout.routes.ts';
export type { CheckoutTables } from './checkout.table.ts';
export * from './pricing.rules.ts';

export const checkoutModule = defineModule({
  name: 'checkout',
  needs: ['catalog'],
  migrations: checkoutMigrations,
  create: (platform, deps: { catalog: CatalogService }) => createCheckoutService(platform, { catalog: deps.catalog }),
  routes: (checkout) => ({ api: checkoutRoutes(checkout) }),
});
export { ItemsBody, PricingOptionsBody } from './checkout.schema.ts';
