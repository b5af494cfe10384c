// Consents, export and erasure through the HTTP API, and masking of other people's data.
import { sql } from 'kysely';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { payOrder, placeOrder, sellableSku } from '../../../test/fixtures.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t?.close());

const PHONE = '13755556666';
const RECIPIENT = '司马相如';
const LINE1 = '文一西路 969 号 7 幢';

/** A shopper signed up with a phone and consents, with an address. */
async function shopper(consents?: { policyVersion: string; marketing: boolean; personalisation: boolean }, phone = PHONE) {
  const email = `privacy-${Math.random().toString(36).slice(2, 9)}@example.com`;
  const code = await t.registrationCode({ email });
  const res = await t.request({ method: 'POST', url: '/api/v1/auth/register', body: { email, phone, code, password: 'fission-privacy-26', displayName: '相如', session: 'bearer', ...(consents ? { consents } : {}) } });
  expect(res.statusCode, res.body).toBe(201);
  const user: TestUser = { id: res.data.user.id, email, token: res.data.token, headers: { authorization: `Bearer ${res.data.token}` } };
  const address = await t.request({ method: 'POST', url: '/api/v1/me/addresses', as: user, body: { recipient: RECIPIENT, phone, province: '浙江省', city: '杭州市', district: '余杭区', line1: LINE1 } });
  expect(address.statusCode).toBe(201);
  await t.settle();
  return { user, addressId: address.data.id as string };
}

