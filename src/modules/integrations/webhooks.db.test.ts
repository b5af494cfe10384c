import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { DAY_MS } from '../../platform/clock.ts';
import { DomainError } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events.ts';
import type { IntegrationsService } from './integrations.service.ts';
import { integrationsFor, startReceiver, type Receiver } from './integrations.testing.ts';
import { MAX_ATTEMPTS, RETRY_SCHEDULE_MS } from './webhooks.rules.ts';

// Event types no other module consumes, so a fake payload cannot trip another consumer.
const TYPE = 'product.created' as const;
const OTHER_TYPE = 'inventory.adjusted' as const;

let t: TestContext;
let service: IntegrationsService;
const receivers: Receiver[] = [];

beforeAll(async () => {
  t = await createTestContext();
  service = await integrationsFor(t);
});
afterAll(async () => {
  await Promise.all(receivers.map((r) => r.close()));
  await t?.close();
});
afterEach(async () => {
  for (const e of (await service.webhooks.listEndpoints()).items) await service.webhooks.deleteEndpoint(null, e.id);
  await t.platform.db.deleteFrom('settings').where('key', 'like', 'webhooks.%').execute();
});

const webhooks = () => service.webhooks;

async function receiver(status = 200) {
  const r = await startReceiver(status);
  receivers.push(r);
  return r;
}

/** Payloads shaped as the event catalog declares them (the harness checks every published event). */
const productPayload = (ref: string) => ({ productId: ref, categoryId: null, status: 'active', skuIds: [`${ref}-sku`], actorId: null });
const stockPayload = (ref: string) => ({ skuId: ref, onHand: 5, reserved: 0, delta: 5, reason: 'count', actorId: null });
const payloadOf = (type: typeof TYPE | typeof OTHER_TYPE, ref: string) => (type === TYPE ? productPayload(ref) : stockPayload(ref));

/** Publishes one event and lets the dispatcher and the jobs runner do their work. */
async function publish(type: typeof TYPE | typeof OTHER_TYPE, ref: string) {
  if (type === TYPE) await publishEvent(t.platform.db, t.clock.now(), TYPE, ref, productPayload(ref));
  else await publishEvent(t.platform.db, t.clock.now(), OTHER_TYPE, ref, stockPayload(ref));
  await t.settle();
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (err) {
    if (err instanceof DomainError) return err.code;
    throw err;
  }
}

/** Standard Webhooks verification checks the timestamp against the real time: keep the clock real. */
const realTime = () => t.clock.set(new Date());

