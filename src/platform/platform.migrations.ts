import { sql, type Kysely } from 'kysely';
import type { NamedMigration } from './migrations.ts';

export const platformMigrations: NamedMigration[] = [
  {
    name: '0001_platform',
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'jsonb', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('outbox_events')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('aggregate_id', 'text', (c) => c.notNull())
        .addColumn('payload', 'jsonb', (c) => c.notNull())
        .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
        .addColumn('available_at', 'timestamptz', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_error', 'text')
        .addColumn('dispatched_at', 'timestamptz')
        .execute();
      await sql`create index outbox_events_pending on outbox_events (available_at, id) where dispatched_at is null`.execute(db);
      await db.schema.createIndex('outbox_events_type').on('outbox_events').columns(['type', 'occurred_at']).execute();

      await db.schema
        .createTable('outbox_consumptions')
        .addColumn('event_id', 'bigint', (c) => c.notNull())
        .addColumn('consumer', 'text', (c) => c.notNull())
        .addColumn('consumed_at', 'timestamptz', (c) => c.notNull())
        .addPrimaryKeyConstraint('outbox_consumptions_pk', ['event_id', 'consumer'])
        .execute();

      await db.schema
        .createTable('jobs')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('payload', 'jsonb', (c) => c.notNull())
        .addColumn('run_at', 'timestamptz', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('max_attempts', 'integer', (c) => c.notNull().defaultTo(10))
        .addColumn('locked_until', 'timestamptz')
        .addColumn('last_error', 'text')
        .addColumn('dedupe_key', 'text', (c) => c.unique())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('finished_at', 'timestamptz')
        .execute();
      await sql`create index jobs_due on jobs (run_at, id) where status in ('pending', 'running')`.execute(db);

      await db.schema
        .createTable('audit_log')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('actor_id', 'uuid')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('subject_type', 'text', (c) => c.notNull())
        .addColumn('subject_id', 'text', (c) => c.notNull())
        .addColumn('details', 'jsonb', (c) => c.notNull())
        .addColumn('at', 'timestamptz', (c) => c.notNull())
        .execute();
    },
  },
];
