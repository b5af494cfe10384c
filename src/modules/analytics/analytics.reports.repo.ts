// The reports' reads. Every query is bounded by China days on the (day, name) or (campaign_id,
// day) index and by a row limit (the caller refuses a report that would read more).
import { sql, type RawBuilder } from 'kysely';
import { PERSON } from './analytics.repo.ts';
import { addDays } from './analytics.rules.ts';
import type { AnalyticsDb } from './analytics.table.ts';

export interface Scope {
  from: string;
  to: string;
  /** null: every campaign and none; []: no campaign matched the filter. */
  campaignIds: string[] | null;
  channel: string | null;
}

const list = (values: string[]) => sql.join(values.map((v) => sql`${v}`));

function scopeWhere(s: Scope, alias = 'e', literalDays = false): RawBuilder<unknown> {
  const day = (d: string) => (literalDays ? sql.lit(d) : sql`${d}`);
  const parts = [sql`${sql.ref(`${alias}.day`)} between ${day(s.from)}::date and ${day(s.to)}::date`];
  if (s.campaignIds) parts.push(s.campaignIds.length ? sql`${sql.ref(`${alias}.campaign_id`)} in (${list(s.campaignIds)})` : sql`false`);
  if (s.channel) parts.push(sql`${sql.ref(`${alias}.channel`)} = ${s.channel}`);
  return sql.join(parts, sql` and `);
}

/**
 * People who touched the campaign(s) or channel in the range (funnels and cohorts filter on people,
 * not on each event), from the daily touches rollup; `person` is the outer query's person.
 */
function peopleInScope(s: Scope, person: RawBuilder<unknown> = PERSON): RawBuilder<unknown> | null {
  if (!s.campaignIds && !s.channel) return null;
  return sql`${person} in (${peopleTouching(s)})`;
}
const peopleTouching = (s: Scope) =>
  sql`select coalesce(t.user_id, tv.user_id, 'v:' || t.visitor_id) from analytics_daily_touches t left join analytics_visitors tv on tv.visitor_id = t.visitor_id where ${scopeWhere(s, 't')}`;

/**
 * Each day's occurrences of the steps per raw identity, from `from` to `to` + the window, from the
 * daily steps rollup: one row per day (`day` = days after `from`, in order), its identities as
 * lines of `k ms,tie…` groups joined by ';' (k the index into `steps`), a tab and the person as a
 * JSON string, joined by '\n' (createTimelineReader). A person's lines, from several days and
 * identities, are merged by the caller. A few long texts rather than a row per identity: a driver
 * spends far more on each row than on its bytes (PGlite several times the query's own time), and
 * indexes rather than names, as this is megabytes on the wire.
 *
 * The days are asked for in spans of FUNNEL_SPAN_DAYS, FUNNEL_SPANS_IN_FLIGHT spans at once, and
 * handed over in order as they come: on PostgreSQL the next span is built by another backend (on
 * the other core) while the caller reads the one before, and each span's texts fit the server's
 * work_mem, where a month at once spilled its aggregate and its sort to disk. PGlite runs them one
 * after another, as it did the single query.
 */
export async function* funnelStepDays(db: AnalyticsDb, s: Scope, steps: string[], toWithWindow: string): AsyncGenerator<{ day: number; lines: string }> {
  const spans: [string, string][] = [];
  for (let first = s.from; first <= toWithWindow; first = addDays(first, FUNNEL_SPAN_DAYS)) {
    const last = addDays(first, FUNNEL_SPAN_DAYS - 1);
    spans.push([first, last < toWithWindow ? last : toWithWindow]);
  }
  const pending: Promise<{ day: number; lines: string }[]>[] = [];
  for (let i = 0; i < spans.length; i++) {
    while (pending.length < spans.length && pending.length < i + FUNNEL_SPANS_IN_FLIGHT) {
      const read = funnelStepSpan(db, s, steps, ...spans[pending.length]);
      // A caller that stops early (a refused report) leaves later spans unread: their failures are nobody's.
      read.catch(() => {});
      pending.push(read);
    }
    yield* await pending[i];
  }
}
export const FUNNEL_SPAN_DAYS = 7;
export const FUNNEL_SPANS_IN_FLIGHT = 2;