describe('delivering events', () => {
  it('signs each delivery so an off-the-shelf Standard Webhooks library verifies it', async () => {
    realTime();
    const r = await receiver();
    const { endpoint, secret } = await webhooks().createEndpoint(null, { url: r.url, eventTypes: [TYPE], description: 'ERP' });
    expect(secret).toMatch(/^whsec_/);
    expect(JSON.stringify(await webhooks().getEndpoint(endpoint.id))).not.toContain(secret);

    await publish(TYPE, 'p1');
    await publish(OTHER_TYPE, 'p1'); // not subscribed

    expect(r.received).toHaveLength(1);
    const [msg] = r.received;
    const verified = new Webhook(secret).verify(msg.body, msg.headers) as { type: string; timestamp: string; data: Record<string, unknown> };
    expect(verified).toEqual({ type: TYPE, timestamp: t.clock.now().toISOString(), data: payloadOf(TYPE, 'p1') });
    expect(msg.headers['content-type']).toBe('application/json');
    expect(msg.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/=]+$/);
    expect(() => new Webhook(secret).verify(msg.body.replace('"active"', '"draft"'), msg.headers)).toThrow();

    const [delivery] = (await webhooks().listDeliveries({ endpointId: endpoint.id, limit: 10 })).items;
    expect(delivery).toMatchObject({ status: 'succeeded', attempts: 1, lastStatusCode: 200, eventType: TYPE, messageId: msg.headers['webhook-id'] });
    const detail = await webhooks().getDelivery(delivery.id);
    expect(detail.attemptLog).toEqual([expect.objectContaining({ attempt: 1, trigger: 'scheduled', ok: true, statusCode: 200, responseExcerpt: 'thanks', error: null })]);
    expect(detail.attemptLog[0].latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('sends every event to a * endpoint and makes one delivery per event even if the consumer runs twice', async () => {
    realTime();
    const r = await receiver();
    const { endpoint } = await webhooks().createEndpoint(null, { url: r.url, eventTypes: ['*'] });
    await publish(TYPE, 'p2');
    await publish(OTHER_TYPE, 'p2');
    expect(r.received.map((m) => JSON.parse(m.body).type)).toEqual([TYPE, OTHER_TYPE]);

    const event = { id: 987654, type: TYPE, aggregateId: 'p3', payload: payloadOf(TYPE, 'p3'), occurredAt: t.clock.now() };
    await t.platform.db.transaction().execute((trx) => webhooks().enqueueForEvent(trx, event));
    await t.platform.db.transaction().execute((trx) => webhooks().enqueueForEvent(trx, event));
    await t.settle();
    const deliveries = (await webhooks().listDeliveries({ endpointId: endpoint.id, limit: 10 })).items;
    expect(deliveries.filter((d) => d.eventId === 987654)).toHaveLength(1);
    expect(r.received).toHaveLength(3);
  });

  it('retries a failing receiver on the schedule with the same webhook-id, then gives up', async () => {
    const r = await receiver(500);
    const { endpoint } = await webhooks().createEndpoint(null, { url: r.url, eventTypes: [TYPE] });
    await publish(TYPE, 'p4');
    expect(r.received).toHaveLength(1);

    // Nothing more until the first wait (5 s) has passed.
    t.clock.advance(RETRY_SCHEDULE_MS[0] - 1);
    await t.settle();
    expect(r.received).toHaveLength(1);
    for (const wait of RETRY_SCHEDULE_MS) {
      t.clock.advance(wait);
      await t.settle();
    }
    expect(r.received).toHaveLength(MAX_ATTEMPTS);
    expect(new Set(r.received.map((m) => m.headers['webhook-id'])).size).toBe(1);
    expect(new Set(r.received.map((m) => m.body)).size).toBe(1);

    t.clock.advance(DAY_MS);
    await t.settle();
    expect(r.received).toHaveLength(MAX_ATTEMPTS);
    const [delivery] = (await webhooks().listDeliveries({ endpointId: endpoint.id, limit: 10 })).items;
    expect(delivery).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, lastStatusCode: 500, lastError: 'HTTP 500', nextAttemptAt: null });
    const detail = await webhooks().getDelivery(delivery.id);
    expect(detail.attemptLog.map((a) => a.attempt)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(detail.attemptLog.every((a) => !a.ok && a.statusCode === 500 && a.responseExcerpt === 'receiver is broken')).toBe(true);
    // Three days of failure is not yet five: the endpoint stays on.
    expect((await webhooks().getEndpoint(endpoint.id)).enabled).toBe(true);
  });

  it('succeeds on a retry once the receiver recovers, and ends the failing run', async () => {
    const r = await receiver(503);
    const { endpoint } = await webhooks().createEndpoint(null, { url: r.url, eventTypes: [TYPE] });
    await publish(TYPE, 'p5');
    expect((await webhooks().getEndpoint(endpoint.id)).failingSince).not.toBeNull();
    r.status = 204;
    t.clock.advance(RETRY_SCHEDULE_MS[0]);
    await t.settle();
    const [delivery] = (await webhooks().listDeliveries({ endpointId: endpoint.id, limit: 10 })).items;
    expect(delivery).toMatchObject({ status: 'succeeded', attempts: 2, lastStatusCode: 204 });
    expect((await webhooks().getEndpoint(endpoint.id)).failingSince).toBeNull();
  });

  it('redelivers by hand with the same webhook-id, so the receiver can tell it is a replay', async () => {
    realTime();
    const r = await receiver();
    const { endpoint, secret } = await webhooks().createEndpoint(null, { url: r.url, eventTypes: [TYPE] });
    await publish(TYPE, 'p6');
    const [delivery] = (await webhooks().listDeliveries({ endpointId: endpoint.id, limit: 10 })).items;
    await webhooks().redeliver('00000000-0000-4000-8000-000000000001', delivery.id);
    await t.settle();
    expect(r.received).toHaveLength(2);
    expect(r.received[1].headers['webhook-id']).toBe(r.received[0].headers['webhook-id']);
    expect(r.received[1].body).toBe(r.received[0].body);
    expect(() => new Webhook(secret).verify(r.received[1].body, r.received[1].headers)).not.toThrow();
    const detail = await webhooks().getDelivery(delivery.id);
    expect(detail.attemptLog.map((a) => a.trigger)).toEqual(['scheduled', 'manual']);
    const audit = await t.platform.db.selectFrom('audit_log').select('action').where('subject_id', '=', delivery.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['webhook_delivery.redelivered']);
  });

  it('sends a webhook.test message to one endpoint on request', async () => {
    realTime();
    const r = await receiver();
    const { endpoint, secret } = await webhooks().createEndpoint(null, { url: r.url, eventTypes: ['order.paid'] });
    const queued = await webhooks().sendTestEvent(null, endpoint.id);
    expect(queued).toMatchObject({ status: 'pending', eventType: 'webhook.test', eventId: null });
    await t.settle();
    expect(new Webhook(secret).verify(r.received[0].body, r.received[0].headers)).toMatchObject({ type: 'webhook.test', data: { endpointId: endpoint.id } });
    expect((await webhooks().getDelivery(queued.id)).status).toBe('succeeded');
  });

  it('uses a rotated secret from the next attempt on', async () => {
    realTime();
    const r = await receiver();
    const created = await webhooks().createEndpoint(null, { url: r.url, eventTypes: [TYPE] });
    const rotated = await webhooks().rotateSecret(null, created.endpoint.id);
    expect(rotated.secret).not.toBe(created.secret);
    await publish(TYPE, 'p7');
    expect(() => new Webhook(rotated.secret).verify(r.received[0].body, r.received[0].headers)).not.toThrow();
    expect(() => new Webhook(created.secret).verify(r.received[0].body, r.received[0].headers)).toThrow();
  });

  it('counts a receiver that does not answer within the timeout as failed', async () => {
    await t.platform.settings.set('webhooks.timeoutSeconds', 1, t.clock.now());
    const r = await receiver();
    r.hang = true;
    const { endpoint } = await webhooks().createEndpoint(null, { url: r.url, eventTypes: [TYPE] });
    await publish(TYPE, 'p8');
    const [delivery] = (await webhooks().listDeliveries({ endpointId: endpoint.id, limit: 10 })).items;
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: null, lastError: 'no answer within 1 s' });
  });

  it('records an unreachable receiver as a failed attempt with the network error', async () => {
    const r = await receiver();
    await r.close();
    const { endpoint } = await webhooks().createEndpoint(null, { url: r.url, eventTypes: [TYPE] });
    await publish(TYPE, 'p9');
    const [delivery] = (await webhooks().listDeliveries({ endpointId: endpoint.id, limit: 10 })).items;
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: null });
    expect(delivery.lastError).toBe('ECONNREFUSED');
  });
});

