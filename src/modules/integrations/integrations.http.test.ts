// The admin API of webhooks and API keys, through the app as wired in src/modules.ts.
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { DAY_MS } from '../../platform/clock.ts';
import { startReceiver, type Receiver } from './integrations.testing.ts';

let t: TestContext;
let operator: TestUser;
let receiver: Receiver;
const missingId = '00000000-0000-4000-8000-0000000000aa';

beforeAll(async () => {
  t = await createTestContext();
  // Standard Webhooks verification compares the signed timestamp with the real time: run on it.
  t.clock.set(new Date());
  operator = await t.operator();
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver?.close();
  await t?.close();
});

const admin = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown, as: TestUser = operator) =>
  t.request({ method, url: `/api/v1/admin${path}`, as, body });
const withKey = (key: string) => ({ id: '', email: '', token: key, headers: { authorization: `Bearer ${key}` } });

async function createKey(scopes: string[], extra: Record<string, unknown> = {}) {
  const res = await admin('POST', '/api-keys', { name: `key ${scopes.join(' ')}`, scopes, ...extra });
  expect(res.statusCode).toBe(201);
  return res.data as { apiKey: { id: string }; key: string };
}

describe('webhook endpoints API', () => {
  it('registers an endpoint, shows its secret once, sends a signed test event and redelivers it with the same id', async () => {
    const created = await admin('POST', '/webhooks/endpoints', { url: receiver.url, description: 'ERP', eventTypes: ['order.paid', 'order.shipped'] });
    expect(created.statusCode).toBe(201);
    const { endpoint, secret } = created.data;
    expect(secret).toMatch(/^whsec_/);
    const shown = await admin('GET', `/webhooks/endpoints/${endpoint.id}`);
    expect(shown.statusCode).toBe(200);
    expect(shown.body).not.toContain(secret);
    expect((await admin('GET', '/webhooks/endpoints')).body).not.toContain(secret);

    const test = await admin('POST', `/webhooks/endpoints/${endpoint.id}/test`);
    expect(test.statusCode).toBe(201);
    await t.settle();
    expect(receiver.received).toHaveLength(1);
    expect(new Webhook(secret).verify(receiver.received[0].body, receiver.received[0].headers)).toMatchObject({ type: 'webhook.test' });

    const redelivered = await admin('POST', `/webhooks/deliveries/${test.data.id}/redeliver`);
    expect(redelivered.statusCode).toBe(202);
    await t.settle();
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1].headers['webhook-id']).toBe(receiver.received[0].headers['webhook-id']);

    const detail = await admin('GET', `/webhooks/deliveries/${test.data.id}`);
    expect(detail.data).toMatchObject({ status: 'succeeded', attempts: 2, payload: { type: 'webhook.test' } });
    expect(detail.data.attemptLog.map((a: { trigger: string }) => a.trigger)).toEqual(['scheduled', 'manual']);
    const list = await admin('GET', `/webhooks/deliveries?endpointId=${endpoint.id}&limit=1`);
    expect(list.data.items).toHaveLength(1);

    const rotated = await admin('POST', `/webhooks/endpoints/${endpoint.id}/rotate-secret`);
    expect(rotated.data.secret).not.toBe(secret);
    const patched = await admin('PATCH', `/webhooks/endpoints/${endpoint.id}`, { enabled: false });
    expect(patched.data.enabled).toBe(false);
    expect((await admin('DELETE', `/webhooks/endpoints/${endpoint.id}`)).statusCode).toBe(204);
    expect((await admin('GET', `/webhooks/endpoints/${endpoint.id}`)).data.error.code).toBe('WEBHOOKS_ENDPOINT_NOT_FOUND');
  });

  it('refuses bad input with a coded 4xx and writes nothing', async () => {
    const before = (await admin('GET', '/webhooks/endpoints')).data.items.length;
    const cases: [unknown, string][] = [
      [{ url: 'ftp://example.com/in', eventTypes: ['order.paid'] }, 'WEBHOOKS_URL_INVALID'],
      [{ url: 'https://example.com/in', eventTypes: ['order.exploded'] }, 'WEBHOOKS_EVENT_TYPE_UNKNOWN'],
      [{ url: 'https://example.com/in', eventTypes: [] }, 'VALIDATION_FAILED'],
      [{ url: 'https://example.com/in', eventTypes: ['order.paid'], secret: 'mine' }, 'VALIDATION_FAILED'],
      [{ url: 'https://example.com/in', eventTypes: ['order.paid'], enabled: 'yes' }, 'VALIDATION_FAILED'],
      [{ eventTypes: ['order.paid'] }, 'VALIDATION_FAILED'],
    ];
    for (const [body, code] of cases) {
      const res = await admin('POST', '/webhooks/endpoints', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.data.error.code).toBe(code);
    }
    expect((await admin('GET', '/webhooks/endpoints')).data.items).toHaveLength(before);
    expect((await admin('POST', `/webhooks/deliveries/${missingId}/redeliver`)).statusCode).toBe(404);
    expect((await admin('PATCH', `/webhooks/endpoints/${missingId}`, {})).statusCode).toBe(400);
    const shopper = await t.signUp();
    expect((await admin('GET', '/webhooks/endpoints', undefined, shopper)).statusCode).toBe(403);
  });
});