async function funnelStepSpan(db: AnalyticsDb, s: Scope, steps: string[], first: string, last: string) {
  // The stitched account is looked up by the visitor's key, and only for identities without one: as
  // a join, a span of days could be planned as a hash of the whole visitors table, built per span.
  const person = sql`coalesce(r.user_id, (select v.user_id from analytics_visitors v where v.visitor_id = r.visitor_id), 'v:' || r.visitor_id)`;
  const people = peopleInScope(s, person);
  const groups = sql.join(steps.map((name, k) => sql`${sql.lit(`${k} `)} || (r.occurrences->>${name})`));
  const { rows } = await sql<{ day: number; lines: string }>`
    select r.day - ${s.from}::date as day, string_agg(concat_ws(';', ${groups}) || E'\t' || to_json(${person})::text, E'\n') as lines
    from analytics_daily_steps r
    where r.day between ${first}::date and ${last}::date and r.occurrences ?| array[${list(steps)}]::text[]
      ${people ? sql`and ${people}` : sql``}
    group by r.day order by r.day`.execute(db);
  return rows;
}

/** The day each person started: first active day, sign-up day or first paid-order day (only starts inside the range). */
export async function cohortStarts(db: AnalyticsDb, s: Scope, kind: 'first_visit' | 'signup' | 'first_order', limit: number) {
  const people = peopleInScope(s);
  const inScope = people ? sql`and p.person in (${peopleTouching(s)})` : sql``;
  const query =
    kind === 'first_visit'
      ? sql<{ person: string; day: string }>`
          select p.person, min(p.day)::text as day from analytics_daily_people p
          where p.day <= ${s.to}::date ${inScope}
          group by p.person having min(p.day) >= ${s.from}::date limit ${limit}`
      : sql<{ person: string; day: string }>`
          select e.user_id as person, min(e.day)::text as day from analytics_events e
          where e.name = ${kind === 'signup' ? 'customer.registered' : 'order.paid'} and e.day <= ${s.to}::date and e.user_id is not null
            ${people ? sql`and e.user_id in (${peopleTouching(s)})` : sql``}
          group by e.user_id having min(e.day) >= ${s.from}::date limit ${limit}`;
  return (await query.execute(db)).rows;
}

/** Active days (from the daily rollup) of people whose cohort starts in the range. */
export async function activeDays(db: AnalyticsDb, persons: string[], from: string, to: string, limit: number) {
  if (!persons.length) return [];
  const rows: { person: string; day: string }[] = [];
  // Chunks keep the bound-parameter list short on both databases.
  for (let i = 0; i < persons.length && rows.length < limit; i += 5_000) {
    const chunk = persons.slice(i, i + 5_000);
    const part = await db
      .selectFrom('analytics_daily_people')
      .select(['person', sql<string>`day::text`.as('day')])
      .where('person', 'in', chunk)
      .where(sql<boolean>`day between ${from}::date and ${to}::date`)
      .limit(limit - rows.length)
      .execute();
    rows.push(...part);
  }
  return rows;
}

/**
 * What DAU, WAU and MAU are made of, from the daily people rollup over [from − 29, to]: each active
 * day a of a person, with their next active day n, holds them in the trailing N-day window from a
 * until min(a + N, n) (exclusive), where n's own span takes over. Those spans are disjoint, so a
 * window's count on day D is the running sum of starts less ends up to D. Rows: `kind` 0 = starts
 * on `day` (the day's active people), 7 and 30 = spans of that window ending on `day`.
 */
export async function activeSpans(db: AnalyticsDb, from: string, to: string) {
  const { rows } = await sql<{ kind: 0 | 7 | 30; day: string; n: number }>`
    select case when grouping(d.day) = 0 then 0 when grouping(d.end7) = 0 then 7 else 30 end as kind, coalesce(d.day, d.end7, d.end30)::text as day, count(*)::int as n
    from (
      select p.day, least(p.day + 7, coalesce(lead(p.day) over w, p.day + 7)) as end7, least(p.day + 30, coalesce(lead(p.day) over w, p.day + 30)) as end30
      from analytics_daily_people p where p.day between ${from}::date - 29 and ${to}::date
      window w as (partition by p.person order by p.day)) d
    group by grouping sets ((d.day), (d.end7), (d.end30))`.execute(db);
  return rows;
}

/**
 * Per campaign (or per channel): shares, clicks, attributed sign-ups and orders in the scope, from
 * the share and attribution facts only (read by the (day, name) index).
 */