describe('an endpoint that keeps failing', () => {
  it('is disabled with a notice, an audit row and no further deliveries once every attempt has failed for five days', async () => {
    const r = await receiver(500);
    const { endpoint } = await webhooks().createEndpoint(null, { url: r.url, eventTypes: [TYPE] });
    const startedFailing = t.clock.now();
    await publish(TYPE, 'p10');
    for (const wait of RETRY_SCHEDULE_MS) {
      t.clock.advance(wait);
      await t.settle();
    }
    expect((await webhooks().getEndpoint(endpoint.id)).enabled).toBe(true);

    t.clock.set(new Date(startedFailing.getTime() + 5 * DAY_MS));
    await publish(TYPE, 'p11');
    const after = await webhooks().getEndpoint(endpoint.id);
    expect(after).toMatchObject({ enabled: false, disabledAt: t.clock.now().toISOString(), failingSince: startedFailing.toISOString() });
    expect(after.disabledReason).toContain('HTTP 500');
    const audit = await t.platform.db.selectFrom('audit_log').select(['action', 'actor_id']).where('subject_id', '=', endpoint.id).where('action', '=', 'webhook_endpoint.disabled').execute();
    expect(audit).toEqual([{ action: 'webhook_endpoint.disabled', actor_id: null }]);
    const latest = (await webhooks().listDeliveries({ endpointId: endpoint.id, limit: 10 })).items[0];
    expect(latest).toMatchObject({ status: 'failed', attempts: 1, nextAttemptAt: null });

    const sent = r.received.length;
    await publish(TYPE, 'p12');
    t.clock.advance(DAY_MS);
    await t.settle();
    expect(r.received).toHaveLength(sent);
    expect(await codeOf(webhooks().sendTestEvent(null, endpoint.id))).toBe('WEBHOOKS_ENDPOINT_DISABLED');

    // Switching it back on clears the notice and the failure clock.
    const enabled = await webhooks().updateEndpoint(null, endpoint.id, { enabled: true });
    expect(enabled).toMatchObject({ enabled: true, disabledReason: null, disabledAt: null, failingSince: null });
  });
});

