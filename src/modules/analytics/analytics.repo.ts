// The event log's SQL: batched inserts, visitor stitching, cursor reads and the daily rollups.
// No business decisions here.
import { sql } from 'kysely';
import type { AnalyticsDb } from './analytics.table.ts';
import type { EventRow } from './analytics.ingest.rules.ts';

/**
 * The rows as one JSON document, the insert's single parameter. JSON.stringify is native and leaves
 * nothing per row or per value to do in JavaScript (Dates become ISO instants, absent values null).
 * A lone UTF-16 surrogate (a malformed client string) is written by it as a `\udXXX` escape that
 * PostgreSQL's JSON parser refuses, whereas a bound text parameter carried it as U+FFFD; such
 * documents are made again with every string made well-formed, so the row is stored as before.
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
export function eventRowsJson(rows: EventRow[]): string {
  const json = JSON.stringify(rows);
  if (!json.includes('\\ud')) return json;
  return JSON.stringify(rows, (_key, value: unknown) => (typeof value === 'string' ? value.replace(LONE_SURROGATE, '\ufffd') : value));
}

/**
 * One statement for any number of rows: the rows go as a single JSON parameter, so the text never
 * grows with the batch (PostgreSQL parses and plans it once per connection as a named statement,
 * where a VALUES list of 19 parameters a row was a new text for every batch size), and nothing is
 * compiled per value in JavaScript. Repeats (same dedupe key) are skipped, within the batch too.
 */
const COLUMNS = sql`dedupe_key, name, occurred_at, received_at, day, visitor_id, user_id, session_id, page, referrer, channel, share_token, share_id, campaign_id, product_id, order_id, amount, props, source`;
const rowsOf = (rows: EventRow[]) => sql`
  select r.dedupe_key, r.name, r.occurred_at, r.received_at, r.day, r.visitor_id, r.user_id, r.session_id, r.page, r.referrer, r.channel, r.share_token, r.share_id, r.campaign_id, r.product_id, r.order_id, r.amount, r.props::jsonb, r.source
  from json_to_recordset(${eventRowsJson(rows)}::json) as r(dedupe_key text, name text, occurred_at timestamptz, received_at timestamptz, day date, visitor_id text, user_id text, session_id text, page text, referrer text, channel text, share_token text, share_id text, campaign_id text, product_id text, order_id text, amount bigint, props text, source text)`;