export async function outcomeCounts(db: AnalyticsDb, s: Scope, by: 'campaign_id' | 'channel') {
  const { rows } = await sql<{ key: string | null; shares: number; clicks: number; visitors: number; new_visitors: number; signups: number; orders: number }>`
    select e.${sql.ref(by)} as key,
      (count(*) filter (where e.name = 'share.created'))::int as shares,
      (count(*) filter (where e.name = 'share.clicked' and (e.props->>'selfClick') = 'false'))::int as clicks,
      (count(distinct e.visitor_id) filter (where e.name = 'share.clicked' and (e.props->>'selfClick') = 'false'))::int as visitors,
      (count(distinct e.visitor_id) filter (where e.name = 'share.clicked' and (e.props->>'selfClick') = 'false' and (e.props->>'isNewVisitor') = 'true'))::int as new_visitors,
      (count(distinct e.user_id) filter (where e.name = 'customer.attributed'))::int as signups,
      (count(distinct e.order_id) filter (where e.name = 'order.attributed'))::int as orders
    from analytics_events e
    where ${scopeWhere(s)} and e.${sql.ref(by)} is not null and e.name in ('share.created', 'share.clicked', 'customer.attributed', 'order.attributed')
    group by e.${sql.ref(by)}`.execute(db);
  return rows;
}

/** Per campaign, the distinct people behind any of its events in the scope, from the daily touches rollup. */
export async function campaignReach(db: AnalyticsDb, s: Scope) {
  const { rows } = await sql<{ key: string; reach: number }>`
    select t.campaign_id as key, count(distinct coalesce(t.user_id, v.user_id, 'v:' || t.visitor_id))::int as reach
    from analytics_daily_touches t left join analytics_visitors v on v.visitor_id = t.visitor_id
    where ${scopeWhere(s, 't')} and t.campaign_id is not null
    group by t.campaign_id`.execute(db);
  return rows;
}

/** Attributed orders' money: paid totals, less what was refunded of them, per campaign or channel. */
export async function attributedMoney(db: AnalyticsDb, s: Scope, by: 'campaign_id' | 'channel') {
  const { rows } = await sql<{ key: string; paid_orders: number; paid: number; refunded: number }>`
    with a as (
      select distinct e.${sql.ref(by)} as key, e.order_id from analytics_events e
      where e.name = 'order.attributed' and ${scopeWhere(s)} and e.${sql.ref(by)} is not null),
    p as (select order_id, max(amount) as amount from analytics_events where name = 'order.paid' and order_id in (select order_id from a) group by order_id),
    r as (select order_id, sum(amount) as amount from analytics_events where name = 'order.refunded' and order_id in (select order_id from a) group by order_id)
    select a.key, count(p.order_id)::int as paid_orders, coalesce(sum(p.amount), 0)::bigint as paid,
      coalesce(sum(case when p.order_id is not null and r.amount is not null then least(r.amount, p.amount) else 0 end), 0)::bigint as refunded
    from a left join p on p.order_id = a.order_id left join r on r.order_id = a.order_id
    group by a.key`.execute(db);
  return rows.map((r) => ({ ...r, paid: Number(r.paid), refunded: Number(r.refunded) }));
}

/** Attributed sign-ups per (campaign, channel): how a campaign's cost is spread over channels. */
export async function signupsByCampaignAndChannel(db: AnalyticsDb, s: Scope) {
  const { rows } = await sql<{ campaign_id: string; channel: string; signups: number }>`
    select e.campaign_id, e.channel, count(distinct e.user_id)::int as signups from analytics_events e
    where e.name = 'customer.attributed' and ${scopeWhere(s)} and e.campaign_id is not null and e.channel is not null
    group by e.campaign_id, e.channel`.execute(db);
  return rows;
}

/**
 * A query's rows as one text, a JSON array of tuples parsed by JSON.parse: for the reads that
 * return tens of thousands of rows, which a driver decodes one by one at a cost far above their
 * bytes (PGlite spent twice the query's own time on it). `columns` names the query's columns and how
 * each is written: text as a JSON string (to_json escapes it), a number or boolean as its own text
 * (float8 prints the shortest text that reads back as the same double). Nulls stay null.
 */