describe('bad input', () => {
  it('refuses bad URLs, unknown event types and unknown endpoints, writing nothing', async () => {
    const count = async () => (await t.platform.db.selectFrom('webhook_endpoints').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const before = Number(await count());
    expect(await codeOf(webhooks().createEndpoint(null, { url: 'ftp://example.com/in', eventTypes: [TYPE] }))).toBe('WEBHOOKS_URL_INVALID');
    expect(await codeOf(webhooks().createEndpoint(null, { url: 'https://u:p@example.com/in', eventTypes: [TYPE] }))).toBe('WEBHOOKS_URL_INVALID');
    expect(await codeOf(webhooks().createEndpoint(null, { url: 'https://example.com/in', eventTypes: ['order.exploded'] }))).toBe('WEBHOOKS_EVENT_TYPE_UNKNOWN');
    expect(await codeOf(webhooks().createEndpoint(null, { url: 'https://example.com/in', eventTypes: [] }))).toBe('WEBHOOKS_EVENT_TYPES_REQUIRED');
    expect(Number(await count())).toBe(before);

    const missing = '00000000-0000-4000-8000-0000000000ff';
    expect(await codeOf(webhooks().getEndpoint(missing))).toBe('WEBHOOKS_ENDPOINT_NOT_FOUND');
    expect(await codeOf(webhooks().updateEndpoint(null, missing, { enabled: false }))).toBe('WEBHOOKS_ENDPOINT_NOT_FOUND');
    expect(await codeOf(webhooks().rotateSecret(null, missing))).toBe('WEBHOOKS_ENDPOINT_NOT_FOUND');
    expect(await codeOf(webhooks().deleteEndpoint(null, missing))).toBe('WEBHOOKS_ENDPOINT_NOT_FOUND');
    expect(await codeOf(webhooks().redeliver(null, missing))).toBe('WEBHOOKS_DELIVERY_NOT_FOUND');

    const { endpoint } = await webhooks().createEndpoint(null, { url: 'https://example.com/in', eventTypes: [TYPE] });
    expect(await codeOf(webhooks().updateEndpoint(null, endpoint.id, { url: 'mailto:ops@example.com' }))).toBe('WEBHOOKS_URL_INVALID');
    expect((await webhooks().getEndpoint(endpoint.id)).url).toBe('https://example.com/in');
  });

  it('deleting an endpoint drops its queued deliveries quietly', async () => {
    const r = await receiver(500);
    const { endpoint } = await webhooks().createEndpoint(null, { url: r.url, eventTypes: [TYPE] });
    await publish(TYPE, 'p13');
    await webhooks().deleteEndpoint(null, endpoint.id);
    t.clock.advance(RETRY_SCHEDULE_MS[0]);
    await t.settle();
    expect(r.received).toHaveLength(1);
    expect((await webhooks().listDeliveries({ endpointId: endpoint.id, limit: 10 })).items).toEqual([]);
  });
});
