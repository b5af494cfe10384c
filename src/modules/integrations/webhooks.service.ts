// Outbound webhooks: operators register endpoints; a consumer turns every outbox event into one
// delivery per subscribed endpoint (in the event's transaction), and the jobs runner sends each
// delivery, signed the Standard Webhooks way, outside any transaction, retrying on the schedule
// in webhooks.rules.ts. An endpoint that keeps failing is switched off with a notice.
import { performance } from 'node:perf_hooks';
import type { Selectable } from 'kysely';
import { Webhook } from 'standardwebhooks';
import { recordAudit } from '../../platform/audit.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import type { Consumer, OutboxEvent } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { scheduleJob } from '../../platform/jobs.ts';
import { decodeCursor, encodeCursor } from '../../platform/schema.ts';
import type { AnyExecutor } from '../../platform/tables.ts';
import { integrationsTables, type DeliveryStatus, type WebhookDeliveriesTable, type WebhookEndpointsTable, type IntegrationsDb, type IntegrationsPlatform } from './integrations.table.ts';
import * as repo from './webhooks.repo.ts';
import {
  ALL_EVENTS, checkEndpointUrl, decideAfterAttempt, isSuccessStatus, matchesEndpoint, messageBody, messageId, newSigningSecret, responseExcerpt,
  RESPONSE_EXCERPT_BYTES, TEST_EVENT_TYPE,
} from './webhooks.rules.ts';

export const WEBHOOK_DELIVER_JOB = 'webhooks.deliver';
export const WEBHOOK_CONSUMER = 'integrations.webhooks';

/** `attempt`: position in the automatic schedule; null for an operator's manual redelivery. */
export interface DeliverJobPayload {
  deliveryId: string;
  attempt: number | null;
}

export interface EndpointInput {
  url: string;
  description?: string;
  eventTypes: string[];
  enabled?: boolean;
}

type EndpointRow = Selectable<WebhookEndpointsTable>;

export function presentEndpoint(e: EndpointRow) {
  return {
    id: e.id,
    url: e.url,
    description: e.description,
    eventTypes: e.event_types,
    enabled: e.enabled,
    failingSince: e.failing_since?.toISOString() ?? null,
    disabledReason: e.disabled_reason,
    disabledAt: e.disabled_at?.toISOString() ?? null,
    createdAt: e.created_at.toISOString(),
    updatedAt: e.updated_at.toISOString(),
  };
}

type DeliveryRow = Omit<Selectable<WebhookDeliveriesTable>, 'body'>;

export function presentDelivery(d: DeliveryRow) {
  return {
    id: d.id,
    endpointId: d.endpoint_id,
    messageId: messageId(d.id),
    eventId: d.event_id,
    eventType: d.event_type,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.next_attempt_at?.toISOString() ?? null,
    lastStatusCode: d.last_status_code,
    lastLatencyMs: d.last_latency_ms,
    lastError: d.last_error,
    createdAt: d.created_at.toISOString(),
    updatedAt: d.updated_at.toISOString(),
  };
}

function checkEventTypes(known: ReadonlySet<string>, types: string[]): string[] {
  if (!types.length) throw invalid('WEBHOOKS_EVENT_TYPES_REQUIRED', 'Choose at least one event type, or * for all', { field: 'eventTypes' });
  const unknown = types.filter((t) => !known.has(t));
  if (unknown.length) throw invalid('WEBHOOKS_EVENT_TYPE_UNKNOWN', `Unknown event type: ${unknown.join(', ')}`, { unknown });
  return [...new Set(types)];
}

function checkUrl(raw: string): string {
  const checked = checkEndpointUrl(raw);
  if (!checked.ok) throw invalid('WEBHOOKS_URL_INVALID', 'The endpoint URL must be an http(s) URL without credentials', { reason: checked.reason, field: 'url' });
  return checked.url;
}

interface SendResult {
  ok: boolean;
  statusCode: number | null;
  latencyMs: number;
  excerpt: string | null;
  error: string | null;
}

/** Reads at most the excerpt's worth of the answer, so a huge response costs nothing. */
async function readExcerpt(res: Response): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size <= RESPONSE_EXCERPT_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
  }
  await reader.cancel().catch(() => undefined);
  return responseExcerpt(Buffer.concat(chunks).toString('utf8'));
}

function describeFailure(err: unknown, timeoutSeconds: number): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `no answer within ${timeoutSeconds} s`;
  return (e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err)).slice(0, 500);
}

export interface WebhooksOptions {
  /** The event types endpoints may subscribe to (the event catalog's names); `webhook.test` is always known. */
  eventTypes: readonly string[];
}