async function tupleRows<T extends Record<string, unknown>>(db: AnalyticsDb, columns: { [K in keyof T]: 'text' | 'scalar' }, query: RawBuilder<T>): Promise<T[]> {
  const names = Object.keys(columns) as (keyof T & string)[];
  const values = names.map((c) => (columns[c] === 'text' ? sql`coalesce(to_json(${sql.ref(`q.${c}`)})::text, 'null')` : sql`coalesce(${sql.ref(`q.${c}`)}::text, 'null')`));
  const { rows } = await sql<{ rows: string }>`
    select '[' || coalesce(string_agg(concat('[', ${sql.join(values, sql`, ',', `)}, ']'), ','), '') || ']' as rows from (${query}) q`.execute(db);
  return (JSON.parse(rows[0].rows) as unknown[][]).map((tuple) => {
    const row = {} as Record<string, unknown>;
    for (let k = 0; k < names.length; k++) row[names[k]] = tuple[k];
    return row as T;
  });
}

/**
 * Share facts for cascades: every share (made since `from`, on any channel) of the cascades whose
 * root was made in the scope. The days and the limit are written into the text (checked dates, a
 * constant): as bound values, a text the console repeats became a named statement whose generic
 * plan, blind to them, joined the shares to their roots by a nested loop (a month: 0.9 s, not 30 ms).
 */
export async function cascadeShares(db: AnalyticsDb, s: Scope, limit: number) {
  const columns = { share_id: 'text', parent_id: 'text', root_id: 'text', sharer_id: 'text', day: 'text' } as const;
  return tupleRows(db, columns, sql<{ share_id: string; parent_id: string | null; root_id: string; sharer_id: string; day: string }>`
    select e.share_id, e.props->>'parentShareId' as parent_id, e.props->>'rootShareId' as root_id, e.user_id as sharer_id, e.day::text as day
    from analytics_events e
    where e.name = 'share.created' and e.day >= ${sql.lit(s.from)}::date
      and e.props->>'rootShareId' in (
        select r.share_id from analytics_events r
        where r.name = 'share.created' and ${scopeWhere(s, 'r', true)} and r.props->>'parentShareId' is null)
    limit ${sql.lit(limit)}`);
}

const EPOCH_MS = (column: string) => sql<number>`(extract(epoch from ${sql.ref(column)}) * 1000)::float8`;

const CLICK_COLUMNS = { sharer_id: 'text', visitor_id: 'text', is_new: 'scalar', self_click: 'scalar', at: 'scalar' } as const;
type ClickRow = { sharer_id: string; visitor_id: string | null; is_new: boolean; self_click: boolean; at: number };

/** Share clicks in the scope (invitations and caused arrivals) from the raw log; `at` in epoch ms. The tests hold dailyShareClicks to it. */
export async function shareClicks(db: AnalyticsDb, s: Scope, limit: number) {
  return tupleRows(db, CLICK_COLUMNS, sql<ClickRow>`
    select e.props->>'sharerId' as sharer_id, e.visitor_id, (e.props->>'isNewVisitor') = 'true' as is_new, (e.props->>'selfClick') = 'true' as self_click, ${EPOCH_MS('e.occurred_at')} as at
    from analytics_events e where e.name = 'share.clicked' and ${scopeWhere(s)} limit ${limit}`);
}

/**
 * The viral report's clicks come from the daily clicks rollup (a few pages a day, where the raw
 * clicks of a month touched most of the log's pages), and the database keeps only the clicks that
 * decide its numbers rather than sending every click to be sifted here: each visitor's first
 * invitation, each attributed customer's first caused arrival, and how many clicks there are.
 * The tests hold the report to the pure rules over every raw click (shareClicks).
 */
export async function shareClickCount(db: AnalyticsDb, s: Scope, limit: number) {
  const { rows } = await sql<{ clicks: number }>`
    select count(*)::int as clicks from (select 1 from analytics_daily_clicks c where ${scopeWhere(s, 'c')} limit ${limit}) c`.execute(db);
  return rows[0].clicks;
}

/** Each visitor's first click as a new visitor on someone else's share (all viralCoefficients counts of the clicks); `at` in epoch ms. */
export async function firstInvitations(db: AnalyticsDb, s: Scope, limit: number) {
  return tupleRows(db, { visitor_id: 'text', at: 'scalar' }, sql<{ visitor_id: string; at: number }>`
    select c.visitor_id, min(${EPOCH_MS('c.occurred_at')}) as at from analytics_daily_clicks c
    where ${scopeWhere(s, 'c')} and c.visitor_id is not null and c.is_new and c.self_click is not true
    group by c.visitor_id limit ${limit}`);
}

