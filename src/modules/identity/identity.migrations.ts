import { sql, type Kysely } from 'kysely';
import type { NamedMigration } from '../../platform/migrations.ts';
import { migrationCipher } from '../../platform/migration-cipher.ts';
import { resealIdentity } from './identity.pii.ts';
import { identityTables } from './identity.table.ts';

export const identityMigrations: NamedMigration[] = [
  {
    name: '0010_identity',
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('users')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.unique())
        .addColumn('phone', 'text', (c) => c.unique())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('roles', 'jsonb', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('last_login_at', 'timestamptz')
        .addCheckConstraint('users_login_present', sql`email is not null or phone is not null`)
        .execute();
      await db.schema.createIndex('users_created').on('users').columns(['created_at', 'id']).execute();

      await db.schema
        .createTable('sessions')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .addColumn('revoked_at', 'timestamptz')
        .addColumn('ip', 'text')
        .addColumn('user_agent', 'text')
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

      await db.schema
        .createTable('addresses')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id'))
        .addColumn('recipient', 'text', (c) => c.notNull())
        .addColumn('phone', 'text', (c) => c.notNull())
        .addColumn('province', 'text', (c) => c.notNull())
        .addColumn('city', 'text', (c) => c.notNull())
        .addColumn('district', 'text', (c) => c.notNull())
        .addColumn('line1', 'text', (c) => c.notNull())
        .addColumn('postal_code', 'text')
        .addColumn('is_default', 'boolean', (c) => c.notNull().defaultTo(false))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('deleted_at', 'timestamptz')
        .execute();
      await db.schema.createIndex('addresses_user').on('addresses').column('user_id').execute();

      await db.schema
        .createTable('friendships')
        .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id'))
        .addColumn('friend_id', 'uuid', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addPrimaryKeyConstraint('friendships_pk', ['user_id', 'friend_id'])
        .execute();
    },
  },
  {
    name: '0011_identity_devices',
    async up(db: Kysely<any>) {
      // Devices and visitor ids a user signed up or in from: fraud rules (self-referral) look here.
      await db.schema
        .createTable('user_devices')
        .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id'))
        .addColumn('device_id', 'text', (c) => c.notNull())
        .addColumn('first_seen_at', 'timestamptz', (c) => c.notNull())
        .addPrimaryKeyConstraint('user_devices_pk', ['user_id', 'device_id'])
        .execute();
      await db.schema.createIndex('user_devices_device').on('user_devices').column('device_id').execute();
    },
  },
  {
    // Numbered after every other module's migrations: Kysely applies migrations in name order and
    // refuses a new one that sorts before one already applied (an existing data directory).
    name: '0180_identity_accounts',
    async up(db: Kysely<any>) {
      // Suspension: the reason and time sit on the account; who did it is in the audit log.
      await db.schema.alterTable('users').addColumn('suspended_at', 'timestamptz').execute();
      await db.schema.alterTable('users').addColumn('suspended_reason', 'text').execute();

      // Failed sign-ins per login, known or not (an unknown login is throttled the same way, so the
      // lock says nothing about whether an account exists). The key is a hash of the login.
      await db.schema
        .createTable('sign_in_throttles')
        .addColumn('login_key', 'text', (c) => c.primaryKey())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('window_started_at', 'timestamptz', (c) => c.notNull())
        .addColumn('locked_until', 'timestamptz')
        .addColumn('locks', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .execute();

      // One-time codes (password reset), kept as a keyed hash: six digits are too few for a
      // plain hash to protect them if the table leaks.
      await db.schema
        .createTable('account_codes')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id'))
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('code_hash', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .addColumn('used_at', 'timestamptz')
        .execute();
      await db.schema.createIndex('account_codes_user').on('account_codes').columns(['user_id', 'purpose', 'created_at']).execute();

      // Sign-up codes, per email or phone (hashed like the throttle key). A request for an address
      // that already has an account stores a row without a code: it counts toward the hourly limit
      // and can never be redeemed, so registering proves control of a new address only.
      await db.schema
        .createTable('signup_codes')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('login_key', 'text', (c) => c.notNull())
        .addColumn('code_hash', 'text')
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .addColumn('used_at', 'timestamptz')
        .execute();
      await db.schema.createIndex('signup_codes_login').on('signup_codes').columns(['login_key', 'created_at']).execute();

      // Every message handed to the built-in sender (the console's Outbox page).
      await db.schema
        .createTable('message_outbox')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('template', 'text', (c) => c.notNull())
        .addColumn('to_user_id', 'uuid')
        .addColumn('to_email', 'text')
        .addColumn('to_phone', 'text')
        .addColumn('data', 'jsonb', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('message_outbox_created').on('message_outbox').columns(['created_at', 'id']).execute();
    },
  },
  // Personal data at rest (issue 16): the phone becomes a sealed value plus a blind index that is
  // unique instead; then every stored phone, recipient and address line is sealed.
  {
    name: '0290_identity_pii_index',
    async up(db: Kysely<any>) {
      await db.schema.alterTable('users').addColumn('phone_index', 'text').execute();
      await db.schema.alterTable('users').dropConstraint('users_phone_key').execute();
      await db.schema.createIndex('users_phone_index').on('users').column('phone_index').unique().execute();
      // An erased account keeps its row (orders point at it) but no longer has an email or phone.
      await db.schema.alterTable('users').dropConstraint('users_login_present').execute();
      await db.schema.alterTable('users').addCheckConstraint('users_login_present', sql`email is not null or phone is not null or status = 'erased'`).execute();
    },
  },
  {
    name: '0291_identity_pii_seal',
    async up(db: Kysely<any>) {
      const pii = await migrationCipher(db);
      await resealIdentity(identityTables.of(db), pii);
    },
  },
];
