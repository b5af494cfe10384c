import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestContext, type TestContext, type TestUser } from '../../../test/harness.ts';
import { sellableSku } from '../../../test/fixtures.ts';
import { VISITOR_COOKIE } from '../../platform/visitor.ts';

let t: TestContext;
let operator: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  operator = await t.operator();
});
afterAll(() => t?.close());
beforeEach(() => t.clock.set('2026-06-01T08:00:00.000Z'));

const UA = { 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 MicroMessenger/8.0.47' };
let seq = 0;
const ev = (name: string, extra: Record<string, unknown> = {}) => ({ id: `evt-${++seq}-${Math.random().toString(36).slice(2, 10)}`, name, at: '2026-06-01T07:59:00.000Z', ...extra });
const send = (body: unknown, headers: Record<string, string> = {}, as?: TestUser) => t.request({ method: 'POST', url: '/api/v1/events', body, headers: { ...UA, ...headers }, as });
const logged = async (where: { visitor?: string; user?: string } = {}) => {
  let q = t.platform.db.selectFrom('analytics_events').selectAll();
  if (where.visitor) q = q.where('visitor_id', '=', where.visitor);
  if (where.user) q = q.where('user_id', '=', where.user);
  return q.orderBy('id').execute();
};
const count = async () => Number((await sql<{ n: number }>`select count(*)::int as n from analytics_events`.execute(t.platform.db)).rows[0].n);

describe('POST /api/v1/events', () => {
  it('records a batch in one go, sets a visitor cookie for a new visitor and records a resent event once', async () => {
    const batch = { sessionId: 'session-0001', events: [ev('page_view', { page: '/' }), ev('search', { props: { query: '连衣裙' } }), ev('product_view', { productId: '00000000-0000-4000-8000-000000000001', channel: 'wechat' })] };
    const first = await send(batch);
    expect(first.statusCode).toBe(202);
    expect(first.data).toMatchObject({ accepted: 3, duplicates: 0, bot: false });
    const visitor = first.cookies.find((c) => c.name === VISITOR_COOKIE)!.value;
    expect(visitor).toBe(first.data.visitorId);

    const again = await send({ ...batch, events: [...batch.events, batch.events[0]] }, { cookie: `${VISITOR_COOKIE}=${visitor}` });
    expect(again.data).toMatchObject({ accepted: 0, duplicates: 4, visitorId: visitor });
    expect(again.cookies.find((c) => c.name === VISITOR_COOKIE)).toBeUndefined();

    const rows = await logged({ visitor });
    expect(rows.map((r) => r.name)).toEqual(['page_view', 'search', 'product_view']);
    expect(rows[0]).toMatchObject({ source: 'client', session_id: 'session-0001', page: '/', user_id: null });
    expect(rows[1].props).toEqual({ query: '连衣裙' });
    expect(rows[2]).toMatchObject({ channel: 'wechat', product_id: '00000000-0000-4000-8000-000000000001' });
    // 07:59 UTC is 15:59 in China: the same calendar day.
    const day = await sql<{ day: string }>`select day::text as day from analytics_events where id = ${rows[0].id}`.execute(t.platform.db);
    expect(day.rows[0].day).toBe('2026-06-01');
  });

  it('refuses bad input with a coded 400 and writes nothing', async () => {
    const before = await count();
    const cases: [unknown, string][] = [
      [{ events: [ev('page_view'), ev('order.paid')] }, 'VALIDATION_FAILED'], // server facts never come from a client
      [{ events: [ev('teleported')] }, 'VALIDATION_FAILED'],
      [{ events: Array.from({ length: 101 }, () => ev('page_view')) }, 'VALIDATION_FAILED'],
      [{ events: [] }, 'VALIDATION_FAILED'],
      [{ events: [ev('add_to_cart', { amount: '1990' })] }, 'VALIDATION_FAILED'],
      [{ events: [ev('page_view', { at: 'yesterday' })] }, 'VALIDATION_FAILED'],
      [{ events: [ev('page_view', { extra: 1 })] }, 'VALIDATION_FAILED'],
      [{ events: [ev('page_view', { props: { nested: { a: 1 } } })] }, 'VALIDATION_FAILED'],
      [{ events: [ev('page_view'), ev('page_view', { at: '2026-06-08T08:00:00.000Z' })] }, 'ANALYTICS_EVENT_IN_FUTURE'],
      [{ events: [ev('page_view', { at: '2026-05-20T08:00:00.000Z' })] }, 'ANALYTICS_EVENT_TOO_OLD'],
    ];
    for (const [body, code] of cases) {
      const res = await send(body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.data.error.code).toBe(code);
    }
    const future = await send({ events: [ev('page_view'), ev('page_view', { at: '2026-06-08T08:00:00.000Z' })] });
    expect(future.data.error.details).toMatchObject({ index: 1 });
    expect(await count()).toBe(before);
  });

  it('takes a device clock a little ahead of ours', async () => {
    const res = await send({ events: [ev('page_view', { at: '2026-06-01T08:04:00.000Z' })] });
    expect(res.data.accepted).toBe(1);
  });

  it('answers robots 202 and records nothing from them', async () => {
    const before = await count();
    for (const ua of ['Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/120.0 Safari/537.36', 'curl/8.5.0', 'Bytespider']) {
      const res = await send({ events: [ev('page_view')] }, { 'user-agent': ua });
      expect(res.statusCode).toBe(202);
      expect(res.data).toEqual({ accepted: 0, duplicates: 0, bot: true, visitorId: null });
    }
    expect(await count()).toBe(before);
  });

  it('attaches the signed-in shopper and stitches the visitor to the account', async () => {
    const shopper = await t.signUp();
    const res = await send({ visitorId: 'app-visitor-123456', events: [ev('page_view')] }, {}, shopper);
    expect(res.data).toMatchObject({ accepted: 1, visitorId: 'app-visitor-123456' });
    const [row] = await logged({ visitor: 'app-visitor-123456' });
    expect(row.user_id).toBe(shopper.id);
    const link = await t.platform.db.selectFrom('analytics_visitors').selectAll().where('visitor_id', '=', 'app-visitor-123456').executeTakeFirst();
    expect(link?.user_id).toBe(shopper.id);
  });

  it('copies server facts from the event catalog once each, and stitches the visitor at sign-up', async () => {
    const { productId } = await sellableSku(t, { price: 5_000 });
    const sharer = await t.signUp();
    const share = await t.request({ method: 'POST', url: '/api/v1/shares', as: sharer, body: { target: { type: 'product', id: productId }, channel: 'moments' } });
    const click = await t.request({ method: 'GET', url: `/s/${share.data.token}`, headers: UA });
    const visitor = click.cookies.find((c) => c.name === VISITOR_COOKIE)!.value;
    // Browsing before signing up, as the anonymous visitor.
    await send({ events: [ev('product_view', { productId, shareToken: share.data.token })] }, { cookie: `${VISITOR_COOKIE}=${visitor}` });
    const email = 'events-friend@example.com';
    const reg = await t.request({ method: 'POST', url: '/api/v1/auth/register', headers: { cookie: `${VISITOR_COOKIE}=${visitor}` }, body: { email, code: await t.registrationCode({ email }), password: 'fission2026', displayName: 'Friend', session: 'bearer' } });
    const friendId = reg.data.user.id;
    await t.settle();
    await t.platform.events.drain();

    const facts = await t.platform.db.selectFrom('analytics_events').select(['name', 'user_id', 'visitor_id', 'channel', 'share_id', 'source', 'dedupe_key']).where('source', '=', 'server').where((eb) => eb.or([eb('user_id', '=', friendId), eb('visitor_id', '=', visitor), eb('user_id', '=', sharer.id)])).orderBy('id').execute();
    const names = facts.map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(['share.created', 'share.clicked', 'customer.registered', 'customer.attributed']));
    expect(new Set(facts.map((f) => f.dedupe_key)).size).toBe(facts.length);
    expect(facts.find((f) => f.name === 'share.clicked')).toMatchObject({ visitor_id: visitor, channel: 'moments', share_id: share.data.id });
    expect(facts.find((f) => f.name === 'customer.attributed')).toMatchObject({ user_id: friendId, channel: 'moments' });
    const link = await t.platform.db.selectFrom('analytics_visitors').selectAll().where('visitor_id', '=', visitor).executeTakeFirst();
    expect(link?.user_id).toBe(friendId);
  });

  it('hands the log to consumers by cursor, holding back rows younger than 5 seconds', async () => {
    const all = await logged();
    t.clock.set('2026-06-01T09:00:00.000Z');
    const first = await t.request({ method: 'GET', url: '/api/v1/admin/analytics/events?limit=2', as: operator });
    expect(first.statusCode).toBe(200);
    expect(first.data.items.map((e: { id: number }) => e.id)).toEqual(all.slice(0, 2).map((r) => r.id));
    const next = await t.request({ method: 'GET', url: `/api/v1/admin/analytics/events?afterId=${first.data.nextAfterId}&limit=1000`, as: operator });
    expect(next.data.items.length).toBe(all.length - 2);
    await send({ events: [ev('page_view', { at: '2026-06-01T08:59:59.000Z' })] });
    const fresh = await t.request({ method: 'GET', url: `/api/v1/admin/analytics/events?afterId=${next.data.nextAfterId}`, as: operator });
    expect(fresh.data.items).toEqual([]);
    const shopper = await t.signUp();
    expect((await t.request({ method: 'GET', url: '/api/v1/admin/analytics/events', as: shopper })).statusCode).toBe(403);
  });
});
