import { sql, type Kysely } from 'kysely';
import type { NamedMigration } from '../../platform/migrations.ts';

// PGlite and PostgreSQL run the same migrations, so the log is indexed by day rather than
// declaratively partitioned (PGlite would take it, but one plain table keeps both paths identical);
// every report query is bounded by the (day, name) index.
export const analyticsMigrations: NamedMigration[] = [
  {
    name: '0260_analytics_events',
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('analytics_events')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('dedupe_key', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
        .addColumn('received_at', 'timestamptz', (c) => c.notNull())
        .addColumn('day', 'date', (c) => c.notNull())
        .addColumn('visitor_id', 'text')
        .addColumn('user_id', 'text')
        .addColumn('session_id', 'text')
        .addColumn('page', 'text')
        .addColumn('referrer', 'text')
        .addColumn('channel', 'text')
        .addColumn('share_token', 'text')
        .addColumn('share_id', 'text')
        .addColumn('campaign_id', 'text')
        .addColumn('product_id', 'text')
        .addColumn('order_id', 'text')
        .addColumn('amount', 'bigint')
        .addColumn('props', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
        .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('client', 'server')`))
        .execute();
      await db.schema.createIndex('analytics_events_dedupe').on('analytics_events').column('dedupe_key').unique().execute();
      await db.schema.createIndex('analytics_events_day_name').on('analytics_events').columns(['day', 'name']).execute();
      await db.schema.createIndex('analytics_events_campaign').on('analytics_events').columns(['campaign_id', 'day']).where(sql.ref('campaign_id'), 'is not', null).execute();
      await db.schema.createIndex('analytics_events_order').on('analytics_events').columns(['order_id', 'name']).where(sql.ref('order_id'), 'is not', null).execute();
      await db.schema.createIndex('analytics_events_share').on('analytics_events').columns(['share_id', 'name']).where(sql.ref('share_id'), 'is not', null).execute();

      await db.schema
        .createTable('analytics_visitors')
        .addColumn('visitor_id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('linked_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('analytics_visitors_user').on('analytics_visitors').column('user_id').execute();
    },
  },
  {
    name: '0261_analytics_rollups',
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('analytics_daily_counts')
        .addColumn('day', 'date', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('campaign_id', 'text', (c) => c.notNull())
        .addColumn('events', 'integer', (c) => c.notNull())
        .addColumn('people', 'integer', (c) => c.notNull())
        .addColumn('amount', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('analytics_daily_counts_pk', ['day', 'name', 'channel', 'campaign_id'])
        .execute();
      await db.schema
        .createTable('analytics_daily_people')
        .addColumn('day', 'date', (c) => c.notNull())
        .addColumn('person', 'text', (c) => c.notNull())
        .addColumn('events', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('analytics_daily_people_pk', ['day', 'person'])
        .execute();
      await db.schema.createIndex('analytics_daily_people_person').on('analytics_daily_people').columns(['person', 'day']).execute();
    },
  },
  {
    // Two more daily rollups so the reports stop reading raw events (issue 14: dashboards read
    // rollups). Both keep the raw identity (user id, visitor id), not the person: a visitor stitched
    // to an account after its day was rolled still resolves at read time, as the raw log does.
    name: '0347_analytics_report_rollups',
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('analytics_daily_steps')
        .addColumn('day', 'date', (c) => c.notNull())
        .addColumn('user_id', 'text')
        .addColumn('visitor_id', 'text')
        .addColumn('events', 'integer', (c) => c.notNull())
        .addColumn('occurrences', 'jsonb', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('analytics_daily_steps_day').on('analytics_daily_steps').column('day').execute();
      await db.schema
        .createTable('analytics_daily_touches')
        .addColumn('day', 'date', (c) => c.notNull())
        .addColumn('campaign_id', 'text')
        .addColumn('channel', 'text')
        .addColumn('user_id', 'text')
        .addColumn('visitor_id', 'text')
        .execute();
      await db.schema.createIndex('analytics_daily_touches_day').on('analytics_daily_touches').columns(['day', 'campaign_id']).execute();
      await db.schema.createIndex('analytics_daily_touches_campaign').on('analytics_daily_touches').columns(['campaign_id', 'day']).where(sql.ref('campaign_id'), 'is not', null).execute();
      // Existing history is rolled once here; from now on the rollup job keeps both current.
      await sql`
        insert into analytics_daily_steps (day, user_id, visitor_id, events, occurrences)
        select day, user_id, visitor_id, sum(events)::int, jsonb_object_agg(name, ats) from (
          select day, name, user_id, visitor_id, count(*) as events, string_agg(at_ms || ',' || tie, ',' order by occurred_at, id) as ats
          from (
            select day, name, user_id, visitor_id, occurred_at, id,
              (((extract(epoch from occurred_at) - extract(epoch from day) + 28800) * 1000)::float8)::text as at_ms,
              row_number() over (partition by occurred_at order by id) - 1 as tie
            from analytics_events) e
          where coalesce(user_id, visitor_id) is not null
          group by day, name, user_id, visitor_id) g
        group by day, user_id, visitor_id`.execute(db);
      await sql`
        insert into analytics_daily_touches (day, campaign_id, channel, user_id, visitor_id)
        select distinct day, campaign_id, channel, user_id, visitor_id from analytics_events
        where coalesce(user_id, visitor_id) is not null`.execute(db);
    },
  },
  {
    // The viral report's share clicks as a daily rollup (issue 14): read from the log, a month of
    // clicks touched nine pages in ten of it, the clicks of each day being spread among every other
    // event. Filled for the existing history here; the rollup job keeps it current (rollDay).
    name: '0631_analytics_daily_clicks',
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('analytics_daily_clicks')
        .addColumn('day', 'date', (c) => c.notNull())
        .addColumn('channel', 'text')
        .addColumn('campaign_id', 'text')
        .addColumn('user_id', 'text')
        .addColumn('visitor_id', 'text')
        .addColumn('sharer_id', 'text')
        .addColumn('is_new', 'boolean')
        .addColumn('self_click', 'boolean')
        .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('analytics_daily_clicks_day').on('analytics_daily_clicks').column('day').execute();
      await sql`
        insert into analytics_daily_clicks (day, channel, campaign_id, user_id, visitor_id, sharer_id, is_new, self_click, occurred_at)
        select day, channel, campaign_id, user_id, visitor_id, props->>'sharerId', (props->>'isNewVisitor') = 'true', (props->>'selfClick') = 'true', occurred_at
        from analytics_events where name = 'share.clicked' order by day`.execute(db);
    },
  },
];
