import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import { chinaDate } from '../../platform/clock.ts';
import * as repo from './analytics.repo.ts';
import { shareClicks } from './analytics.reports.repo.ts';
import type { EventRow } from './analytics.ingest.rules.ts';
import type { AnalyticsDb } from './analytics.table.ts';

// The log's writes go as one JSON parameter and the viral and funnel reads come back as one text
// each: these check that strings of every kind survive both ways.
let t: TestContext;
let db: AnalyticsDb;
const AT = new Date('2026-06-01T04:00:00.000Z');

const row = (dedupe_key: string, extra: Partial<EventRow> = {}): EventRow => ({
  dedupe_key, name: 'page_view', occurred_at: AT, received_at: AT, day: chinaDate(AT), visitor_id: 'repo-visitor', user_id: null, session_id: null,
  page: null, referrer: null, channel: null, share_token: null, share_id: null, campaign_id: null, product_id: null, order_id: null, amount: null, props: '{}', source: 'client', ...extra,
});
const stored = async (key: string) =>
  (await sql<{ page: string | null; props: Record<string, unknown>; amount: number | null; occurred_at: Date }>`select page, props, amount, occurred_at from analytics_events where dedupe_key = ${key}`.execute(db)).rows;

beforeAll(async () => {
  t = await createTestContext();
  t.clock.set('2026-06-20T00:00:00.000Z');
  db = t.platform.db as unknown as AnalyticsDb;
});
afterAll(() => t?.close());

describe('writing events', () => {
  it('answers with the keys stored already, writing a key repeated in the rows once', async () => {
    await repo.insertEvents(db, [row('repo-old')]);
    const skipped = await repo.insertEventsSkippingStored(db, [row('repo-new'), row('repo-old'), row('repo-new', { page: '/second' }), row('repo-other')]);
    expect([...skipped]).toEqual(['repo-old']);
    expect(await stored('repo-new')).toHaveLength(1);
    expect(await stored('repo-other')).toHaveLength(1);
    expect(await repo.insertEventsSkippingStored(db, [])).toEqual(new Set());
  });

  it('stores every value as given: quotes, newlines, non-BMP text, props, amounts, instants', async () => {
    const page = '/p?q="连衣裙"&x=\\n\n\t😀';
    await repo.insertEvents(db, [row('repo-values', { page, amount: 1_990, props: JSON.stringify({ query: 'a"b', n: 2, ok: true, none: null }) })]);
    expect(await stored('repo-values')).toEqual([{ page, amount: 1_990, props: { query: 'a"b', n: 2, ok: true, none: null }, occurred_at: AT }]);
  });

  it('stores a lone surrogate as U+FFFD, as a bound text parameter did, and leaves a written-out "\\ud800" alone', async () => {
    await repo.insertEvents(db, [row('repo-lone', { page: 'a\ud800b' }), row('repo-escaped', { page: 'c\\ud800d' })]);
    expect((await stored('repo-lone'))[0].page).toBe('a\ufffdb');
    expect((await stored('repo-escaped'))[0].page).toBe('c\\ud800d');
    expect(repo.eventRowsJson([row('x', { page: 'plain' })])).toBe(JSON.stringify([row('x', { page: 'plain' })]));
  });
});

describe('reading the reports as one text', () => {
  it('gives share clicks back with their strings, flags and instants intact', async () => {
    const sharer = 'sharer "one"\n\\two 顾客';
    await repo.insertEvents(db, [
      row('repo-click', { name: 'share.clicked', source: 'server', visitor_id: 'v "q"', props: JSON.stringify({ sharerId: sharer, isNewVisitor: true, selfClick: false }), occurred_at: new Date(AT.getTime() + 123) }),
      row('repo-click-2', { name: 'share.clicked', source: 'server', visitor_id: null, props: '{}' }),
    ]);
    const clicks = await shareClicks(db, { from: '2026-06-01', to: '2026-06-01', campaignIds: null, channel: null }, 10);
    const byAt = clicks.sort((a, b) => b.at - a.at);
    expect(byAt).toEqual([
      { sharer_id: sharer, visitor_id: 'v "q"', is_new: true, self_click: false, at: AT.getTime() + 123 },
      { sharer_id: null, visitor_id: null, is_new: null, self_click: null, at: AT.getTime() },
    ]);
    expect(await shareClicks(db, { from: '2026-06-02', to: '2026-06-02', campaignIds: null, channel: null }, 10)).toEqual([]);
  });

  it('follows a visitor whose id has tabs, newlines, quotes and backslashes through the funnel', async () => {
    const visitor = 'odd\t"vis\nitor\\';
    await repo.insertEvents(db, [
      row('repo-f1', { visitor_id: visitor, day: '2026-06-03', occurred_at: new Date('2026-06-03T01:00:00.000Z') }),
      row('repo-f2', { visitor_id: visitor, name: 'add_to_cart', day: '2026-06-03', occurred_at: new Date('2026-06-03T01:01:00.000Z') }),
      row('repo-f3', { visitor_id: 'plain-visitor', day: '2026-06-03', occurred_at: new Date('2026-06-03T01:00:00.000Z') }),
    ]);
    await t.services.analytics.rollupRange(new Date('2026-06-02T12:00:00.000Z'), new Date('2026-06-04T12:00:00.000Z'));
    const report = await t.services.analytics.funnelReport({ from: '2026-06-03', to: '2026-06-03', steps: ['page_view', 'add_to_cart'] });
    expect(report.steps.map((s) => s.count)).toEqual([2, 1]);
    expect(report.steps[1].medianSecondsFromPrevious).toBe(60);
  });
});
