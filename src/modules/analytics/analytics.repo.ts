// The event log's SQL: batched inserts, visitor stitching, cursor reads and the daily rollups.
// No business decisions here.
import { sql } from 'kysely';
import type { AnalyticsDb } from './analytics.table.ts';
import type { EventRow } from './analytics.ingest.rules.ts';

/** One multi-row insert; repeats (same dedupe key) are skipped. Returns how many rows are new. */
export async function insertEvents(db: AnalyticsDb, rows: EventRow[]): Promise<number> {
  if (!rows.length) return 0;
  const result = await db.insertInto('analytics_events').values(rows).onConflict((oc) => oc.column('dedupe_key').doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/** The same insert, answering with the keys it wrote (the coalescer shares them out among its batches). */
export async function insertEventsReturningKeys(db: AnalyticsDb, rows: EventRow[]): Promise<Set<string>> {
  if (!rows.length) return new Set();
  const written = await db.insertInto('analytics_events').values(rows).onConflict((oc) => oc.column('dedupe_key').doNothing()).returning('dedupe_key').execute();
  return new Set(written.map((r) => r.dedupe_key));
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
 * Re-rolls one day from the raw log: its rows in both rollups are replaced in the caller's
 * transaction, so a reader sees the old day or the new one, never half.
 */
export async function rollDay(db: AnalyticsDb, day: string): Promise<void> {
  await db.deleteFrom('analytics_daily_counts').where('day', '=', day).execute();
  await db.deleteFrom('analytics_daily_people').where('day', '=', day).execute();
  await db.deleteFrom('analytics_daily_steps').where('day', '=', day).execute();
  await db.deleteFrom('analytics_daily_touches').where('day', '=', day).execute();
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
}

/** Retention (privacy module's daily job): raw events that happened before the cut-off; the daily rollups stay. */
export async function deleteEventsBefore(db: AnalyticsDb, cutoff: Date): Promise<number> {
  const result = await db.deleteFrom('analytics_events').where('occurred_at', '<', cutoff).executeTakeFirst();
  return Number(result.numDeletedRows);
}
