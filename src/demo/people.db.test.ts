import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { DEMO_PASSWORD, seedDemoPeople } from './people.ts';

const COUNT = 60;
let t: TestContext;
let shopperIds: string[];
let progress: Array<[number, number]>;

beforeAll(async () => {
  t = await createTestContext();
  progress = [];
  ({ shopperIds } = await seedDemoPeople(t.platform, t.services, { scale: 1, count: COUNT, onProgress: (done, total) => progress.push([done, total]) }));
});
afterAll(() => t?.close());

describe('demo people', () => {
  it('creates the requested number of shoppers with unique valid mobile numbers and reports progress', async () => {
    expect(shopperIds).toHaveLength(COUNT);
    const users = await t.platform.db.selectFrom('users').select(['id', 'phone', 'email', 'roles', 'created_at']).execute();
    expect(users).toHaveLength(COUNT);
    // Phones are sealed at rest (platform/pii.ts): opened here with the platform's key ring.
    const phones = users.map((u) => t.platform.pii.open(u.phone));
    expect(new Set(phones).size).toBe(COUNT);
    for (const phone of phones) expect(phone).toMatch(/^1[3-9]\d{9}$/);
    expect(users.some((u) => u.email !== null)).toBe(true);
    expect(users.some((u) => u.roles.includes('promoter'))).toBe(true);
    // Sign-ups lie in the last 180 days, by the platform clock.
    const now = t.clock.now().getTime();
    for (const u of users) {
      expect(u.created_at.getTime()).toBeLessThanOrEqual(now);
      expect(u.created_at.getTime()).toBeGreaterThan(now - 181 * 86_400_000);
    }
    expect(progress.at(-1)).toEqual([COUNT, COUNT]);
  });

  it('gives every shopper one default address and at most two', async () => {
    const rows = await t.platform.db
      .selectFrom('addresses')
      .select(['user_id', sql<number>`count(*)::int`.as('n'), sql<number>`count(*) filter (where is_default)::int`.as('defaults')])
      .groupBy('user_id')
      .execute();
    expect(rows).toHaveLength(COUNT);
    for (const r of rows) {
      expect(r.n).toBeGreaterThanOrEqual(1);
      expect(r.n).toBeLessThanOrEqual(2);
      expect(r.defaults).toBe(1);
    }
  });

  it('stores friendships symmetrically, never with oneself, with a hub well above the average', async () => {
    const db = t.platform.db;
    const total = await db.selectFrom('friendships').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    expect(total.n).toBeGreaterThan(COUNT * 2);
    const self = await db.selectFrom('friendships').select(sql<number>`count(*)::int`.as('n')).whereRef('user_id', '=', 'friend_id').executeTakeFirstOrThrow();
    expect(self.n).toBe(0);
    const unmatched = await sql<{ n: number }>`
      select count(*)::int as n from friendships f
      where not exists (select 1 from friendships g where g.user_id = f.friend_id and g.friend_id = f.user_id)`.execute(db);
    expect(unmatched.rows[0].n).toBe(0);
    const degrees = await db.selectFrom('friendships').select(['user_id', sql<number>`count(*)::int`.as('d')]).groupBy('user_id').orderBy('d', 'desc').execute();
    const average = total.n / COUNT;
    expect(degrees[0].d).toBeGreaterThanOrEqual(3 * average);
  });

  it('has the identity import refuse a self-friendship and store a new pair both ways', async () => {
    const [a, b] = shopperIds.slice(-2);
    await expect(t.services.identity.importFriendships([{ userId: a, friendId: a, createdAt: t.clock.now() }])).rejects.toMatchObject({ code: 'IDENTITY_FRIENDSHIP_SELF' });
    await t.platform.db.deleteFrom('friendships').where((eb) => eb.or([eb.and([eb('user_id', '=', a), eb('friend_id', '=', b)]), eb.and([eb('user_id', '=', b), eb('friend_id', '=', a)])])).execute();
    const pair = { userId: b, friendId: a, createdAt: t.clock.now() };
    expect(await t.services.identity.importFriendships([pair, { ...pair, userId: a, friendId: b }])).toBe(1);
    const rows = await t.platform.db.selectFrom('friendships').selectAll().where((eb) => eb.or([eb('user_id', '=', a), eb('user_id', '=', b)])).where((eb) => eb.or([eb('friend_id', '=', a), eb('friend_id', '=', b)])).execute();
    expect(rows.map((r) => `${r.user_id === a ? 'a' : 'b'}>${r.friend_id === a ? 'a' : 'b'}`).sort()).toEqual(['a>b', 'b>a']);
    expect(await t.services.identity.importFriendships([pair])).toBe(0);
  });

  it('lets every shopper sign in by phone with the shared demo password', async () => {
    const users = await t.platform.db.selectFrom('users').select(['id', 'phone']).execute();
    for (const u of users) {
      const phone = t.platform.pii.open(u.phone)!;
      const res = await t.request({ method: 'POST', url: '/api/v1/auth/login', body: { login: phone, password: DEMO_PASSWORD, session: 'bearer' } });
      expect(res.statusCode, `login ${phone}`).toBe(200);
      expect(res.data.user.id).toBe(u.id);
    }
  });

  it('publishes no customer.registered events for imported history', async () => {
    const events = await t.platform.db.selectFrom('outbox_events').select('id').where('type', '=', 'customer.registered').execute();
    expect(events).toHaveLength(0);
  });

  it('converges when run again: same shopper ids, no duplicate rows', async () => {
    const count = async (table: 'users' | 'addresses' | 'friendships') =>
      (await t.platform.db.selectFrom(table).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
    const before = { users: await count('users'), addresses: await count('addresses'), friendships: await count('friendships') };
    const again = await seedDemoPeople(t.platform, t.services, { scale: 1, count: COUNT });
    expect(again.shopperIds).toEqual(shopperIds);
    expect({ users: await count('users'), addresses: await count('addresses'), friendships: await count('friendships') }).toEqual(before);
  });
});
