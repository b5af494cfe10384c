import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'kysely';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { chinaDate, chinaDayStart } from '../../platform/clock.ts';
import { addDays } from './analytics.rules.ts';
import { funnel, type PersonEvent } from './analytics.funnel.rules.ts';
import { activeUsers } from './analytics.growth.rules.ts';
import { dayNumber } from './analytics.retention.rules.ts';
import type { EventRow } from './analytics.ingest.rules.ts';

// The funnel, active users and campaign reach read rollups (the steps, people and touches tables)
// rather than the raw log. On random histories — events in the same millisecond under different
// identities of one person, visitors stitched to accounts before and after their days were rolled,
// filters by campaign and channel — each must give what the pure definitions give over the raw log
// (the funnel: every step event, people resolved now, ordered by time then id).
let t: TestContext;
const NAMES = ['page_view', 'product_view', 'add_to_cart', 'checkout_started'];
const FROM = '2026-06-02';
const TO = '2026-06-04';
const ACTIVE_TO = '2026-07-11';
const DAY = 86_400_000;
const CAMPAIGNS = ['7c1d0000-0000-4000-8000-000000000001', '7c1d0000-0000-4000-8000-000000000002'];
const USERS = ['rollup-user-0', 'rollup-user-1', 'rollup-user-2'];
const VISITORS = ['rv0', 'rv1', 'rv2', 'rv3', 'rv4', 'rv5'];

beforeAll(async () => {
  t = await createTestContext();
  t.clock.set('2026-07-20T00:00:00.000Z');
  for (const id of CAMPAIGNS) await t.services.campaigns.enrol(t.platform.db, { id, mechanic: 'coupon', name: `Rollup ${id.slice(-1)}`, startsAt: null, endsAt: null, actorId: null });
});
afterAll(() => t?.close());

const event = fc.record({
  name: fc.constantFrom(...NAMES),
  // Few distinct instants over six days (30 May – 4 June, China time): many same-millisecond ties.
  slot: fc.integer({ min: 0, max: 17 }),
  // Some events weeks later, so people leave the 7- and 30-day windows inside the active-users range.
  shift: fc.constantFrom(0, 0, 0, 9, 33),
  visitor: fc.option(fc.constantFrom(...VISITORS), { nil: null, freq: 6 }),
  user: fc.option(fc.constantFrom(...USERS), { nil: null, freq: 2 }),
  campaign: fc.option(fc.constantFrom(...CAMPAIGNS), { nil: null, freq: 2 }),
  channel: fc.option(fc.constantFrom('wechat', 'moments'), { nil: null, freq: 2 }),
});
const history = fc.record({
  events: fc.array(event, { minLength: 1, maxLength: 60 }),
  // Visitor → account links, each made before or after the days are rolled up.
  links: fc.uniqueArray(fc.record({ visitor: fc.constantFrom(...VISITORS), user: fc.constantFrom(...USERS), afterRollup: fc.boolean() }), { selector: (l) => l.visitor, maxLength: 4 }),
  steps: fc.array(fc.constantFrom(...NAMES), { minLength: 2, maxLength: 4 }),
  windowDays: fc.integer({ min: 1, max: 3 }),
  filter: fc.constantFrom<{ campaignId?: string; channel?: string }>({}, { channel: 'wechat' }, { campaignId: CAMPAIGNS[0] }),
});

type History = typeof history extends fc.Arbitrary<infer H> ? H : never;

async function load(h: History) {
  const db = t.platform.db;
  await sql`truncate analytics_events, analytics_visitors, analytics_daily_counts, analytics_daily_people, analytics_daily_steps, analytics_daily_touches`.execute(db);
  const start = new Date('2026-05-30T00:00:00.000+08:00').getTime();
  const rows: EventRow[] = h.events
    .filter((e) => e.visitor || e.user)
    .map((e, i) => {
      const at = new Date(start + e.shift * DAY + e.slot * (DAY / 3) + (e.slot % 3) * 1_000);
      return {
        dedupe_key: `rollup-${i}`, name: e.name, occurred_at: at, received_at: at, day: chinaDate(at), visitor_id: e.visitor, user_id: e.user,
        session_id: null, page: null, referrer: null, channel: e.channel, share_token: null, share_id: null, campaign_id: e.campaign,
        product_id: null, order_id: null, amount: null, props: '{}', source: 'client',
      };
    });
  if (rows.length) await t.services.analytics.importRows(rows);
  const link = (l: History['links']) => (l.length ? db.insertInto('analytics_visitors').values(l.map((x) => ({ visitor_id: x.visitor, user_id: x.user, linked_at: new Date(start) }))).execute() : null);
  await link(h.links.filter((l) => !l.afterRollup));
  // The job rolls each day that got events (the tables were emptied: the other days have nothing to roll).
  for (const day of new Set(rows.map((r) => r.day))) await t.services.analytics.rollup(day);
  await link(h.links.filter((l) => l.afterRollup));
}

