import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { DAY_MS } from '../../platform/clock.ts';
import { DomainError } from '../../platform/errors.ts';
import { sha256 } from '../../platform/ids.ts';
import type { IntegrationsService } from './integrations.service.ts';
import { integrationsFor } from './integrations.testing.ts';

let t: TestContext;
let service: IntegrationsService;
let operator: TestUser;
let otherOperator: TestUser;
let admin: { id: string; roles: ['operator', 'admin'] };

beforeAll(async () => {
  t = await createTestContext();
  service = await integrationsFor(t);
  operator = await t.operator();
  otherOperator = await t.operator();
  const adminUser = await t.services.identity.ensureOperator(`admin-${Date.now()}@example.com`, 'Quiet-Harbour-Lantern-2026', true);
  admin = { id: adminUser.userId, roles: ['operator', 'admin'] };
});
afterAll(() => t?.close());

const keys = () => service.apiKeys;
const asOperator = (u: TestUser) => ({ id: u.id, roles: ['operator' as const] });

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (err) {
    if (err instanceof DomainError) return err.code;
    throw err;
  }
}

describe('API keys', () => {
  it('shows the key once, stores only its hash, and resolves it to its creator limited to its scopes', async () => {
    const { apiKey, key } = await keys().create(asOperator(operator), { name: 'ERP sync', scopes: ['orders:read', 'catalog:read'] });
    expect(key).toMatch(/^fsk_[A-Za-z0-9_-]{43}$/);
    expect(apiKey).toMatchObject({ name: 'ERP sync', scopes: ['orders:read', 'catalog:read'], status: 'active', lastUsedAt: null, expiresAt: null, createdBy: operator.id });
    expect(key.startsWith(apiKey.prefix)).toBe(true);

    const row = await t.platform.db.selectFrom('api_keys').selectAll().where('id', '=', apiKey.id).executeTakeFirstOrThrow();
    expect(row.key_hash).toBe(sha256(key));
    expect(JSON.stringify(row)).not.toContain(key);
    expect(JSON.stringify(await keys().list(asOperator(operator)))).not.toContain(key);

    const user = await keys().resolveApiKey(key);
    expect(user).toEqual({ id: operator.id, roles: ['operator'], via: 'api_key', scopes: ['orders:read', 'catalog:read'], sessionId: apiKey.id });
    expect(await keys().resolveApiKey(key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A'))).toBeNull();
    expect(await keys().resolveApiKey('not-a-key')).toBeNull();
  });

  it('updates last_used_at at most once a minute', async () => {
    const { apiKey, key } = await keys().create(asOperator(operator), { name: 'poller', scopes: ['orders:read'] });
    const lastUsed = async () => (await t.platform.db.selectFrom('api_keys').select('last_used_at').where('id', '=', apiKey.id).executeTakeFirstOrThrow()).last_used_at;
    const first = t.clock.now();
    await keys().resolveApiKey(key);
    expect(await lastUsed()).toEqual(first);
    t.clock.advance(30_000);
    await keys().resolveApiKey(key);
    expect(await lastUsed()).toEqual(first);
    const later = t.clock.advance(30_000);
    await keys().resolveApiKey(key);
    expect(await lastUsed()).toEqual(later);
  });

  it('stops a revoked key at once and an expired key at its expiry', async () => {
    const revocable = await keys().create(asOperator(operator), { name: 'old', scopes: ['orders:read'] });
    const revoked = await keys().revoke(asOperator(operator), revocable.apiKey.id);
    expect(revoked).toMatchObject({ status: 'revoked', revokedAt: t.clock.now().toISOString() });
    expect(await keys().resolveApiKey(revocable.key)).toBeNull();
    expect((await keys().revoke(asOperator(operator), revocable.apiKey.id)).revokedAt).toBe(revoked.revokedAt);

    const expiring = await keys().create(asOperator(operator), { name: 'temp', scopes: ['orders:read'], expiresAt: new Date(t.clock.now().getTime() + DAY_MS).toISOString() });
    expect(await keys().resolveApiKey(expiring.key)).not.toBeNull();
    t.clock.advance(DAY_MS);
    expect(await keys().resolveApiKey(expiring.key)).toBeNull();
    expect((await keys().list(asOperator(operator))).items.find((k) => k.id === expiring.apiKey.id)?.status).toBe('expired');
  });

  it('stops a key whose creator is no longer an operator', async () => {
    const leaver = await t.operator();
    const { key } = await keys().create(asOperator(leaver), { name: 'leaver', scopes: ['orders:read'] });
    expect(await keys().resolveApiKey(key)).not.toBeNull();
    await t.services.identity.setRoles(admin.id, leaver.id, ['shopper']);
    expect(await keys().resolveApiKey(key)).toBeNull();
  });

  it('lets operators see and revoke only their own keys, and admins everyone\'s', async () => {
    const mine = await keys().create(asOperator(otherOperator), { name: 'mine', scopes: ['webhooks:manage'] });
    expect((await keys().list(asOperator(operator))).items.map((k) => k.id)).not.toContain(mine.apiKey.id);
    expect((await keys().list(asOperator(otherOperator))).items.map((k) => k.id)).toContain(mine.apiKey.id);
    expect((await keys().list(admin)).items.map((k) => k.id)).toContain(mine.apiKey.id);
    expect(await codeOf(keys().revoke(asOperator(operator), mine.apiKey.id))).toBe('API_KEYS_NOT_FOUND');
    expect(await keys().resolveApiKey(mine.key)).not.toBeNull();
    expect((await keys().revoke(admin, mine.apiKey.id)).status).toBe('revoked');
    const audit = await t.platform.db.selectFrom('audit_log').select(['action', 'actor_id']).where('subject_id', '=', mine.apiKey.id).orderBy('id').execute();
    expect(audit).toEqual([{ action: 'api_key.created', actor_id: otherOperator.id }, { action: 'api_key.revoked', actor_id: admin.id }]);
  });

  it('refuses unknown scopes, a blank name and a past expiry, writing nothing', async () => {
    const count = async () => Number((await t.platform.db.selectFrom('api_keys').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    expect(await codeOf(keys().create(asOperator(operator), { name: 'x', scopes: ['orders:delete'] }))).toBe('API_KEYS_SCOPE_UNKNOWN');
    expect(await codeOf(keys().create(asOperator(operator), { name: 'x', scopes: [] }))).toBe('API_KEYS_SCOPES_REQUIRED');
    expect(await codeOf(keys().create(asOperator(operator), { name: '   ', scopes: ['orders:read'] }))).toBe('API_KEYS_NAME_REQUIRED');
    expect(await codeOf(keys().create(asOperator(operator), { name: 'x', scopes: ['orders:read'], expiresAt: t.clock.now().toISOString() }))).toBe('API_KEYS_EXPIRY_IN_PAST');
    expect(await count()).toBe(before);
  });
});
