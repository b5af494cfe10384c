// The whole demo store at scale 1, as `npm start` seeds it on first run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { isDemoSeeded, seedDemo } from './seed.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
  await seedDemo(t.platform, t.services, { scale: 1, progress: 'none' });
}, 120_000);
afterAll(() => t?.close());

const count = async (table: string, where = sql`true`) => Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where ${where}`.execute(t.platform.db)).rows[0].n);

describe('demo store', () => {
  it('has a catalog of 200+ products in several categories with priced SKUs, stock and images', async () => {
    expect(await count('products')).toBeGreaterThanOrEqual(200);
    expect(await count('categories', sql`parent_id is null`)).toBeGreaterThanOrEqual(5);
    expect(await count('skus', sql`price_amount <= 0`)).toBe(0);
    expect(await count('inventory_levels', sql`on_hand > 0`)).toBeGreaterThanOrEqual(200);
    const page = await t.request({ method: 'GET', url: '/api/v1/catalog/products?limit=1' });
    const image = await t.request({ method: 'GET', url: page.data.items[0].image });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toContain('image/svg+xml');
  });

  it('has 1,000+ shoppers with addresses and a friendship graph', async () => {
    expect(await count('users', sql`roles ? 'shopper'`)).toBeGreaterThanOrEqual(1000);
    expect(await count('addresses')).toBeGreaterThanOrEqual(1000);
    expect(await count('friendships')).toBeGreaterThanOrEqual(4000);
  });

  it('has 90 days of orders whose totals add up', async () => {
    const span = await sql<{ days: number }>`select extract(day from max(placed_at) - min(placed_at))::int as days from orders`.execute(t.platform.db);
    expect(span.rows[0].days).toBeGreaterThanOrEqual(85);
    expect(await count('orders')).toBeGreaterThanOrEqual(2000);
    expect(await count('orders', sql`total_amount <> goods_amount - discount_amount + shipping_amount`)).toBe(0);
    expect(await count('orders', sql`status = 'completed' and paid_amount <> total_amount`)).toBe(0);
    expect(await count('payments', sql`status = 'succeeded'`)).toBe(await count('orders', sql`paid_at is not null`));
  });

  it('runs coupon campaigns, an invite-friends campaign and has past share cascades', async () => {
    const centre = await t.request({ method: 'GET', url: '/api/v1/coupons/templates' });
    expect(centre.data.items.length).toBeGreaterThanOrEqual(4);
    expect(await count('referral_campaigns', sql`status = 'active'`)).toBe(1);
    expect(await count('shares')).toBeGreaterThanOrEqual(50);
    expect(await count('shares', sql`depth >= 2`)).toBeGreaterThan(0);
    expect(await count('share_clicks')).toBeGreaterThan(await count('shares'));
    const roots = await sql<{ id: string }>`select id from shares where depth = 0 limit 1`.execute(t.platform.db);
    const op = await t.operator();
    const cascade = await t.request({ method: 'GET', url: `/api/v1/admin/shares/${roots.rows[0].id}/cascade`, as: op });
    expect(cascade.statusCode).toBe(200);
    expect(cascade.data.stats.size).toBeGreaterThanOrEqual(1);
  });

  it('has live campaigns of every engine', async () => {
    expect((await t.request({ method: 'GET', url: '/api/v1/groupbuy/campaigns' })).data.items.length).toBeGreaterThanOrEqual(3);
    expect(await count('bargain_campaigns', sql`status = 'active'`)).toBeGreaterThanOrEqual(2);
    const live = await t.request({ method: 'GET', url: '/api/v1/flashsale/slots?state=live' });
    expect(live.data.items.length).toBeGreaterThanOrEqual(1);
    expect(await count('lottery_draws')).toBeGreaterThanOrEqual(1);
    expect(await count('affiliate_promoters', sql`status = 'approved'`)).toBeGreaterThanOrEqual(10);
  });

  it('lets the demo operator sign in and see the orders', async () => {
    expect(await isDemoSeeded(t.platform)).toBe(true);
    const login = await t.request({ method: 'POST', url: '/api/v1/auth/login', body: { login: 'demo-operator@fission.local', password: 'fission-demo-2026', session: 'bearer' } });
    expect(login.statusCode).toBe(200);
    const orders = await t.request({ method: 'GET', url: '/api/v1/admin/orders?limit=5', headers: { authorization: `Bearer ${login.data.token}` } });
    expect(orders.data.items).toHaveLength(5);
  });

  it('lets an operator refund a seeded order: the sandbox gateway knows its charge', async () => {
    const op = await t.operator();
    const paid = await sql<{ id: string; paid_amount: number }>`select id, paid_amount from orders where status = 'completed' and refunded_amount = 0 and paid_amount > 100 order by placed_at desc limit 1`.execute(t.platform.db);
    const order = paid.rows[0];
    const refund = await t.request({ method: 'POST', url: `/api/v1/admin/orders/${order.id}/refunds`, as: op, body: { amount: 100, reason: '部分退款' } });
    expect(refund.statusCode, refund.body).toBe(201);
    await t.settle();
    const settled = await t.platform.db.selectFrom('refunds').select(['status', 'failure_message']).where('id', '=', refund.data.id).executeTakeFirstOrThrow();
    expect(settled).toEqual({ status: 'succeeded', failure_message: null });
    // Already refunded seeded orders cannot be refunded again, at the gateway either.
    expect(await count('sandbox_charges', sql`refunded_amount > amount`)).toBe(0);
  });

  it('has reviews on received orders and notes with likes, so product pages and the 社区 tab are not empty', async () => {
    expect(await count('reviews', sql`status = 'published'`)).toBeGreaterThanOrEqual(50);
    // Every review is of a received line, by the order's buyer (the rule a shopper meets).
    expect(await count('reviews', sql`not exists (select 1 from orders o where o.id = reviews.order_id and o.user_id = reviews.user_id and o.status = 'completed')`)).toBe(0);
    expect(await count('community_notes', sql`status = 'published'`)).toBeGreaterThanOrEqual(5);
    expect(await count('community_note_likes')).toBeGreaterThan(0);
    const feed = await t.request({ method: 'GET', url: '/api/v1/community/feed' });
    expect(feed.statusCode, feed.body).toBe(200);
    expect(feed.data.items.length).toBeGreaterThanOrEqual(5);
  });

  it('has newcomers brought by shares, so the dashboard counts sign-ups from sharing', async () => {
    const signups = await count('attributions', sql`subject_type = 'customer' and model = 'last_touch'`);
    expect(signups).toBeGreaterThan(5);
    expect(await count('attributions', sql`subject_type = 'customer' and model = 'first_touch'`)).toBe(signups);
    // Each newcomer's account exists and was opened after the click that brought it.
    expect(await count('attributions', sql`subject_type = 'customer' and not exists (select 1 from users u join share_clicks c on c.id = attributions.click_id where u.id = attributions.user_id and u.created_at > c.clicked_at)`)).toBe(0);
    const op = await t.operator();
    const daily = await t.request({ method: 'GET', url: '/api/v1/admin/analytics/daily', as: op });
    expect(daily.statusCode, daily.body).toBe(200);
    expect(daily.data.totals.attributedSignups).toBeGreaterThan(0);
  });

  it('seeds its scripted crowd with risk off and leaves no level set and nothing held', async () => {
    expect(await count('risk_levels')).toBe(0);
    expect(await count('risk_decisions', sql`status = 'held'`)).toBe(0);
  });
});