/** One insert; repeats (same dedupe key) are skipped. Returns how many rows are new. */
export async function insertEvents(db: AnalyticsDb, rows: EventRow[]): Promise<number> {
  if (!rows.length) return 0;
  const result = await sql`insert into analytics_events (${COLUMNS}) ${rowsOf(rows)} on conflict (dedupe_key) do nothing`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/**
 * The same insert, answering with the keys it skipped because they were stored already (the
 * coalescer shares the rest out among its batches): nothing, nearly always, where the keys written
 * would be a result row per event. A key repeated inside the rows is written once and not answered.
 */
export async function insertEventsSkippingStored(db: AnalyticsDb, rows: EventRow[]): Promise<Set<string>> {
  if (!rows.length) return new Set();
  const { rows: skipped } = await sql<{ dedupe_key: string }>`
    with input as materialized (${rowsOf(rows)}),
      written as (insert into analytics_events (${COLUMNS}) select * from input on conflict (dedupe_key) do nothing returning dedupe_key)
    select distinct i.dedupe_key from input i where not exists (select 1 from written w where w.dedupe_key = i.dedupe_key)`.execute(db);
  return new Set(skipped.map((r) => r.dedupe_key));
}

/** Links visitor ids to an account; a visitor already linked keeps its first account. */
export async function linkVisitors(db: AnalyticsDb, visitorIds: string[], userId: string, at: Date): Promise<void> {
  if (!visitorIds.length) return;
  await db
    .insertInto('analytics_visitors')
    .values(visitorIds.map((visitor_id) => ({ visitor_id, user_id: userId, linked_at: at })))
    .onConflict((oc) => oc.column('visitor_id').doNothing())
    .execute();
}

export const findVisitorLinks = (db: AnalyticsDb, visitorIds: string[]) =>
  visitorIds.length ? db.selectFrom('analytics_visitors').selectAll().where('visitor_id', 'in', visitorIds).execute() : Promise.resolve([]);

/** The channel a share was made on, from its share.created fact. */
export async function findShareChannel(db: AnalyticsDb, shareId: string): Promise<string | null> {
  const row = await db.selectFrom('analytics_events').select('channel').where('share_id', '=', shareId).where('name', '=', 'share.created').limit(1).executeTakeFirst();
  return row?.channel ?? null;
}

/** Rows after a cursor, in id order, received before `settledBefore` (see analytics.ingest.ts). */
export const findEventsAfter = (db: AnalyticsDb, afterId: number, limit: number, settledBefore: Date) =>
  db
    .selectFrom('analytics_events')
    .select(['id', 'name', 'occurred_at', 'received_at', sql<string>`day::text`.as('day'), 'visitor_id', 'user_id', 'session_id', 'page', 'referrer', 'channel', 'share_token', 'share_id', 'campaign_id', 'product_id', 'order_id', 'amount', 'props', 'source'])
    .where('id', '>', afterId)
    .where('received_at', '<', settledBefore)
    .orderBy('id')
    .limit(limit)
    .execute();

/** Who did something: the account when known (directly or through a stitched visitor), else `v:` + the visitor id. */
export const PERSON = sql<string>`coalesce(e.user_id, v.user_id, 'v:' || e.visitor_id)`;

/**
 * Re-rolls one day from the raw log: its rows in every rollup are replaced in the caller's
 * transaction, so a reader sees the old day or the new one, never half.
 */
export async function rollDay(db: AnalyticsDb, day: string): Promise<void> {
  await db.deleteFrom('analytics_daily_counts').where('day', '=', day).execute();
  await db.deleteFrom('analytics_daily_people').where('day', '=', day).execute();
  await db.deleteFrom('analytics_daily_steps').where('day', '=', day).execute();
  await db.deleteFrom('analytics_daily_touches').where('day', '=', day).execute();
  await db.deleteFrom('analytics_daily_clicks').where('day', '=', day).execute();
  // Three groupings: every event of a name ('*', '*'), per channel (channel, '*') and per campaign
  // ('*', campaign); '' stands for "none". People are distinct within each row.
  await sql`
    insert into analytics_daily_counts (day, name, channel, campaign_id, events, people, amount)
    select e.day, e.name,
      case when grouping(e.channel) = 1 then '*' else coalesce(e.channel, '') end,
      case when grouping(e.campaign_id) = 1 then '*' else coalesce(e.campaign_id, '') end,
      count(*)::int, count(distinct ${PERSON})::int, coalesce(sum(e.amount), 0)::bigint
    from analytics_events e left join analytics_visitors v on v.visitor_id = e.visitor_id
    where e.day = ${day}::date
    group by e.day, grouping sets ((e.name), (e.name, e.channel), (e.name, e.campaign_id))`.execute(db);
  await sql`
    insert into analytics_daily_people (day, person, events)
    select e.day, ${PERSON}, count(*)::int
    from analytics_events e left join analytics_visitors v on v.visitor_id = e.visitor_id
    where e.day = ${day}::date and ${PERSON} is not null
    group by e.day, ${PERSON}`.execute(db);
  // The funnel's and the campaign reach's rollups keep the raw identity (see the migration). Each
  // occurrence is `ms since the China day's start,tie`, tie = how many events of the log share its
  // instant with a lower id (almost always 0): (time, tie) orders events as (occurred_at, id) does,
  // in far fewer digits than the time and the id.
  await sql`
    insert into analytics_daily_steps (day, user_id, visitor_id, events, occurrences)
    select day, user_id, visitor_id, sum(events)::int, jsonb_object_agg(name, ats) from (
      select day, name, user_id, visitor_id, count(*) as events, string_agg(at_ms || ',' || tie, ',' order by occurred_at, id) as ats
      from (
        select day, name, user_id, visitor_id, occurred_at, id,
          (((extract(epoch from occurred_at) - extract(epoch from day) + 28800) * 1000)::float8)::text as at_ms,
          row_number() over (partition by occurred_at order by id) - 1 as tie
        from analytics_events where day = ${day}::date) e
      where coalesce(user_id, visitor_id) is not null
      group by day, name, user_id, visitor_id) g
    group by day, user_id, visitor_id`.execute(db);
  await sql`
    insert into analytics_daily_touches (day, campaign_id, channel, user_id, visitor_id)
    select distinct day, campaign_id, channel, user_id, visitor_id from analytics_events
    where day = ${day}::date and coalesce(user_id, visitor_id) is not null`.execute(db);
  // The viral report's clicks: the day's share.clicked facts, with what it reads of props.
  await sql`
    insert into analytics_daily_clicks (day, channel, campaign_id, user_id, visitor_id, sharer_id, is_new, self_click, occurred_at)
    select day, channel, campaign_id, user_id, visitor_id, props->>'sharerId', (props->>'isNewVisitor') = 'true', (props->>'selfClick') = 'true', occurred_at
    from analytics_events where day = ${day}::date and name = 'share.clicked'`.execute(db);
}

/** Retention (privacy module's daily job): raw events that happened before the cut-off; the daily rollups stay. */
export async function deleteEventsBefore(db: AnalyticsDb, cutoff: Date): Promise<number> {
  const result = await db.deleteFrom('analytics_events').where('occurred_at', '<', cutoff).executeTakeFirst();
  return Number(result.numDeletedRows);
}