/** Every raw event with its person resolved through today's links, in log order. */
async function rawEvents() {
  const { rows } = await sql<{ id: string; name: string; at: number; day: string; person: string; campaign_id: string | null; channel: string | null }>`
    select e.id, e.name, (extract(epoch from e.occurred_at) * 1000)::float8 as at, e.day::text as day, e.campaign_id, e.channel,
      coalesce(e.user_id, v.user_id, 'v:' || e.visitor_id) as person
    from analytics_events e left join analytics_visitors v on v.visitor_id = e.visitor_id order by e.occurred_at, e.id`.execute(t.platform.db);
  return rows.map((r) => ({ ...r, id: Number(r.id), at: Number(r.at) }));
}

const inFilter = (e: { campaign_id: string | null; channel: string | null }, f: { campaignId?: string; channel?: string }) =>
  (!f.campaignId || e.campaign_id === f.campaignId) && (!f.channel || e.channel === f.channel);

describe('reports from rollups against the raw log', () => {
  it('funnels, active users and campaign reach equal their definitions over the raw events', async () => {
    await fc.assert(
      fc.asyncProperty(history, async (h) => {
        await load(h);
        const raw = await rawEvents();

        // Funnel: people who touched the filter in the range, their step events from `from` to `to` + the window.
        const touched = new Set(raw.filter((e) => e.day >= FROM && e.day <= TO && inFilter(e, h.filter)).map((e) => e.person));
        const filtered = h.filter.campaignId || h.filter.channel;
        const timelines = new Map<string, PersonEvent[]>();
        for (const e of raw) {
          if (!h.steps.includes(e.name) || e.day < FROM || e.day > addDays(TO, h.windowDays) || (filtered && !touched.has(e.person))) continue;
          timelines.set(e.person, [...(timelines.get(e.person) ?? []), { name: e.name, at: e.at }]);
        }
        const want = funnel(timelines.values(), h.steps, h.windowDays * DAY, { from: chinaDayStart(FROM).getTime(), to: chinaDayStart(addDays(TO, 1)).getTime() });
        const report = await t.services.analytics.funnelReport({ from: FROM, to: TO, steps: h.steps, windowDays: h.windowDays, ...h.filter });
        expect(report.steps).toEqual(want);

        // Active users: the pure trailing windows over the people rollup.
        const people = await t.platform.db.selectFrom('analytics_daily_people').select([sql<string>`day::text`.as('day'), 'person']).execute();
        const on = (d: number) => people.filter((p) => dayNumber(p.day) === d).map((p) => p.person);
        const days = Array.from({ length: 40 }, (_, i) => dayNumber(addDays(FROM, i)));
        const activity = await t.services.analytics.activityReport({ from: FROM, to: ACTIVE_TO });
        expect(activity.days.map(({ dau, wau, mau, stickiness }) => ({ dau, wau, mau, stickiness }))).toEqual(activeUsers(days, on).map(({ dau, wau, mau, stickiness }) => ({ dau, wau, mau, stickiness })));

        // Campaign reach: distinct people (resolved now) with an event of the campaign in the range.
        const campaigns = await t.services.analytics.campaignReport({ from: FROM, to: TO, channel: h.filter.channel });
        for (const id of CAMPAIGNS) {
          const reach = new Set(raw.filter((e) => e.campaign_id === id && e.day >= FROM && e.day <= TO && inFilter(e, { channel: h.filter.channel })).map((e) => e.person)).size;
          expect(campaigns.items.find((c) => c.id === id)?.reach).toBe(reach);
        }
      }),
      { numRuns: 40 },
    );
  });
});
