import { sql, type Kysely } from 'kysely';
import type { NamedMigration } from '../../platform/migrations.ts';
import { resealOutbox } from '../../platform/messages.ts';
import { migrationCipher } from '../../platform/migration-cipher.ts';

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
  // The message outbox kept the recipient's phone in clear (sign-up and sign-in codes go to
  // phones before any account holds them). The platform writes that table; sealing personal data
  // already at rest is this module's job, like identity's 0291 and orders' 0292 for their tables.
  // Migrations run before the platform and its clock exist: the key source is read from the
  // environment and a key generated here is stamped with the machine's time, as 0291 does.
  {
    name: '0330_privacy_outbox_phone_index',
    async up(db: Kysely<any>) {
      await db.schema.alterTable('message_outbox').addColumn('to_phone_index', 'text').execute();
      await db.schema.createIndex('message_outbox_to_phone_index').on('message_outbox').columns(['to_phone_index', 'created_at']).execute();
    },
  },
  {
    name: '0331_privacy_outbox_phone_seal',
    async up(db: Kysely<any>) {
      const pii = await migrationCipher(db);
      await resealOutbox(db, pii);
    },
  },
];
