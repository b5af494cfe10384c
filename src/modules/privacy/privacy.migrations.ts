import { sql, type Kysely } from 'kysely';
import type { NamedMigration } from '../../platform/migrations.ts';

export const privacyMigrations: NamedMigration[] = [
  {
    name: '0293_privacy',
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('privacy_consents')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('user_id', 'uuid', (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('granted', 'boolean', (c) => c.notNull())
        .addColumn('policy_version', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('at', 'timestamptz', (c) => c.notNull())
        .addCheckConstraint('privacy_consents_purpose', sql`purpose in ('privacy_policy', 'marketing', 'personalisation')`)
        .execute();
      await db.schema.createIndex('privacy_consents_user').on('privacy_consents').columns(['user_id', 'purpose', 'at']).execute();

      await db.schema
        .createTable('privacy_requests')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('user_id', 'uuid', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
        .addColumn('finished_at', 'timestamptz')
        .addColumn('archive', 'text')
        .addColumn('archive_expires_at', 'timestamptz')
        .addColumn('summary', 'jsonb')
        .addColumn('error', 'text')
        .addCheckConstraint('privacy_requests_kind', sql`kind in ('export', 'erasure')`)
        .execute();
      await db.schema.createIndex('privacy_requests_user').on('privacy_requests').columns(['user_id', 'requested_at']).execute();
      // One open request of each kind per person: asking again while one is queued returns it.
      await sql`create unique index privacy_requests_open on privacy_requests (user_id, kind) where status in ('queued', 'running')`.execute(db);
    },
  },
];
