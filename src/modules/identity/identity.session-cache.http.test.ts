// Sessions are verified from a per-process cache, and what ends a session ends it at once: in
// this process, and in another one that learns through the invalidation bus.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { createPlatform, modulePlatform } from '../../platform/context.ts';
import { createLocalBus, type InvalidationBus } from '../../platform/invalidation.ts';
import { createIdentityService } from './identity.service.ts';
import { identityTables } from './identity.table.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t?.close());

const me = (token: string) => t.request({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });

/** A second process's identity service over the same database, on the given bus. */
async function otherProcess(bus: InvalidationBus) {
  const platform = await createPlatform({ config: t.config, database: t.platform.database, clock: t.clock, log: t.platform.log, invalidation: bus });
  return createIdentityService(modulePlatform(platform, identityTables));
}

describe('cached sessions', () => {
  it('answer repeated requests without reading the session again', async () => {
    const shopper = await t.signUp();
    expect((await me(shopper.token)).statusCode).toBe(200);
    // Revoked behind the service's back (no bus message): the cached copy still answers, which is
    // what the cache is for, and why every change goes through the service and the bus.
    await t.platform.db.updateTable('sessions').set({ revoked_at: t.clock.now() }).where('user_id', '=', shopper.id).execute();
    expect((await me(shopper.token)).statusCode).toBe(200);
  });

  it('end at once on sign-out', async () => {
    const shopper = await t.signUp();
    expect((await me(shopper.token)).statusCode).toBe(200);
    expect((await t.request({ method: 'POST', url: '/api/v1/auth/logout', as: shopper, headers: { origin: 'http://localhost' } })).statusCode).toBe(204);
    expect((await me(shopper.token)).statusCode).toBe(401);
  });

  it('end at once in another process too: suspension reaches its cache through the bus', async () => {
    const shopper = await t.signUp();
    const other = await otherProcess(t.platform.invalidation);
    const elsewhere = await otherProcess(createLocalBus()); // a process the bus does not reach
    expect(await other.resolveSession(shopper.token)).toMatchObject({ id: shopper.id });
    expect(await elsewhere.resolveSession(shopper.token)).toMatchObject({ id: shopper.id });
    const admin = await t.operator();
    await t.services.identity.suspend(admin.id, shopper.id, 'fraud review');
    expect(await other.resolveSession(shopper.token)).toBeNull();
    expect((await me(shopper.token)).statusCode).toBe(401);
    // Only the bus made the difference: the unreached cache still holds the session.
    expect(await elsewhere.resolveSession(shopper.token)).toMatchObject({ id: shopper.id });
  });

  it('end at once for the other sessions when the password changes, and carry new roles', async () => {
    const shopper = await t.signUp({ password: 'fission2026' });
    const second = await t.request({ method: 'POST', url: '/api/v1/auth/login', body: { login: shopper.email, password: 'fission2026', session: 'bearer' } });
    const otherToken = second.data.token as string;
    expect((await me(otherToken)).statusCode).toBe(200);
    const changed = await t.request({ method: 'POST', url: '/api/v1/me/password', as: shopper, body: { currentPassword: 'fission2026', newPassword: 'a-much-longer-passphrase-2026' } });
    expect(changed.statusCode).toBe(200);
    expect((await me(otherToken)).statusCode).toBe(401);
    expect((await me(shopper.token)).statusCode).toBe(200);

    const admin = await t.operator();
    await t.services.identity.setRoles(admin.id, shopper.id, ['shopper', 'promoter']);
    expect((await t.services.identity.resolveSession(shopper.token))?.roles).toEqual(['shopper', 'promoter']);
  });

  it('are not served past their expiry by the business clock', async () => {
    const shopper = await t.signUp();
    expect((await me(shopper.token)).statusCode).toBe(200);
    t.clock.advance(400 * 24 * 3_600_000);
    expect((await me(shopper.token)).statusCode).toBe(401);
  });
});
