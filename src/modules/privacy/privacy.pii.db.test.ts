// Personal data at rest: after the encrypting migrations no table holds a seeded person's phone,
// name or street line in plain text, sign-in by phone still works through the blind index, and
// `pii rotate-key` re-seals everything under a new key.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { placeOrder, sellableSku } from '../../../test/fixtures.ts';
import { identityMigrations } from '../identity/identity.migrations.ts';
import { ordersMigrations } from '../orders/orders.migrations.ts';
import { privacyMigrations } from './privacy.migrations.ts';
import { latestCodeFor } from '../../platform/messages.ts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createPiiCipher, forgetOldKeys, isSealed, loadPiiKeys, PiiKeyError, prepareRotation } from '../../platform/pii.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t?.close());

const PEOPLE = [
  { phone: '13912345678', recipient: '欧阳明月', line1: '网商路 699 号 3 幢', email: 'pii-one@example.com' },
  { phone: '18687654321', recipient: 'Margarethe Winterbottom', line1: '88 Quayside Lane, Flat 12', email: 'pii-two@example.com' },
];

/** Every text, varchar and json(b) column of every table in the schema with a value containing a needle. */
async function plaintextHits(needles: string[]) {
  const { rows: columns } = await sql<{ table_name: string; column_name: string }>`
    select c.table_name, c.column_name from information_schema.columns c join information_schema.tables t on t.table_name = c.table_name and t.table_schema = c.table_schema
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE' and c.data_type in ('text', 'character varying', 'json', 'jsonb')`.execute(t.platform.db);
  const hits: string[] = [];
  for (const c of columns) {
    const col = sql.ref(`${c.table_name}.${c.column_name}`);
    const any = sql.join(needles.map((n) => sql`position(${n} in ${col}::text) > 0`), sql` or `);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(c.table_name)} where ${any}`.execute(t.platform.db);
    if (rows[0].n > 0) hits.push(`${c.table_name}.${c.column_name}`);
  }
  return { hits, scanned: columns.length };
}

const migration = (list: { name: string; up: (db: any) => Promise<void> }[], name: string) => list.find((m) => m.name === name)!;

describe('personal data at rest', () => {
  const ids: string[] = [];

  it('leaves no plaintext phone, recipient or street line in any table after the encrypting migrations', async () => {
    const { skuId } = await sellableSku(t);
    for (const p of PEOPLE) {
      // A sign-up code sent by SMS before the account exists: the outbox holds the phone too.
      expect(await t.registrationCode({ phone: p.phone })).toMatch(/^\d{6}$/);
      const user = await t.services.identity.register({ email: p.email, phone: p.phone, password: 'fission-2026-pii', displayName: 'PII person' });
      ids.push(user.id);
      const session = await t.services.identity.openSession(user.id, 'bearer');
      const as = { id: user.id, email: p.email, token: session.token, headers: { authorization: `Bearer ${session.token}` } };
      const address = await t.request({ method: 'POST', url: '/api/v1/me/addresses', as, body: { recipient: p.recipient, phone: p.phone, province: '浙江省', city: '杭州市', district: '滨江区', line1: p.line1 } });
      expect(address.statusCode).toBe(201);
      expect(address.data).toMatchObject({ recipient: p.recipient, phone: p.phone, line1: p.line1 }); // the owner reads it in full
      const order = await placeOrder(t, as, address.data.id, [{ skuId, quantity: 1 }]);
      expect(order.address).toMatchObject({ recipient: p.recipient, phone: p.phone, line1: p.line1 });
    }
    await t.settle();
    const needles = PEOPLE.flatMap((p) => [p.phone, p.recipient, p.line1]);
    // Written through the services: sealed from the start.
    expect((await plaintextHits(needles)).hits).toEqual([]);
    const outboxed = await t.platform.db.selectFrom('message_outbox').select(['id', 'to_phone', 'data']).where('template', '=', 'signup.code').where('to_phone', 'is not', null).orderBy('created_at').execute();
    expect(outboxed.length).toBeGreaterThanOrEqual(PEOPLE.length);
    for (const m of outboxed) expect(isSealed(m.to_phone)).toBe(true);

    // Rows as a version before encryption left them: plain values, no blind index.
    const db = t.platform.db;
    for (const [i, p] of PEOPLE.entries()) {
      await db.updateTable('users').set({ phone: p.phone, phone_index: null }).where('id', '=', ids[i]).execute();
      await db.updateTable('addresses').set({ recipient: p.recipient, phone: p.phone, line1: p.line1 }).where('user_id', '=', ids[i]).execute();
      const address = { recipient: p.recipient, phone: p.phone, province: '浙江省', city: '杭州市', district: '滨江区', line1: p.line1, postalCode: null };
      await db.updateTable('orders').set({ address: JSON.stringify(address) }).where('user_id', '=', ids[i]).execute();
      await db.updateTable('message_outbox').set({ to_phone: p.phone, to_phone_index: null }).where('id', 'in', outboxed.filter((m) => t.platform.pii.open(m.to_phone) === p.phone).map((m) => m.id)).execute();
    }
    const before = await plaintextHits(needles);
    expect(before.hits.sort()).toEqual(['addresses.line1', 'addresses.phone', 'addresses.recipient', 'message_outbox.to_phone', 'orders.address', 'users.phone']);

    await migration(identityMigrations, '0291_identity_pii_seal').up(db);
    await migration(ordersMigrations, '0292_orders_pii_seal').up(db);
    await migration(privacyMigrations, '0331_privacy_outbox_phone_seal').up(db);

    const after = await plaintextHits(needles);
    expect(after.scanned).toBeGreaterThan(100);
    expect(after.hits).toEqual([]);
    const users = await db.selectFrom('users').select(['phone', 'phone_index']).where('id', 'in', ids).execute();
    for (const u of users) {
      expect(isSealed(u.phone)).toBe(true);
      expect(u.phone_index).toMatch(/^[\w-]+:[\w-]{43}$/);
    }
    // The sealed sign-up codes are still found by phone, through the outbox's blind index.
    for (const p of PEOPLE) {
      const code = outboxed.find((m) => t.platform.pii.open(m.to_phone) === p.phone)!.data.code;
      expect(await latestCodeFor(db, t.platform.pii, { phone: p.phone })).toBe(String(code));
    }
  });

  it('still signs in by phone (blind index) and answers the owner in plain text', async () => {
    const res = await t.request({ method: 'POST', url: '/api/v1/auth/login', body: { login: PEOPLE[0].phone, password: 'fission-2026-pii', session: 'bearer' } });
    expect(res.statusCode).toBe(200);
    expect(res.data.user.phone).toBe('139****5678');
    const addresses = await t.request({ method: 'GET', url: '/api/v1/me/addresses', as: { id: res.data.user.id, email: '', token: res.data.token, headers: { authorization: `Bearer ${res.data.token}` } } });
    expect(addresses.data.items[0]).toMatchObject({ recipient: PEOPLE[0].recipient, phone: PEOPLE[0].phone, line1: PEOPLE[0].line1 });
    // A second account with the same phone is refused by the blind index's uniqueness.
    await expect(t.services.identity.register({ phone: PEOPLE[0].phone, password: 'fission-2026-pii', displayName: 'Copy' })).rejects.toMatchObject({ code: 'IDENTITY_ALREADY_REGISTERED' });
  });

  it('re-seals every value under a new key on rotate-key and drops the old key', async () => {
    const db = t.platform.db;
    const oldKid = t.platform.pii.currentKid;
    const result = await t.services.privacy.rotatePiiKey();
    expect(result.kid).not.toBe(oldKid);
    expect(result.resealed.identity).toBeGreaterThanOrEqual(4); // 2 users + 2 addresses
    expect(result.resealed.orders).toBeGreaterThanOrEqual(2);
    expect(result.resealed.platform).toBeGreaterThanOrEqual(2); // the two sign-up codes' phones
    expect(result.forgotten).toBe(1);
    // What a restarted process loads: only the new key, and it opens everything.
    const ring = await loadPiiKeys(db, { key: undefined, keyFile: undefined }, t.clock.now());
    expect(ring.map((k) => k.kid)).toEqual([result.kid]);
    const cipher = createPiiCipher(ring);
    const users = await db.selectFrom('users').select(['phone', 'phone_index']).where('id', 'in', ids).orderBy('email').execute();
    expect(users.map((u) => cipher.open(u.phone))).toEqual([PEOPLE[0].phone, PEOPLE[1].phone]);
    for (const u of users) {
      expect(u.phone!.split(':')[1]).toBe(result.kid);
      expect(cipher.indexes(cipher.open(u.phone)!)).toContain(u.phone_index);
    }
    const orders = await db.selectFrom('orders').select('address').where('user_id', 'in', ids).execute();
    for (const o of orders) expect(o.address.phone.split(':')[1]).toBe(result.kid);
    const outboxed = await db.selectFrom('message_outbox').select('to_phone').where('to_phone', 'is not', null).execute();
    for (const m of outboxed) expect(m.to_phone!.split(':')[1]).toBe(result.kid);
    const audit = await db.selectFrom('audit_log').select('subject_id').where('action', '=', 'pii.key_rotated').execute();
    expect(audit.map((a) => a.subject_id)).toEqual([result.kid]);
    expect((await plaintextHits(PEOPLE.flatMap((p) => [p.phone, p.recipient, p.line1]))).hits).toEqual([]);
  });

  it('puts FISSION_PII_KEY (or the key file) first on the ring, keeps the generated key readable, and drops it after rotation', async () => {
    const db = t.platform.db;
    const now = t.clock.now();
    const [stored] = await loadPiiKeys(db, { key: undefined, keyFile: undefined }, now);
    const env = { key: `env1:${'e'.repeat(40)}`, keyFile: undefined };
    expect((await loadPiiKeys(db, env, now)).map((k) => k.kid)).toEqual(['env1', stored.kid]);
    const dir = mkdtempSync(path.join(tmpdir(), 'fission-pii-'));
    const file = path.join(dir, 'pii.keys');
    writeFileSync(file, `# current first\nfile2:${'f'.repeat(40)}\nfile1:${'g'.repeat(40)}\n`);
    expect((await loadPiiKeys(db, { key: undefined, keyFile: file }, now)).map((k) => k.kid)).toEqual(['file2', 'file1', stored.kid]);
    await expect(loadPiiKeys(db, { key: undefined, keyFile: path.join(dir, 'missing') }, now)).rejects.toBeInstanceOf(PiiKeyError);
    // Rotating onto the configured key leaves settings alone until every value is re-sealed.
    const ring = await prepareRotation(db, env, now);
    expect(ring[0].kid).toBe('env1');
    expect(await forgetOldKeys(db, 'env1', now)).toBe(1);
    expect((await loadPiiKeys(db, env, now)).map((k) => k.kid)).toEqual(['env1']);
  });
});
