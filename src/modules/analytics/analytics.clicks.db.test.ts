import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'kysely';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { chinaDate } from '../../platform/clock.ts';
import { attributedSignups, cascadeShares, shareClickCount, shareClicks, visitorSignups, type Scope } from './analytics.reports.repo.ts';
import { viralCoefficients, viralCycleTime } from './analytics.viral.rules.ts';
import type { EventRow } from './analytics.ingest.rules.ts';
import type { AnalyticsDb } from './analytics.table.ts';

// The viral report reads share clicks from the daily clicks rollup, and only the clicks that decide
// its numbers (each visitor's first invitation, each attributed customer's first caused arrival).
// On random histories — props with and without each field, odd strings, clicks with and without a
// visitor, campaign or channel, clicks that arrive after their day was rolled (the job re-rolls the
// day), sign-ups and attributions at the same instants as clicks — its K-factor and cycle time must
// be what the pure rules give over every raw click of the log, read as the report read them before.
let t: TestContext;
let db: AnalyticsDb;
const CAMPAIGNS = ['c11c0000-0000-4000-8000-000000000001', 'c11c0000-0000-4000-8000-000000000002'];
const SHARERS = ['sharer-1', 'sharer "2"\n\\', '分享者'];
const VISITORS = ['cv1', 'cv2', 'c\tv3', 'cv4'];
const DAY = 86_400_000;
const START = new Date('2026-05-31T00:00:00.000+08:00').getTime();

beforeAll(async () => {
  t = await createTestContext();
  t.clock.set('2026-07-20T00:00:00.000Z');
  db = t.platform.db as unknown as AnalyticsDb;
  for (const id of CAMPAIGNS) await t.services.campaigns.enrol(t.platform.db, { id, mechanic: 'coupon', name: `Clicks ${id.slice(-1)}`, startsAt: null, endsAt: null, actorId: null });
});
afterAll(() => t?.close());

const flag = fc.constantFrom<boolean | 'missing' | 'text'>(true, true, false, 'missing', 'text');
// Four China days (31 May – 3 June) of few instants: clicks, sign-ups and attributions often share one.
const when = { slot: fc.integer({ min: 0, max: 11 }), micro: fc.constantFrom(0, 0, 0, 0.25) };
const where = { campaign: fc.option(fc.constantFrom(...CAMPAIGNS), { nil: null, freq: 2 }), channel: fc.option(fc.constantFrom('wechat', 'moments'), { nil: null, freq: 2 }) };
const event = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('click' as const), ...when, ...where, sharer: fc.option(fc.constantFrom(...SHARERS), { nil: undefined, freq: 6 }), visitor: fc.option(fc.constantFrom(...VISITORS), { nil: null, freq: 5 }), user: fc.option(fc.constant('click-user'), { nil: null, freq: 3 }), isNew: flag, selfClick: flag, late: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('attributed' as const), ...when, ...where, user: fc.constantFrom(...SHARERS, 'not-a-sharer') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('share' as const), ...when, ...where, user: fc.constantFrom(...SHARERS) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('other' as const), ...when, ...where }) },
);
const history = fc.record({
  events: fc.array(event, { minLength: 10, maxLength: 60 }),
  // Visitors who became customers: linked to an account that signed up at some instant.
  signups: fc.uniqueArray(fc.record({ visitor: fc.constantFrom(...VISITORS), slot: fc.integer({ min: 0, max: 11 }) }), { selector: (s) => s.visitor, minLength: 1, maxLength: 4 }),
  filter: fc.constantFrom<{ campaignId?: string; channel?: string }>({}, {}, {}, { channel: 'wechat' }, { campaignId: CAMPAIGNS[0] }, { campaignId: CAMPAIGNS[1], channel: 'moments' }),
  range: fc.constantFrom<[string, string]>(['2026-05-31', '2026-06-03'], ['2026-05-31', '2026-06-03'], ['2026-06-01', '2026-06-02']),
});
type History = typeof history extends fc.Arbitrary<infer H> ? H : never;

const flagValue = (f: boolean | 'missing' | 'text', text: string) => (f === 'text' ? text : f);

