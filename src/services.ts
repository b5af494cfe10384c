// The composition root for domain services: each module's service is built from the platform
// and from the services it calls; event consumers and job handlers are registered here.
import type { Platform } from './platform/context.ts';
import { createIdentityService } from './modules/identity/index.ts';
import { createCatalogService } from './modules/catalog/index.ts';
import { createInventoryService } from './modules/inventory/index.ts';

export function buildServices(platform: Platform) {
  const identity = createIdentityService(platform);
  const inventory = createInventoryService(platform);
  const catalog = createCatalogService(platform, inventory);
  return { identity, inventory, catalog };
}

export type Services = ReturnType<typeof buildServices>;
