export { createCheckoutService, type CheckoutService, type SkuSource, type PurchasableSku, type ItemInput, type PricingContributor, type PricingOptions, type PricingRequest } from './checkout.service.ts';
export { checkoutRoutes, presentQuote } from './checkout.routes.ts';
export { checkoutMigrations } from './checkout.migrations.ts';
export type { CheckoutTables } from './checkout.table.ts';
export * from './pricing.rules.ts';
