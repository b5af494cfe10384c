// Operator routes under /api/v1/admin (the operator role is enforced there): webhook endpoints
// and their deliveries, and API keys. Webhook routes are open to API keys with webhooks:manage;
// the api-keys routes declare no scope, so a key can never mint or revoke keys.
import { requireUser } from '../../platform/auth.ts';
import type { App } from '../../platform/http.ts';
import { API_KEY_SCOPES } from '../../platform/scopes.ts';
import { Body, IdParams, Nullable, Page, PageQuery, Timestamp, Type, Uuid } from '../../platform/schema.ts';
import type { IntegrationsService } from './integrations.service.ts';

const EventTypeName = Type.String({ minLength: 1, maxLength: 100, pattern: '^(\\*|[a-z_]+\\.[a-z_]+)$', description: 'an event type such as order.paid, or * for every event' });
const EventTypes = Type.Array(EventTypeName, { minItems: 1, maxItems: 200 });
const Url = Type.String({ minLength: 8, maxLength: 2000, description: 'http(s) URL the events are POSTed to' });
const Description = Type.String({ maxLength: 500 });

const EndpointSchema = Type.Object({
  id: Type.String(),
  url: Type.String(),
  description: Type.String(),
  eventTypes: Type.Array(Type.String()),
  enabled: Type.Boolean(),
  failingSince: Nullable(Type.String()),
  disabledReason: Nullable(Type.String()),
  disabledAt: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
const EndpointWithSecret = Type.Object({
  endpoint: EndpointSchema,
  secret: Type.String({ description: 'whsec_… signing secret: shown only now; store it with the receiver' }),
});
const DeliveryStatus = Type.Union([Type.Literal('pending'), Type.Literal('succeeded'), Type.Literal('failed')]);
const DeliveryFields = {
  id: Type.String(),
  endpointId: Type.String(),
  messageId: Type.String({ description: 'the webhook-id header: the same on every retry and redelivery' }),
  eventId: Nullable(Type.Integer()),
  eventType: Type.String(),
  status: DeliveryStatus,
  attempts: Type.Integer(),
  nextAttemptAt: Nullable(Type.String()),
  lastStatusCode: Nullable(Type.Integer()),
  lastLatencyMs: Nullable(Type.Integer()),
  lastError: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
};
const DeliverySchema = Type.Object(DeliveryFields);
const DeliveryDetail = Type.Object({
  ...DeliveryFields,
  payload: Type.Record(Type.String(), Type.Unknown(), { description: 'the JSON body sent: { type, timestamp, data }' }),
  attemptLog: Type.Array(Type.Object({
    attempt: Type.Integer(),
    trigger: Type.Union([Type.Literal('scheduled'), Type.Literal('manual')]),
    at: Type.String(),
    ok: Type.Boolean(),
    statusCode: Nullable(Type.Integer()),
    latencyMs: Type.Integer(),
    responseExcerpt: Nullable(Type.String()),
    error: Nullable(Type.String()),
  })),
});

const ScopeSchema = Type.Union(API_KEY_SCOPES.map((s) => Type.Literal(s)));
const ApiKeySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  prefix: Type.String({ description: 'the first characters of the key, to tell keys apart' }),
  scopes: Type.Array(Type.String()),
  createdBy: Type.String(),
  createdAt: Type.String(),
  expiresAt: Nullable(Type.String()),
  revokedAt: Nullable(Type.String()),
  lastUsedAt: Nullable(Type.String({ description: 'updated at most once a minute' })),
  status: Type.Union([Type.Literal('active'), Type.Literal('revoked'), Type.Literal('expired')]),
});

const WEBHOOKS = { tags: ['admin', 'webhooks'] };
const manage = { scope: 'webhooks:manage' as const };

