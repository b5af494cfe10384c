export { createCatalogService, productSummary, publicCategory, type CatalogService, type PricingSku, type ProductInput, type ImportProductInput, type SkuInput, type CategoryInput } from './catalog.service.ts';
export { catalogRoutes, catalogAdminRoutes, mediaRoutes } from './catalog.routes.ts';
export { catalogMigrations } from './catalog.migrations.ts';
export { skuLabel, MEDIA_TYPES } from './catalog.rules.ts';
export type { CatalogTables, ProductStatus, SkuStatus } from './catalog.table.ts';