/**
 * Per customer with an attributed sign-up in the scope (attributedSignups), the first click by
 * someone else on their shares at or after that sign-up (all viralCycleTime takes of the clicks);
 * instants compared as the epoch-ms doubles the rules compare.
 */
export async function firstCausedClicks(db: AnalyticsDb, s: Scope) {
  return tupleRows(db, { sharer_id: 'text', at: 'scalar' }, sql<{ sharer_id: string; at: number }>`
    select c.sharer_id, min(${EPOCH_MS('c.occurred_at')}) as at
    from analytics_daily_clicks c join (
      select e.user_id, ${EPOCH_MS('e.occurred_at')} as at from (
        select e.user_id, min(e.occurred_at) as occurred_at from analytics_events e
        where e.name = 'customer.attributed' and ${scopeWhere(s)} and e.user_id is not null
        group by e.user_id) e) a on a.user_id = c.sharer_id
    where ${scopeWhere(s, 'c')} and c.self_click is not true and ${EPOCH_MS('c.occurred_at')} >= a.at
    group by c.sharer_id`);
}

/**
 * When each of these (clicking) visitors became a customer, through the visitor → account link;
 * `at` in epoch ms. The ids come from shareClicks' rows, so the clicks are read once; the links are
 * looked up first (few of the clickers have one) and the sign-up facts only for those accounts.
 */
export async function visitorSignups(db: AnalyticsDb, visitorIds: string[]) {
  if (!visitorIds.length) return [];
  const links = await sql<{ visitor_id: string; user_id: string }>`
    select v.visitor_id, v.user_id from analytics_visitors v
    where v.visitor_id in (select jsonb_array_elements_text(${JSON.stringify(visitorIds)}::jsonb))`.execute(db);
  if (!links.rows.length) return [];
  const { rows } = await sql<{ user_id: string; at: number }>`
    select f.user_id, ${EPOCH_MS('f.occurred_at')} as at from (
      select r.user_id, min(r.occurred_at) as occurred_at from analytics_events r
      where r.name = 'customer.registered' and r.user_id in (select jsonb_array_elements_text(${JSON.stringify([...new Set(links.rows.map((l) => l.user_id))])}::jsonb))
      group by r.user_id) f`.execute(db);
  const signedUp = new Map(rows.map((r) => [r.user_id, r.at]));
  return links.rows.flatMap((l) => (signedUp.has(l.user_id) ? [{ visitor_id: l.visitor_id, at: signedUp.get(l.user_id)! }] : []));
}

/** Attributed sign-ups in the scope: the customer and when they arrived (epoch ms). */
export async function attributedSignups(db: AnalyticsDb, s: Scope, limit: number) {
  return tupleRows(db, { user_id: 'text', at: 'scalar' }, sql<{ user_id: string; at: number }>`
    select r.user_id, ${EPOCH_MS('r.occurred_at')} as at from (
      select e.user_id, min(e.occurred_at) as occurred_at from analytics_events e
      where e.name = 'customer.attributed' and ${scopeWhere(s)} and e.user_id is not null
      group by e.user_id limit ${limit}) r`);
}

/**
 * Per day and event name from the daily rollup: all events, one channel's, or the campaigns'
 * (summed over campaigns: a person active in two campaigns counts in each).
 */
export async function dailyCounts(db: AnalyticsDb, s: Scope, names: string[]) {
  let q = db
    .selectFrom('analytics_daily_counts')
    .select([sql<string>`day::text`.as('day'), 'name', sql<number>`sum(events)::int`.as('events'), sql<number>`sum(people)::int`.as('people'), sql<number>`sum(amount)::bigint`.as('amount')])
    .where(sql<boolean>`day between ${s.from}::date and ${s.to}::date`)
    .where('name', 'in', names);
  if (s.campaignIds) q = s.campaignIds.length ? q.where('channel', '=', '*').where('campaign_id', 'in', s.campaignIds) : q.where(sql<boolean>`false`);
  else if (s.channel) q = q.where('channel', '=', s.channel).where('campaign_id', '=', '*');
  else q = q.where('channel', '=', '*').where('campaign_id', '=', '*');
  const rows = await q.groupBy(['day', 'name']).execute();
  return rows.map((r) => ({ ...r, amount: Number(r.amount) }));
}
