import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestContext, type TestContext, type TestUser } from '../../test/harness.ts';
import { sellableSku } from '../../test/fixtures.ts';
import { historyBatches, seedAnalytics } from './analytics.ts';
import { seededRandom } from '../platform/random.ts';

let t: TestContext;
let operator: TestUser;
beforeAll(async () => {
  t = await createTestContext();
  operator = await t.operator();
  await sellableSku(t, { price: 3_000 });
  for (let i = 0; i < 5; i++) await t.signUp();
});
afterAll(() => t?.close());

describe('fission seed --analytics N', () => {
  it('makes the same history from the same seed', () => {
    const cast = { shoppers: ['00000000-0000-4000-8000-000000000001'], products: ['p1'], campaigns: [{ id: 'c1', mechanic: 'coupon' }] };
    const make = () => [...historyBatches(cast, { total: 500, days: 90, now: new Date('2026-06-01T08:00:00Z'), random: seededRandom(7), run: 'r', batch: 100 })].flat();
    const a = make();
    expect(a).toHaveLength(500);
    expect(make()).toEqual(a);
    expect(a.every((r) => r.occurred_at.getTime() < new Date('2026-06-01T08:00:00Z').getTime() + 3_600_000)).toBe(true);
  });

  it('writes N events over 90 days, rolled up, that the reports read', async () => {
    const result = await seedAnalytics(t.platform, t.services, { events: 3_000, progress: 'none' });
    expect(result.inserted).toBe(3_000);
    const spread = await sql<{ days: number; first: string }>`select count(distinct day)::int as days, min(day)::text as first from analytics_events where dedupe_key like 'seed/%'`.execute(t.platform.db);
    expect(spread.rows[0].days).toBeGreaterThan(60);
    expect(spread.rows[0].first >= '2026-03-02').toBe(true);
    const res = await t.request({ method: 'GET', url: '/api/v1/admin/analytics/funnel?from=2026-03-01&to=2026-06-01&steps=page_view,product_view,add_to_cart,checkout_started', as: operator });
    const counts = res.data.steps.map((s: { count: number }) => s.count);
    expect(counts[0]).toBeGreaterThan(100);
    expect([...counts].sort((x: number, y: number) => y - x)).toEqual(counts);
    const active = await t.request({ method: 'GET', url: '/api/v1/admin/analytics/active-users?from=2026-05-01&to=2026-06-01', as: operator });
    expect(active.data.days.some((d: { dau: number }) => d.dau > 0)).toBe(true);
    const viral = await t.request({ method: 'GET', url: '/api/v1/admin/analytics/viral?from=2026-03-01&to=2026-06-01', as: operator });
    expect(viral.data.cascades.cascades).toBeGreaterThan(5);
    expect(viral.data.coefficients.invitations).toBeGreaterThan(0);
    expect(viral.data.kFactor.value).toBeGreaterThanOrEqual(0);
  });
});