async function load(h: History, run: number) {
  await sql`truncate analytics_events, analytics_visitors, analytics_daily_clicks`.execute(db);
  const row = (i: number, e: History['events'][number], extra: Partial<EventRow>): EventRow => {
    const at = new Date(START + e.slot * (DAY / 3) + e.micro);
    return {
      dedupe_key: `clicks-${run}-${i}`, name: 'page_view', occurred_at: at, received_at: at, day: chinaDate(at), visitor_id: null, user_id: null,
      session_id: null, page: null, referrer: null, channel: e.channel, share_token: null, share_id: null, campaign_id: e.campaign,
      product_id: null, order_id: null, amount: null, props: '{}', source: 'server', ...extra,
    };
  };
  const rows = h.events.map((e, i) => {
    if (e.kind === 'click') {
      const props: Record<string, unknown> = {};
      if (e.sharer !== undefined) props.sharerId = e.sharer;
      if (e.isNew !== 'missing') props.isNewVisitor = flagValue(e.isNew, 'true');
      if (e.selfClick !== 'missing') props.selfClick = flagValue(e.selfClick, 'yes');
      return row(i, e, { name: 'share.clicked', visitor_id: e.visitor, user_id: e.user, props: JSON.stringify(props) });
    }
    if (e.kind === 'attributed') return row(i, e, { name: 'customer.attributed', user_id: e.user, props: JSON.stringify({ sharerId: SHARERS[0] }) });
    if (e.kind === 'share') return row(i, e, { name: 'share.created', user_id: e.user, share_id: `share-${run}-${i}`, props: JSON.stringify({ rootShareId: `share-${run}-${i}`, parentShareId: null }) });
    return row(i, e, { visitor_id: VISITORS[0] });
  });
  const signups = h.signups.map((s, i) => row(h.events.length + i, { slot: s.slot, micro: 0, campaign: null, channel: null } as never, { name: 'customer.registered', user_id: `customer-of-${s.visitor}` }));
  const late = new Set(h.events.flatMap((e, i) => (e.kind === 'click' && e.late ? [rows[i]] : [])));
  const onTime = [...rows.filter((r) => !late.has(r)), ...signups];
  await t.services.analytics.importRows(onTime);
  for (const day of new Set(onTime.map((r) => r.day))) await t.services.analytics.rollup(day);
  // Late clicks land in days already rolled; the job rolls those days again.
  if (late.size) await t.services.analytics.importRows([...late]);
  for (const day of new Set([...late].map((r) => r.day))) await t.services.analytics.rollup(day);
  if (h.signups.length) await db.insertInto('analytics_visitors').values(h.signups.map((s) => ({ visitor_id: s.visitor, user_id: `customer-of-${s.visitor}`, linked_at: new Date(START) }))).execute();
}

/** The viral numbers as the report made them before the rollup: every raw click read and sifted by the pure rules. */
async function fromRawClicks(s: Scope) {
  const clicks = await shareClicks(db, s, 10_000);
  const signups = await visitorSignups(db, [...new Set(clicks.flatMap((c) => (c.visitor_id ? [c.visitor_id] : [])))]);
  const attributed = await attributedSignups(db, s, 10_000);
  const shares = (await cascadeShares(db, s, 10_000)).filter((x) => x.day >= s.from && x.day <= s.to);
  const coefficients = viralCoefficients({
    sharers: new Set(shares.map((x) => x.sharer_id)),
    invitations: clicks.filter((c) => c.visitor_id).map((c) => ({ sharerId: c.sharer_id, visitorId: c.visitor_id!, isNewVisitor: c.is_new, selfClick: c.self_click, at: c.at })),
    signedUpAt: new Map(signups.map((x) => [x.visitor_id, x.at])),
    attributedNewCustomers: attributed.length,
  });
  const cycle = viralCycleTime(new Map(attributed.map((a) => [a.user_id, a.at])), clicks.filter((c) => !c.self_click).map((c) => ({ sharerId: c.sharer_id, at: c.at })));
  return { coefficients, cycle, clicks };
}

describe('the viral report from the daily clicks rollup against the raw log', () => {
  it('gives the K-factor and cycle time the pure rules give over every raw click, late clicks included once re-rolled', async () => {
    let run = 0;
    const exercised = { invitations: 0, caused: 0 };
    await fc.assert(
      fc.asyncProperty(history, async (h) => {
        await load(h, ++run);
        const [from, to] = h.range;
        const scope = { from, to, campaignIds: h.filter.campaignId ? [h.filter.campaignId] : null, channel: h.filter.channel ?? null };
        const want = await fromRawClicks(scope);
        // The count a report is refused by: one rollup row per raw click, a re-rolled day's counted once.
        expect(await shareClickCount(db, scope, 10_000)).toBe(want.clicks.length);
        const report = await t.services.analytics.viralReport({ from, to, ...h.filter });
        expect(report.coefficients).toEqual(want.coefficients);
        expect({ samples: report.cycleTime.samples, medianSeconds: report.cycleTime.medianSeconds }).toEqual(want.cycle);
        if (want.coefficients.convertedInvitations > 0) exercised.invitations++;
        if (want.cycle.samples > 0) exercised.caused++;
      }),
      { numRuns: 60 },
    );
    // Enough of the histories had converted invitations and caused arrivals to compare.
    expect(exercised.invitations).toBeGreaterThan(5);
    expect(exercised.caused).toBeGreaterThan(5);
  });
});