describe('API keys', () => {
  it('a key with orders:read lists orders but cannot ship, cancel or read customers', async () => {
    const { key } = await createKey(['orders:read']);
    const as = withKey(key);
    expect((await admin('GET', '/orders', undefined, as)).statusCode).toBe(200);
    for (const [method, path, body] of [
      ['POST', `/orders/${missingId}/ship`, { carrier: 'SF', trackingNo: 'SF1' }],
      ['POST', `/orders/${missingId}/cancel`, undefined],
      ['GET', '/customers', undefined],
      ['GET', '/webhooks/endpoints', undefined],
    ] as const) {
      const res = await admin(method, path, body, as);
      expect(res.statusCode, path).toBe(403);
      expect(res.data.error.code).toBe('AUTH_SCOPE_MISSING');
    }
    const ship = await admin('POST', `/orders/${missingId}/ship`, { carrier: 'SF', trackingNo: 'SF1' }, as);
    expect(ship.data.error.details).toEqual({ required: 'orders:write' });
  });

  it('a key cannot mint keys, and webhooks:manage reaches the webhook routes', async () => {
    const { key } = await createKey(['webhooks:manage', 'orders:read']);
    expect((await admin('GET', '/webhooks/endpoints', undefined, withKey(key))).statusCode).toBe(200);
    const minted = await admin('POST', '/api-keys', { name: 'escalate', scopes: ['orders:write'] }, withKey(key));
    expect(minted.statusCode).toBe(403);
  });

  it('revoked and expired keys are refused with 401, and the key is never listed', async () => {
    const revoked = await createKey(['orders:read']);
    expect((await admin('POST', `/api-keys/${revoked.apiKey.id}/revoke`)).data.status).toBe('revoked');
    const afterRevoke = await admin('GET', '/orders', undefined, withKey(revoked.key));
    expect(afterRevoke.statusCode).toBe(401);

    const expiring = await createKey(['orders:read'], { expiresAt: new Date(t.clock.now().getTime() + DAY_MS).toISOString() });
    expect((await admin('GET', '/orders', undefined, withKey(expiring.key))).statusCode).toBe(200);
    t.clock.advance(DAY_MS);
    expect((await admin('GET', '/orders', undefined, withKey(expiring.key))).statusCode).toBe(401);

    const listed = await admin('GET', '/api-keys');
    expect(listed.statusCode).toBe(200);
    expect(listed.body).not.toContain(revoked.key);
    expect(listed.body).not.toContain(expiring.key);
    const stored = await t.platform.db.selectFrom('api_keys').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(expiring.key);
  });

  it('refuses unknown scopes and unknown fields with a coded 400', async () => {
    for (const body of [{ name: 'x', scopes: ['orders:delete'] }, { name: 'x', scopes: ['orders:read'], admin: true }, { name: '', scopes: ['orders:read'] }]) {
      const res = await admin('POST', '/api-keys', body);
      expect(res.statusCode).toBe(400);
      expect(res.data.error.code).toBe('VALIDATION_FAILED');
    }
  });
});
