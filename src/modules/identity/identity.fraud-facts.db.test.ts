// An account's fraud facts (phone, email, devices) are served from a per-process copy outside
// transactions, kept from the sign-up on, and every change drops the copy at once: in this process
// and, through the invalidation bus, in the others.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { createPlatform, modulePlatform } from '../../platform/context.ts';
import { newId } from '../../platform/ids.ts';
import { createLocalBus, type InvalidationBus } from '../../platform/invalidation.ts';
import { createIdentityService, type IdentityService } from './identity.service.ts';
import { identityTables } from './identity.table.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t?.close());

/** A second process's identity service over the same database, on the given bus. */
async function otherProcess(bus: InvalidationBus) {
  const platform = await createPlatform({ config: t.config, database: t.platform.database, clock: t.clock, log: t.platform.log, invalidation: bus });
  return createIdentityService(modulePlatform(platform, identityTables));
}

let seq = 0;
async function newAccount(device: string) {
  seq++;
  return t.services.identity.register({ email: `facts-${seq}-${newId().slice(0, 8)}@example.com`, phone: `1380013${String(seq).padStart(4, '0')}`, password: 'fission2026', displayName: `Facts ${seq}`, deviceId: device });
}

/** A device written behind identity's back: no bus message, so only a read of the database sees it. */
const addDeviceBehindTheBack = (userId: string, device: string) => t.platform.db.insertInto('user_devices').values({ user_id: userId, device_id: device, first_seen_at: t.clock.now() }).execute();

const factsOf = async (userId: string, identity: Pick<IdentityService, 'fraudFacts'> = t.services.identity) => (await identity.fraudFacts(t.platform.db, [userId])).get(userId);
const factsInTransaction = (userId: string) => t.platform.db.transaction().execute(async (trx) => (await t.services.identity.fraudFacts(trx, [userId])).get(userId));

describe('fraud facts', () => {
  it('of a new account are known from its sign-up without reading them; a transaction reads the database', async () => {
    const user = await newAccount('facts-device-a');
    await addDeviceBehindTheBack(user.id, 'facts-device-hidden');
    expect(await factsOf(user.id)).toEqual({ phone: user.phone, email: user.email, devices: ['facts-device-a'] });
    expect([...(await factsInTransaction(user.id))!.devices].sort()).toEqual(['facts-device-a', 'facts-device-hidden']);
  });

  it('are read again at once after a sign-in on a new device, in this process and another one the bus reaches', async () => {
    const user = await newAccount('facts-device-b');
    const other = await otherProcess(t.platform.invalidation);
    const unreached = await otherProcess(createLocalBus());
    expect((await factsOf(user.id, other))?.devices).toEqual(['facts-device-b']);
    expect((await factsOf(user.id, unreached))?.devices).toEqual(['facts-device-b']);

    await t.services.identity.openSession(user.id, 'bearer', { deviceId: 'facts-device-c' });
    expect([...(await factsOf(user.id))!.devices].sort()).toEqual(['facts-device-b', 'facts-device-c']);
    expect([...(await factsOf(user.id, other))!.devices].sort()).toEqual(['facts-device-b', 'facts-device-c']);
    // Only the bus made the difference: the process it does not reach keeps its copy.
    expect((await factsOf(user.id, unreached))?.devices).toEqual(['facts-device-b']);
  });

  it('are kept through a sign-in on a device the account already has (nothing changed)', async () => {
    const user = await newAccount('facts-device-d');
    await addDeviceBehindTheBack(user.id, 'facts-device-hidden-2');
    await t.services.identity.openSession(user.id, 'bearer', { deviceId: 'facts-device-d' });
    expect((await factsOf(user.id))?.devices).toEqual(['facts-device-d']);
  });

  it('lose phone and email at once when the account is erased', async () => {
    const user = await newAccount('facts-device-e');
    expect((await factsOf(user.id))?.phone).toBe(user.phone);
    await t.platform.db.transaction().execute((trx) => t.services.identity.personalData.erase!(trx, user.id));
    expect(await factsOf(user.id)).toMatchObject({ phone: null, email: null });
  });

  it('of an unknown account are not kept: the account found later is read', async () => {
    const id = newId();
    expect(await factsOf(id)).toBeUndefined();
    await t.services.identity.importUsers([{ id, email: `facts-imported-${id.slice(0, 8)}@example.com`, phone: null, passwordHash: '!', displayName: 'Imported', roles: ['shopper'], createdAt: t.clock.now() }]);
    expect(await factsOf(id)).toEqual({ phone: null, email: `facts-imported-${id.slice(0, 8)}@example.com`, devices: [] });
  });

  it('are one copy shared by callers, so it cannot be changed by one of them', async () => {
    const user = await newAccount('facts-device-f');
    const facts = (await factsOf(user.id))!;
    expect(() => facts.devices.push('another')).toThrow(TypeError);
    expect((await factsOf(user.id))?.devices).toEqual(['facts-device-f']);
  });
});
