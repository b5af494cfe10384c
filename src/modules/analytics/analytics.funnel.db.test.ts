import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { chinaDate, chinaDayStart } from '../../platform/clock.ts';
import { addDays } from './analytics.rules.ts';
import { funnel, type PersonEvent } from './analytics.funnel.rules.ts';
import type { EventRow } from './analytics.ingest.rules.ts';

// The report reads each person's step times from the daily steps rollup; this checks it against the
// pure function fed from the raw log (every row read back, people resolved and sorted in Node),
// over a few hundred random events with stitched visitors, same-millisecond ties and a channel filter.
let t: TestContext;
const NAMES = ['page_view', 'product_view', 'add_to_cart', 'checkout_started', 'search'];
const FROM = '2026-06-01';
const TO = '2026-06-04';

function seeded(seed: number) {
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
}

beforeAll(async () => {
  t = await createTestContext();
  t.clock.set('2026-06-20T00:00:00.000Z');
  const random = seeded(7);
  const pick = <T>(values: T[]) => values[Math.floor(random() * values.length)];
  const visitors = Array.from({ length: 40 }, (_, i) => `funnel-visitor-${i}`);
  const users = Array.from({ length: 6 }, (_, i) => `funnel-user-${i}`);
  const start = new Date('2026-05-31T12:00:00.000Z').getTime();
  const rows: EventRow[] = [];
  let previous = start;
  for (let i = 0; i < 400; i++) {
    // One event in five repeats the previous instant, so the id breaks the tie.
    const at = new Date(random() < 0.2 ? previous : start + Math.floor(random() * 10 * 86_400_000));
    previous = at.getTime();
    const visitor = pick(visitors);
    rows.push({
      dedupe_key: `funnel-${i}`, name: pick(NAMES), occurred_at: at, received_at: at, day: chinaDate(at),
      visitor_id: visitor, user_id: random() < 0.1 ? pick(users) : null, session_id: null, page: null, referrer: null,
      channel: random() < 0.15 ? 'wechat' : null, share_token: null, share_id: null, campaign_id: null, product_id: null,
      order_id: null, amount: null, props: '{}', source: 'client',
    });
  }
  await t.services.analytics.importRows(rows);
  const links = visitors.slice(0, 10).map((visitor_id, i) => ({ visitor_id, user_id: users[i % users.length], linked_at: new Date(start) }));
  // The report reads the daily steps rollup; half the visitors are stitched after their days were rolled.
  await t.platform.db.insertInto('analytics_visitors' as never).values(links.slice(0, 5) as never).execute();
  await t.services.analytics.rollupRange(new Date(start), new Date(start + 11 * 86_400_000));
  await t.platform.db.insertInto('analytics_visitors' as never).values(links.slice(5) as never).execute();
});
afterAll(() => t?.close());

/** The pure function over every event of the steps, people resolved and ordered in Node. */
async function expected(steps: string[], windowDays: number, channel?: string) {
  const { rows } = await sql<{ id: string; name: string; at: number; person: string; day: string; channel: string | null }>`
    select e.id, e.name, (extract(epoch from e.occurred_at) * 1000)::float8 as at, e.day::text as day, e.channel,
      coalesce(e.user_id, v.user_id, 'v:' || e.visitor_id) as person
    from analytics_events e left join analytics_visitors v on v.visitor_id = e.visitor_id`.execute(t.platform.db);
  const touched = new Set(rows.filter((r) => r.day >= FROM && r.day <= TO && r.channel === channel).map((r) => r.person));
  const byPerson = new Map<string, (PersonEvent & { id: number })[]>();
  for (const r of rows) {
    if (!steps.includes(r.name) || r.day < FROM || r.day > addDays(TO, windowDays) || (channel && !touched.has(r.person))) continue;
    byPerson.set(r.person, [...(byPerson.get(r.person) ?? []), { name: r.name, at: Number(r.at), id: Number(r.id) }]);
  }
  const people = [...byPerson.values()].map((list) => list.sort((a, b) => a.at - b.at || a.id - b.id));
  return funnel(people, steps, windowDays * 86_400_000, { from: chinaDayStart(FROM).getTime(), to: chinaDayStart(addDays(TO, 1)).getTime() });
}

describe('funnel report against the pure function', () => {
  it.each([
    { steps: ['page_view', 'product_view', 'add_to_cart', 'checkout_started'], windowDays: 2 },
    { steps: ['page_view', 'product_view', 'page_view', 'add_to_cart'], windowDays: 1 },
    { steps: ['search', 'page_view'], windowDays: 7 },
    { steps: ['page_view', 'add_to_cart', 'checkout_started'], windowDays: 3, channel: 'wechat' },
  ])('$steps within $windowDays day(s), channel $channel', async ({ steps, windowDays, channel }) => {
    const report = await t.services.analytics.funnelReport({ from: FROM, to: TO, steps, windowDays, channel });
    const want = await expected(steps, windowDays, channel);
    expect(want[0].count).toBeGreaterThan(0);
    expect(report.steps).toEqual(want);
  });
});