export function createWebhooksService(platform: IntegrationsPlatform, options: WebhooksOptions) {
  const { db, clock, log } = platform;
  const knownTypes: ReadonlySet<string> = new Set([...options.eventTypes, TEST_EVENT_TYPE, ALL_EVENTS]);

  async function requireEndpoint(ex: IntegrationsDb, id: string) {
    const endpoint = await repo.findEndpoint(ex, id);
    if (!endpoint) throw notFound('WEBHOOKS_ENDPOINT_NOT_FOUND', 'No such webhook endpoint', { id });
    return endpoint;
  }

  const scheduleDelivery = (ex: IntegrationsDb, deliveryId: string, attempt: number | null, runAt: Date, dedupe: string) =>
    scheduleJob(ex, { kind: WEBHOOK_DELIVER_JOB, payload: { deliveryId, attempt } satisfies DeliverJobPayload, runAt, dedupeKey: `${WEBHOOK_DELIVER_JOB}:${deliveryId}:${dedupe}`, maxAttempts: 3, now: clock.now() });

  async function listEndpoints() {
    return { items: (await repo.findEndpoints(db)).map(presentEndpoint) };
  }

  async function getEndpoint(id: string) {
    return presentEndpoint(await requireEndpoint(db, id));
  }

  async function createEndpoint(actorId: string | null, input: EndpointInput) {
    const url = checkUrl(input.url);
    const eventTypes = checkEventTypes(knownTypes, input.eventTypes);
    const secret = newSigningSecret();
    const now = clock.now();
    const row = await db.transaction().execute(async (trx) => {
      const created = await repo.insertEndpoint(trx, {
        id: newId(), url, description: input.description?.trim() ?? '', event_types: JSON.stringify(eventTypes), enabled: input.enabled ?? true, secret,
        failing_since: null, disabled_reason: null, disabled_at: null, created_by: actorId, created_at: now, updated_at: now,
      });
      await recordAudit(trx, now, { actorId, action: 'webhook_endpoint.created', subjectType: 'webhook_endpoint', subjectId: created.id, details: { url, eventTypes } });
      return created;
    });
    // The only time the secret leaves the server (and on rotation).
    return { endpoint: presentEndpoint(row), secret };
  }

  async function updateEndpoint(actorId: string | null, id: string, patch: Partial<EndpointInput>) {
    const url = patch.url === undefined ? undefined : checkUrl(patch.url);
    const eventTypes = patch.eventTypes === undefined ? undefined : checkEventTypes(knownTypes, patch.eventTypes);
    const now = clock.now();
    const row = await db.transaction().execute(async (trx) => {
      const current = await repo.lockEndpoint(trx, id);
      if (!current) throw notFound('WEBHOOKS_ENDPOINT_NOT_FOUND', 'No such webhook endpoint', { id });
      // Switching an endpoint back on clears the failure notice and starts its failure clock afresh.
      const reenabled = patch.enabled === true && !current.enabled;
      const updated = await repo.updateEndpoint(trx, id, {
        ...(url !== undefined ? { url } : {}),
        ...(eventTypes !== undefined ? { event_types: JSON.stringify(eventTypes) } : {}),
        ...(patch.description !== undefined ? { description: patch.description.trim() } : {}),
        ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
        ...(reenabled ? { disabled_reason: null, disabled_at: null, failing_since: null } : {}),
        updated_at: now,
      });
      await recordAudit(trx, now, { actorId, action: 'webhook_endpoint.updated', subjectType: 'webhook_endpoint', subjectId: id, details: { url, eventTypes, enabled: patch.enabled } });
      return updated!;
    });
    return presentEndpoint(row);
  }

  async function deleteEndpoint(actorId: string | null, id: string) {
    const now = clock.now();
    await db.transaction().execute(async (trx) => {
      const deleted = await repo.deleteEndpoint(trx, id);
      if (!deleted) throw notFound('WEBHOOKS_ENDPOINT_NOT_FOUND', 'No such webhook endpoint', { id });
      await recordAudit(trx, now, { actorId, action: 'webhook_endpoint.deleted', subjectType: 'webhook_endpoint', subjectId: id });
    });
  }

  /** A new secret, effective for the next attempt; the old one stops working at once. */
  async function rotateSecret(actorId: string | null, id: string) {
    const secret = newSigningSecret();
    const now = clock.now();
    const row = await db.transaction().execute(async (trx) => {
      const updated = await repo.updateEndpoint(trx, id, { secret, updated_at: now });
      if (!updated) throw notFound('WEBHOOKS_ENDPOINT_NOT_FOUND', 'No such webhook endpoint', { id });
      await recordAudit(trx, now, { actorId, action: 'webhook_endpoint.secret_rotated', subjectType: 'webhook_endpoint', subjectId: id });
      return updated;
    });
    return { endpoint: presentEndpoint(row), secret };
  }

  async function listDeliveries(f: { endpointId?: string; status?: DeliveryStatus; cursor?: string; limit: number }) {
    const after = decodeCursor<{ createdAt: string; id: string }>(f.cursor);
    const rows = await repo.findDeliveries(db, { endpointId: f.endpointId, status: f.status, after, limit: f.limit });
    const page = rows.slice(0, f.limit);
    const last = page.at(-1);
    return { items: page.map(presentDelivery), nextCursor: rows.length > f.limit && last ? encodeCursor({ createdAt: last.created_at.toISOString(), id: last.id }) : null };
  }

  async function getDelivery(id: string) {
    const delivery = await repo.findDelivery(db, id);
    if (!delivery) throw notFound('WEBHOOKS_DELIVERY_NOT_FOUND', 'No such webhook delivery', { id });
    const attempts = await repo.findAttempts(db, id);
    return {
      ...presentDelivery(delivery),
      payload: JSON.parse(delivery.body) as Record<string, unknown>,
      attemptLog: attempts.map((a) => ({
        attempt: a.attempt, trigger: a.trigger, at: a.at.toISOString(), ok: a.ok, statusCode: a.status_code, latencyMs: a.latency_ms, responseExcerpt: a.response_excerpt, error: a.error,
      })),
    };
  }

  /** Send a delivery again now, once, with the same webhook-id (receivers recognise a replay). */
  async function redeliver(actorId: string | null, id: string) {
    const now = clock.now();
    await db.transaction().execute(async (trx) => {
      const delivery = await repo.lockDelivery(trx, id);
      if (!delivery) throw notFound('WEBHOOKS_DELIVERY_NOT_FOUND', 'No such webhook delivery', { id });
      const endpoint = await requireEndpoint(trx, delivery.endpoint_id);
      if (!endpoint.enabled) throw conflict('WEBHOOKS_ENDPOINT_DISABLED', 'Enable the endpoint before sending to it', { endpointId: endpoint.id });
      // Keyed on the attempts so far: a double click queues one redelivery, a later click another.
      await scheduleDelivery(trx, id, null, now, `manual:${delivery.attempts}`);
      await recordAudit(trx, now, { actorId, action: 'webhook_delivery.redelivered', subjectType: 'webhook_delivery', subjectId: id });
    });
    return getDelivery(id);
  }

  /** A `webhook.test` message to one endpoint, whatever it subscribes to. */
  async function sendTestEvent(actorId: string | null, endpointId: string) {
    const now = clock.now();
    const deliveryId = newId();
    await db.transaction().execute(async (trx) => {
      const endpoint = await requireEndpoint(trx, endpointId);
      if (!endpoint.enabled) throw conflict('WEBHOOKS_ENDPOINT_DISABLED', 'Enable the endpoint before sending to it', { endpointId });
      const body = JSON.stringify(messageBody(TEST_EVENT_TYPE, now, { endpointId, message: 'A test event from Fission' }));
      await repo.insertDelivery(trx, newDelivery(deliveryId, endpointId, null, TEST_EVENT_TYPE, body, now));
      await scheduleDelivery(trx, deliveryId, 1, now, '1');
      await recordAudit(trx, now, { actorId, action: 'webhook_endpoint.tested', subjectType: 'webhook_endpoint', subjectId: endpointId });
    });
    return getDelivery(deliveryId);
  }

  const newDelivery = (id: string, endpointId: string, eventId: number | null, type: string, body: string, now: Date) => ({
    id, endpoint_id: endpointId, event_id: eventId, event_type: type, body, status: 'pending' as const, next_attempt_at: now,
    last_status_code: null, last_latency_ms: null, last_error: null, created_at: now, updated_at: now,
  });

  /** Consumer: inside the event's transaction, one delivery and one job per subscribed endpoint. */
  async function enqueueForEvent(handle: AnyExecutor, event: OutboxEvent) {
    if (event.type === TEST_EVENT_TYPE) return;
    const trx = integrationsTables.of(handle);
    const endpoints = (await repo.findEnabledEndpoints(trx)).filter((e) => matchesEndpoint(e.event_types, event.type));
    if (!endpoints.length) return;
    const now = clock.now();
    const body = JSON.stringify(messageBody(event.type, event.occurredAt, event.payload));
    for (const endpoint of endpoints) {
      const inserted = await repo.insertDelivery(trx, newDelivery(newId(), endpoint.id, event.id, event.type, body, now));
      if (inserted) await scheduleDelivery(trx, inserted.id, 1, now, '1');
    }
  }

  async function send(endpoint: { url: string; secret: string }, delivery: { id: string; body: string }, timeoutSeconds: number): Promise<SendResult> {
    const id = messageId(delivery.id);
    const sentAt = clock.now();
    const signature = new Webhook(endpoint.secret).sign(id, sentAt, delivery.body);
    // Latency is a duration on this machine, not business time: the injected clock stands still in tests.
    const started = performance.now();
    const latency = () => Math.round(performance.now() - started);
    try {
      const res = await fetch(endpoint.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Fission-Webhooks/1',
          'webhook-id': id,
          'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
          'webhook-signature': signature,
        },
        body: delivery.body,
        // A redirect is an answer we do not follow: the receiver should give its final URL.
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutSeconds * 1000),
      });
      const excerpt = await readExcerpt(res);
      return { ok: isSuccessStatus(res.status), statusCode: res.status, latencyMs: latency(), excerpt, error: isSuccessStatus(res.status) ? null : `HTTP ${res.status}` };
    } catch (err) {
      return { ok: false, statusCode: null, latencyMs: latency(), excerpt: null, error: describeFailure(err, timeoutSeconds) };
    }
  }

  /** Job handler: one attempt. An HTTP failure is recorded and rescheduled here, never thrown. */
  async function deliver(payload: DeliverJobPayload) {
    const delivery = await repo.findDelivery(db, payload.deliveryId);
    if (!delivery) return; // its endpoint was deleted
    if (payload.attempt !== null && delivery.status !== 'pending') return; // settled by a manual redelivery
    const endpoint = await repo.findEndpoint(db, delivery.endpoint_id);
    if (!endpoint) return;
    if (!endpoint.enabled) {
      if (payload.attempt !== null) await repo.updateDelivery(db, delivery.id, { status: 'failed', next_attempt_at: null, last_error: 'endpoint disabled', updated_at: clock.now() });
      return;
    }
    const [timeoutSeconds, disableAfterDays] = [await platform.settings.get('webhooks.timeoutSeconds'), await platform.settings.get('webhooks.disableAfterDays')];
    const result = await send(endpoint, delivery, timeoutSeconds);

    const disabled = await db.transaction().execute(async (trx) => {
      const current = await repo.lockEndpoint(trx, endpoint.id);
      const locked = await repo.lockDelivery(trx, delivery.id);
      if (!current || !locked) return false;
      const now = clock.now();
      const numbered = await repo.takeAttemptNumber(trx, delivery.id, now);
      await repo.insertAttempt(trx, {
        delivery_id: delivery.id, attempt: numbered!.attempts, trigger: payload.attempt === null ? 'manual' : 'scheduled', at: now,
        status_code: result.statusCode, latency_ms: result.latencyMs, response_excerpt: result.excerpt, error: result.error, ok: result.ok,
      });
      const decision = decideAfterAttempt({ ok: result.ok, scheduledAttempt: payload.attempt, failingSince: current.failing_since, now, disableAfterDays });
      // A failed manual attempt leaves automatic retries that are still queued to carry on.
      const status: DeliveryStatus = decision.delivery === 'retry' || (decision.delivery === 'failed' && payload.attempt === null && locked.status === 'pending') ? 'pending' : decision.delivery;
      await repo.updateDelivery(trx, delivery.id, {
        status,
        next_attempt_at: decision.delivery === 'retry' ? decision.retryAt : status === 'pending' ? locked.next_attempt_at : null,
        last_status_code: result.statusCode, last_latency_ms: result.latencyMs, last_error: result.error, updated_at: now,
      });
      if (decision.delivery === 'retry') await scheduleDelivery(trx, delivery.id, decision.nextAttempt, decision.retryAt, String(decision.nextAttempt));
      await repo.updateEndpoint(trx, endpoint.id, { failing_since: decision.failingSince });
      if (decision.delivery === 'succeeded' || !decision.disableEndpoint || !current.enabled) return false;
      const since = decision.failingSince.toISOString();
      const reason = `Every delivery attempt has failed since ${since} (last: ${result.error ?? 'unknown error'})`;
      await repo.updateEndpoint(trx, endpoint.id, { enabled: false, disabled_reason: reason, disabled_at: now, updated_at: now });
      await recordAudit(trx, now, { actorId: null, action: 'webhook_endpoint.disabled', subjectType: 'webhook_endpoint', subjectId: endpoint.id, details: { reason, failingSince: since } });
      return true;
    });
    if (disabled) log.warn({ endpointId: endpoint.id, url: endpoint.url }, 'webhook endpoint disabled after failing for days');
  }

  const consumer = (): Consumer => ({ name: WEBHOOK_CONSUMER, types: ['*'], handle: (trx, event) => enqueueForEvent(trx, event) });

  return {
    listEndpoints, getEndpoint, createEndpoint, updateEndpoint, deleteEndpoint, rotateSecret,
    listDeliveries, getDelivery, redeliver, sendTestEvent,
    enqueueForEvent, deliver, consumer,
  };
}

export type WebhooksService = ReturnType<typeof createWebhooksService>;
