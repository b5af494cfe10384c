import { defineModule } from '../../platform/module.ts';
import type { CatalogService } from '../catalog/index.ts';
import { createCheckoutService } from './checkout.service.ts';
import { checkoutRoutes } from './checkout.routes.ts';
import { checkoutMigrations } from './checkout.migrations.ts';
import { checkoutErrors } from './checkout.errors.ts';
import { checkoutTables } from './checkout.table.ts';

export { type CheckoutService, type ItemInput, type PricingContributor, type PricingOptions } from './checkout.service.ts';
export * from './pricing.rules.ts';

export const checkoutModule = defineModule({
  name: 'checkout',
  tables: checkoutTables,
  needs: ['catalog'],
  migrations: checkoutMigrations,
  errors: checkoutErrors,
  create: (platform, deps: { catalog: CatalogService }) => createCheckoutService(platform, { catalog: deps.catalog }),
  routes: (checkout) => ({ api: checkoutRoutes(checkout) }),
  // Rows about a person, for export and erasure (platform/personal-data.ts).
  personalData: () => ({ tables: { cart_items: { columns: ['user_id'], erase: 'delete' } } }),
});
export { ItemsBody, PricingOptionsBody } from './checkout.schema.ts';
