// The module's one service: outbound webhooks and API keys, built from the platform.
import { createApiKeysService, type ApiKeysDeps } from './apikeys.service.ts';
import { createWebhooksService, type WebhooksOptions } from './webhooks.service.ts';
import type { IntegrationsPlatform } from './integrations.table.ts';

export type IntegrationsDeps = ApiKeysDeps & WebhooksOptions;

export function createIntegrationsService(platform: IntegrationsPlatform, deps: IntegrationsDeps) {
  return { webhooks: createWebhooksService(platform, { eventTypes: deps.eventTypes }), apiKeys: createApiKeysService(platform, deps) };
}

export type IntegrationsService = ReturnType<typeof createIntegrationsService>;
