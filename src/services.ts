// The composition root for domain services: each module's service is built from the platform
// and from the services it calls; event consumers and job handlers are registered here.
import type { Platform } from './platform/context.ts';
import { createIdentityService } from './modules/identity/index.ts';

export function buildServices(platform: Platform) {
  const identity = createIdentityService(platform);
  return { identity };
}

export type Services = ReturnType<typeof buildServices>;