const countRows = async (table: 'privacy_consents' | 'privacy_requests' | 'audit_log') => Number((await t.platform.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('consents', () => {
  it('records the sign-up choices with the policy version and lets the shopper withdraw them', async () => {
    const policy = await t.request({ method: 'GET', url: '/api/v1/privacy/policy' });
    expect(policy.data.version).toBe('2026-06');
    const { user } = await shopper({ policyVersion: policy.data.version, marketing: true, personalisation: true }, '13755550001');
    const given = await t.request({ method: 'GET', url: '/api/v1/me/privacy/consents', as: user });
    expect(given.data.items).toEqual([
      { purpose: 'privacy_policy', granted: true, policyVersion: '2026-06', at: expect.any(String) },
      { purpose: 'marketing', granted: true, policyVersion: '2026-06', at: expect.any(String) },
      { purpose: 'personalisation', granted: true, policyVersion: '2026-06', at: expect.any(String) },
    ]);
    expect(await t.services.privacy.allows(user.id, 'personalisation')).toBe(true);

    t.clock.advance(60_000);
    const withdrawn = await t.request({ method: 'PUT', url: '/api/v1/me/privacy/consents/personalisation', as: user, body: { granted: false } });
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.data.items.find((c: { purpose: string }) => c.purpose === 'personalisation').granted).toBe(false);
    expect(await t.services.privacy.allows(user.id, 'personalisation')).toBe(false);
    expect(await t.services.privacy.allows(user.id, 'marketing')).toBe(true);
    await t.request({ method: 'PUT', url: '/api/v1/me/privacy/consents/marketing', as: user, body: { granted: false } });
    expect(await t.services.privacy.allows(user.id, 'marketing')).toBe(false);
  });

  it('defaults to no marketing and personalised results when no choice was made', async () => {
    const { user } = await shopper(undefined, '13755550002');
    expect(await t.services.privacy.allows(user.id, 'marketing')).toBe(false);
    expect(await t.services.privacy.allows(user.id, 'personalisation')).toBe(true);
  });

  it('refuses bad input with coded 400s and writes nothing', async () => {
    const { user } = await shopper(undefined, '13755550003');
    const before = await countRows('privacy_consents');
    const policy = await t.request({ method: 'PUT', url: '/api/v1/me/privacy/consents/privacy_policy', as: user, body: { granted: false } });
    expect(policy.statusCode).toBe(400);
    expect(policy.data.error.code).toBe('PRIVACY_POLICY_REQUIRED');
    for (const bad of [
      { url: '/api/v1/me/privacy/consents/newsletter', body: { granted: false } },
      { url: '/api/v1/me/privacy/consents/marketing', body: { granted: 'no' } },
      { url: '/api/v1/me/privacy/consents/marketing', body: { granted: true, extra: 1 } },
    ]) {
      const res = await t.request({ method: 'PUT', url: bad.url, as: user, body: bad.body });
      expect(res.statusCode).toBe(400);
      expect(res.data.error.code).toBe('VALIDATION_FAILED');
    }
    const signup = await t.request({ method: 'POST', url: '/api/v1/auth/register', body: { email: 'x@example.com', code: '000000', password: 'fission-privacy-26', displayName: 'x', consents: { policyVersion: '2026-06', marketing: 'yes', personalisation: true } } });
    expect(signup.statusCode).toBe(400);
    expect(await countRows('privacy_consents')).toBe(before);
    const anonymous = await t.request({ method: 'GET', url: '/api/v1/me/privacy/consents' });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('masking and audited reveal', () => {
  it('masks phones, recipients and street lines for operators and reveals them only through an audited call', async () => {
    const { skuId } = await sellableSku(t);
    const { user, addressId } = await shopper(undefined, '13755550004');
    const order = await placeOrder(t, user, addressId, [{ skuId, quantity: 1 }]);
    expect(order.address).toMatchObject({ recipient: RECIPIENT, phone: '13755550004', line1: LINE1 });
    const op = await t.operator();

    const customers = await t.request({ method: 'GET', url: `/api/v1/admin/customers?q=${encodeURIComponent(user.email)}`, as: op });
    expect(customers.data.items[0].phone).toBe('137****0004');
    const byPhone = await t.request({ method: 'GET', url: '/api/v1/admin/customers?q=13755550004', as: op });
    expect(byPhone.data.items.map((u: { id: string }) => u.id)).toEqual([user.id]);
    const customer = await t.request({ method: 'GET', url: `/api/v1/admin/customers/${user.id}`, as: op });
    expect(customer.data.phone).toBe('137****0004');

    const masked = { recipient: '司***', phone: '137****0004', line1: '文一******', province: '浙江省', city: '杭州市' };
    const list = await t.request({ method: 'GET', url: '/api/v1/admin/orders', as: op });
    expect(list.data.items.find((o: { id: string }) => o.id === order.id).address).toMatchObject(masked);
    const detail = await t.request({ method: 'GET', url: `/api/v1/admin/orders/${order.id}`, as: op });
    expect(detail.data.order.address).toMatchObject(masked);
    expect(JSON.stringify([customers.data, customer.data, list.data, detail.data])).not.toMatch(/13755550004|司马相如|文一西路/);
    await t.registrationCode({ phone: '13755550009' });
    const messages = await t.request({ method: 'GET', url: '/api/v1/admin/messages?to=13755550009', as: op });
    expect(messages.data.items.map((m: { to: { phone: string } }) => m.to.phone)).toEqual(['137****0009']);

    // Bad input: nothing revealed, nothing audited.
    const audits = await countRows('audit_log');
    for (const body of [{}, { reason: 'x' }, { reason: 'customer called', extra: true }]) {
      const res = await t.request({ method: 'POST', url: `/api/v1/admin/customers/${user.id}/reveal`, as: op, body });
      expect(res.statusCode).toBe(400);
    }
    const shopperTries = await t.request({ method: 'POST', url: `/api/v1/admin/orders/${order.id}/address/reveal`, as: user, body: { reason: 'curious' } });
    expect(shopperTries.statusCode).toBe(403);
    const unknown = await t.request({ method: 'POST', url: '/api/v1/admin/orders/00000000-0000-4000-8000-000000000000/address/reveal', as: op, body: { reason: 'courier asked' } });
    expect(unknown.statusCode).toBe(404);
    expect(await countRows('audit_log')).toBe(audits);

    const contact = await t.request({ method: 'POST', url: `/api/v1/admin/customers/${user.id}/reveal`, as: op, body: { reason: 'customer called about delivery' } });
    expect(contact.statusCode).toBe(200);
    expect(contact.data.phone).toBe('13755550004');
    expect(contact.data.addresses[0]).toMatchObject({ recipient: RECIPIENT, line1: LINE1 });
    const address = await t.request({ method: 'POST', url: `/api/v1/admin/orders/${order.id}/address/reveal`, as: op, body: { reason: 'print the shipping label' } });
    expect(address.data).toMatchObject({ recipient: RECIPIENT, phone: '13755550004', line1: LINE1 });
    const trail = await t.platform.db.selectFrom('audit_log').select(['actor_id', 'action', 'subject_id', 'details']).where('action', 'in', ['user.contact_revealed', 'order.address_revealed']).orderBy('id').execute();
    expect(trail).toEqual([
      { actor_id: op.id, action: 'user.contact_revealed', subject_id: user.id, details: { reason: 'customer called about delivery' } },
      { actor_id: op.id, action: 'order.address_revealed', subject_id: order.id, details: { reason: 'print the shipping label', userId: user.id } },
    ]);
  });
});

/** Tables with a column naming a person: a foreign key to users, or a person-id column by name. */
async function tablesReferencingUsers() {
  const db = t.platform.db;
  const byName = await sql<{ table_name: string }>`
    select distinct table_name from information_schema.columns where table_schema = current_schema()
    and column_name in ('user_id', 'to_user_id', 'buyer_id', 'promoter_id', 'customer_id', 'sharer_id', 'helper_id', 'friend_id', 'inviter_id', 'invitee_id', 'leader_id')`.execute(db);
  const byKey = await sql<{ table_name: string }>`
    select distinct tc.table_name from information_schema.table_constraints tc
    join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
    where tc.constraint_type = 'FOREIGN KEY' and ccu.table_name = 'users' and tc.table_schema = current_schema()`.execute(db);
  return [...new Set([...byName.rows, ...byKey.rows].map((r) => r.table_name)), 'users'].sort();
}

describe('export and erasure', () => {
  it('exports everything held about the shopper as a zip of JSON files with a readme, through a job with a visible status', async () => {
    const { skuId } = await sellableSku(t, { price: 4990 });
    const { user, addressId } = await shopper({ policyVersion: '2026-06', marketing: false, personalisation: true }, '13755550005');
    const order = await placeOrder(t, user, addressId, [{ skuId, quantity: 2 }]);
    await payOrder(t, user, order.id);

    const asked = await t.request({ method: 'POST', url: '/api/v1/me/privacy/export', as: user });
    expect(asked.statusCode).toBe(202);
    expect(asked.data.status).toBe('queued');
    const again = await t.request({ method: 'POST', url: '/api/v1/me/privacy/export', as: user });
    expect(again.data.id).toBe(asked.data.id); // one open request at a time
    const early = await t.request({ method: 'GET', url: `/api/v1/me/privacy/requests/${asked.data.id}/archive`, as: user });
    expect(early.statusCode).toBe(409);
    expect(early.data.error.code).toBe('PRIVACY_EXPORT_NOT_READY');

    await t.settle();
    const requests = await t.request({ method: 'GET', url: '/api/v1/me/privacy/requests', as: user });
    expect(requests.data.items[0]).toMatchObject({ id: asked.data.id, kind: 'export', status: 'done', finishedAt: t.clock.now().toISOString() });
    expect(Date.parse(requests.data.items[0].downloadUntil) - t.clock.now().getTime()).toBe(7 * 86_400_000); // privacy.exportExpiryDays

    const other = await shopper(undefined, '13755550006');
    const stranger = await t.request({ method: 'GET', url: `/api/v1/me/privacy/requests/${asked.data.id}/archive`, as: other.user });
    expect(stranger.statusCode).toBe(404);

    const download = await t.request({ method: 'GET', url: `/api/v1/me/privacy/requests/${asked.data.id}/archive`, as: user });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/zip');
    const files = unzipSync(new Uint8Array(download.rawPayload));
    const readme = strFromU8(files['README.txt']);
    expect(readme).toContain(user.id);
    const json = (path: string) => JSON.parse(strFromU8(files[path]));
    expect(json('identity/users.json')).toEqual([expect.objectContaining({ id: user.id, email: user.email, phone: '13755550005' })]);
    expect(json('identity/addresses.json')[0]).toMatchObject({ recipient: RECIPIENT, phone: '13755550005', line1: LINE1 });
    expect(json('orders/orders.json')[0]).toMatchObject({ id: order.id, total_amount: order.total.amount, address: { recipient: RECIPIENT, line1: LINE1 } });
    expect(json('payments/payments.json')).toHaveLength(1);
    expect(json('privacy/privacy_consents.json')).toHaveLength(3);
    const all = Object.values(files).map((f) => strFromU8(f)).join('\n');
    expect(all).not.toMatch(/password_hash|token_hash|phone_index|\$argon2/);

    // Every table that names a person is in the export, one file each.
    const exported = new Set(Object.keys(files).filter((f) => f.endsWith('.json')).map((f) => f.split('/')[1].replace(/\.json$/, '')));
    const referencing = await tablesReferencingUsers();
    expect(referencing.length).toBeGreaterThan(30);
    expect(referencing.filter((table) => !exported.has(table))).toEqual([]);
    for (const table of referencing) expect(readme).toContain(`/${table}.json`);
    const audit = await t.platform.db.selectFrom('audit_log').select('action').where('subject_id', '=', user.id).where('action', 'like', 'privacy.%').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['privacy.export_requested', 'privacy.exported', 'privacy.export_downloaded']);

    // The archive is sealed at rest and gone after its download window (daily retention job).
    const stored = await t.platform.db.selectFrom('privacy_requests').select('archive').where('id', '=', asked.data.id).executeTakeFirstOrThrow();
    expect(stored.archive).toMatch(/^v1:/);
    t.clock.advance(8 * 86_400_000);
    expect((await t.services.privacy.purgeExpired()).archives).toBe(1);
    const expired = await t.request({ method: 'GET', url: `/api/v1/me/privacy/requests/${asked.data.id}/archive`, as: user });
    expect(expired.statusCode).toBe(409);
  });

  it('erases the account through a job: anonymised, personal data gone, orders and payments kept and still reconciling', async () => {
    const { skuId } = await sellableSku(t, { price: 3300 });
    const { user, addressId } = await shopper({ policyVersion: '2026-06', marketing: true, personalisation: true }, '13755550007');
    const first = await placeOrder(t, user, addressId, [{ skuId, quantity: 3 }]);
    await payOrder(t, user, first.id);
    const second = await placeOrder(t, user, addressId, [{ skuId, quantity: 1 }]);
    await t.request({ method: 'POST', url: '/api/v1/me/privacy/export', as: user });
    await t.settle();
    const db = t.platform.db;
    const totals = async () => db.selectFrom('orders').select([sql<number>`count(*)::int`.as('orders'), sql<number>`sum(total_amount)::int`.as('total'), sql<number>`sum(paid_amount)::int`.as('paid')]).where('user_id', '=', user.id).executeTakeFirstOrThrow();
    const paymentsTotal = async () => Number((await db.selectFrom('payments').select(sql<number>`coalesce(sum(amount), 0)::int`.as('n')).where('user_id', '=', user.id).executeTakeFirstOrThrow()).n);
    const before = await totals();
    const paidBefore = await paymentsTotal();
    expect(before).toEqual({ orders: 2, total: first.total.amount + second.total.amount, paid: first.total.amount });

    const requestsBefore = await countRows('privacy_requests');
    for (const confirm of ['', 'yes', 'erase me']) {
      const refused = await t.request({ method: 'POST', url: '/api/v1/me/privacy/erasure', as: user, body: { confirm } });
      expect(refused.statusCode).toBe(400);
      expect(refused.data.error.code).toBe('PRIVACY_ERASURE_NOT_CONFIRMED');
    }
    expect(await countRows('privacy_requests')).toBe(requestsBefore);

    t.clock.advance(60_000);
    const asked = await t.request({ method: 'POST', url: '/api/v1/me/privacy/erasure', as: user, body: { confirm: 'ERASE' } });
    expect(asked.statusCode).toBe(202);
    const queued = await t.request({ method: 'GET', url: '/api/v1/me/privacy/requests', as: user });
    expect(queued.data.items[0]).toMatchObject({ kind: 'erasure', status: 'queued' });
    await t.settle();

    const me = await t.request({ method: 'GET', url: '/api/v1/me', as: user });
    expect(me.statusCode).toBe(401); // sessions ended
    const login = await t.request({ method: 'POST', url: '/api/v1/auth/login', body: { login: user.email, password: 'fission-privacy-26' } });
    expect(login.statusCode).toBe(401);
    const account = await db.selectFrom('users').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(account).toMatchObject({ email: null, phone: null, phone_index: null, status: 'erased', display_name: '已注销用户' });
    for (const table of ['addresses', 'sessions', 'user_devices', 'account_codes'] as const) {
      expect(await db.selectFrom(table).select('user_id').where('user_id', '=', user.id).execute(), table).toEqual([]);
    }
    expect(await db.selectFrom('privacy_requests').select('kind').where('user_id', '=', user.id).execute()).toEqual([{ kind: 'erasure' }]);

    // Records the law keeps are kept, detached from the person, and still add up.
    expect(await totals()).toEqual(before);
    expect(await paymentsTotal()).toBe(paidBefore);
    const lines = await db.selectFrom('order_lines').innerJoin('orders', 'orders.id', 'order_lines.order_id').select(sql<number>`sum(order_lines.total_amount)::int`.as('n')).where('orders.user_id', '=', user.id).executeTakeFirstOrThrow();
    expect(lines.n + first.shipping.amount + second.shipping.amount).toBe(before.total); // goods lines plus shipping
    const orders = await db.selectFrom('orders').select('address').where('user_id', '=', user.id).execute();
    for (const o of orders) expect(o.address).toMatchObject({ recipient: '', phone: '', line1: '', postalCode: null, city: '杭州市' });

    // No personal value of the person is left in any text column of any table.
    const { rows: columns } = await sql<{ table_name: string; column_name: string }>`
      select c.table_name, c.column_name from information_schema.columns c join information_schema.tables tb on tb.table_name = c.table_name and tb.table_schema = c.table_schema
      where c.table_schema = current_schema() and tb.table_type = 'BASE TABLE' and c.data_type in ('text', 'character varying', 'json', 'jsonb')`.execute(db);
    const needles = [user.email, '13755550007', RECIPIENT, LINE1];
    const hits: string[] = [];
    for (const c of columns) {
      const col = sql.ref(`${c.table_name}.${c.column_name}`);
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(c.table_name)} where ${sql.join(needles.map((n) => sql`position(${n} in ${col}::text) > 0`), sql` or `)}`.execute(db);
      if (rows[0].n > 0) hits.push(`${c.table_name}.${c.column_name}`);
    }
    expect(hits).toEqual([]);

    const audit = await db.selectFrom('audit_log').select(['action', 'details']).where('subject_id', '=', user.id).where('action', '=', 'privacy.erased').executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ kept: expect.objectContaining({ orders: 2, payments: 1 }), deleted: expect.objectContaining({ addresses: 1 }) });
  });
});

describe('retention', () => {
  it('the daily job deletes visitor events and ended sessions older than their settings, and books the next run', async () => {
    const db = t.platform.db;
    const now = t.clock.now();
    const day = (d: number) => new Date(now.getTime() - d * 86_400_000);
    const event = (key: string, occurred: Date) => ({
      dedupe_key: key, name: 'page_view', occurred_at: occurred, received_at: occurred, day: occurred.toISOString().slice(0, 10), visitor_id: 'v-retention', user_id: null, session_id: null,
      page: '/', referrer: null, channel: null, share_token: null, share_id: null, campaign_id: null, product_id: null, order_id: null, amount: null, props: '{}', source: 'client' as const,
    });
    await db.insertInto('analytics_events').values([event('retention-old', day(400)), event('retention-new', day(10))]).execute();
    const { user } = await shopper(undefined, '13755550008');
    const session = await db.selectFrom('sessions').select('id').where('user_id', '=', user.id).executeTakeFirstOrThrow();
    await db.updateTable('sessions').set({ expires_at: day(100) }).where('id', '=', session.id).execute();
    const live = await t.services.identity.openSession(user.id, 'bearer');

    await t.services.privacy.scheduleRetention();
    const booked = await db.selectFrom('jobs').select('run_at').where('kind', '=', 'privacy.retention').where('finished_at', 'is', null).execute();
    expect(booked).toHaveLength(1);
    t.clock.set(new Date(booked[0].run_at.getTime() + 1000));
    await t.settle();

    const keys = (await db.selectFrom('analytics_events').select('dedupe_key').where('visitor_id', '=', 'v-retention').execute()).map((e) => e.dedupe_key);
    expect(keys).toEqual(['retention-new']);
    const sessions = (await db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute()).map((s) => s.id);
    expect(sessions).toEqual([live.sessionId]);
    const next = await db.selectFrom('jobs').select('run_at').where('kind', '=', 'privacy.retention').where('finished_at', 'is', null).execute();
    expect(next.map((j) => j.run_at.getTime() - booked[0].run_at.getTime())).toEqual([86_400_000]);
  });
});