export function integrationsAdminRoutes(service: IntegrationsService) {
  const { webhooks, apiKeys } = service;
  return async function (app: App) {
    app.get('/webhooks/endpoints', {
      config: manage,
      schema: { ...WEBHOOKS, summary: 'Webhook endpoints, newest first', response: { 200: Type.Object({ items: Type.Array(EndpointSchema) }) } },
    }, async () => webhooks.listEndpoints());

    app.post('/webhooks/endpoints', {
      config: manage,
      schema: {
        ...WEBHOOKS,
        summary: 'Register an endpoint; the answer carries its signing secret, shown this once',
        body: Body({ url: Url, description: Type.Optional(Description), eventTypes: EventTypes, enabled: Type.Optional(Type.Boolean()) }),
        response: { 201: EndpointWithSecret },
      },
    }, async (req, reply) => reply.status(201).send(await webhooks.createEndpoint(requireUser(req).id, req.body)));

    app.get('/webhooks/endpoints/:id', {
      config: manage,
      schema: { ...WEBHOOKS, params: IdParams, response: { 200: EndpointSchema } },
    }, async (req) => webhooks.getEndpoint(req.params.id));

    app.patch('/webhooks/endpoints/:id', {
      config: manage,
      schema: {
        ...WEBHOOKS,
        summary: 'Change an endpoint; enabling a disabled one clears its failure notice',
        params: IdParams,
        body: Body({ url: Type.Optional(Url), description: Type.Optional(Description), eventTypes: Type.Optional(EventTypes), enabled: Type.Optional(Type.Boolean()) }, { minProperties: 1 }),
        response: { 200: EndpointSchema },
      },
    }, async (req) => webhooks.updateEndpoint(requireUser(req).id, req.params.id, req.body));

    app.delete('/webhooks/endpoints/:id', {
      config: manage,
      schema: { ...WEBHOOKS, summary: 'Delete an endpoint with its deliveries', params: IdParams, response: { 204: Type.Null() } },
    }, async (req, reply) => {
      await webhooks.deleteEndpoint(requireUser(req).id, req.params.id);
      return reply.status(204).send(null);
    });

    app.post('/webhooks/endpoints/:id/rotate-secret', {
      config: manage,
      schema: { ...WEBHOOKS, summary: 'Replace the signing secret (the old one stops at once); the new one is shown this once', params: IdParams, response: { 200: EndpointWithSecret } },
    }, async (req) => webhooks.rotateSecret(requireUser(req).id, req.params.id));

    app.post('/webhooks/endpoints/:id/test', {
      config: manage,
      schema: { ...WEBHOOKS, summary: 'Send a webhook.test message to this endpoint', params: IdParams, response: { 201: DeliveryDetail } },
    }, async (req, reply) => reply.status(201).send(await webhooks.sendTestEvent(requireUser(req).id, req.params.id)));

    app.get('/webhooks/deliveries', {
      config: manage,
      schema: {
        ...WEBHOOKS,
        summary: 'Deliveries, newest first',
        querystring: Type.Object({ endpointId: Type.Optional(Uuid), status: Type.Optional(DeliveryStatus), ...PageQuery }),
        response: { 200: Page(DeliverySchema) },
      },
    }, async (req) => webhooks.listDeliveries({ endpointId: req.query.endpointId, status: req.query.status, cursor: req.query.cursor, limit: req.query.limit ?? 20 }));

    app.get('/webhooks/deliveries/:id', {
      config: manage,
      schema: { ...WEBHOOKS, summary: 'A delivery with its body and every attempt', params: IdParams, response: { 200: DeliveryDetail } },
    }, async (req) => webhooks.getDelivery(req.params.id));

    app.post('/webhooks/deliveries/:id/redeliver', {
      config: manage,
      schema: { ...WEBHOOKS, summary: 'Send a delivery again now, with the same webhook-id', params: IdParams, response: { 202: DeliveryDetail } },
    }, async (req, reply) => reply.status(202).send(await webhooks.redeliver(requireUser(req).id, req.params.id)));

    app.get('/api-keys', {
      schema: { tags: ['admin', 'api-keys'], summary: 'API keys (an admin sees everyone\'s, an operator their own); never the key itself', response: { 200: Type.Object({ items: Type.Array(ApiKeySchema) }) } },
    }, async (req) => apiKeys.list(requireUser(req)));

    app.post('/api-keys', {
      schema: {
        tags: ['admin', 'api-keys'],
        summary: 'Create an API key; the answer carries the key, shown this once',
        body: Body({ name: Type.String({ minLength: 1, maxLength: 100 }), scopes: Type.Array(ScopeSchema, { minItems: 1, maxItems: API_KEY_SCOPES.length, uniqueItems: true }), expiresAt: Type.Optional(Nullable(Timestamp)) }),
        response: { 201: Type.Object({ apiKey: ApiKeySchema, key: Type.String({ description: 'fsk_… send as Authorization: Bearer; shown only now' }) }) },
      },
    }, async (req, reply) => reply.status(201).send(await apiKeys.create(requireUser(req), req.body)));

    app.post('/api-keys/:id/revoke', {
      schema: { tags: ['admin', 'api-keys'], summary: 'Revoke a key (it stops working at once)', params: IdParams, response: { 200: ApiKeySchema } },
    }, async (req) => apiKeys.revoke(requireUser(req), req.params.id));
  };
}
