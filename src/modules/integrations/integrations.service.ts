// The module's one service: outbound webhooks and API keys, built from the platform.
import type { Platform } from '../../platform/context.ts';
import { createApiKeysService, type ApiKeysDeps } from './apikeys.service.ts';
import { createWebhooksService, type WebhooksOptions } from './webhooks.service.ts';

export type IntegrationsDeps = ApiKeysDeps & WebhooksOptions;

export function createIntegrationsService(platform: Platform, deps: IntegrationsDeps) {
  return { webhooks: createWebhooksService(platform, { eventTypes: deps.eventTypes }), apiKeys: createApiKeysService(platform, deps) };
}

export type IntegrationsService = ReturnType<typeof createIntegrationsService>;
