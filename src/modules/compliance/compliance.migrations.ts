import { sql, type Kysely } from 'kysely';
import type { NamedMigration } from '../../platform/migrations.ts';
import { DEFAULT_POLICIES } from './compliance.channels.ts';

export const complianceMigrations: NamedMigration[] = [
  {
    name: '0280_compliance_charged_prices',
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('compliance_charged_prices')
        .addColumn('line_id', 'uuid', (c) => c.primaryKey())
        .addColumn('order_id', 'uuid', (c) => c.notNull())
        .addColumn('sku_id', 'uuid', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('unit_amount', 'bigint', (c) => c.notNull())
        .addColumn('charged_at', 'timestamptz', (c) => c.notNull())
        .addCheckConstraint('compliance_charged_prices_amount', sql`unit_amount >= 0`)
        .execute();
      // The lawful reference reads one SKU's prices within a window.
      await db.schema.createIndex('compliance_charged_prices_sku_at').on('compliance_charged_prices').columns(['sku_id', 'charged_at']).execute();
    },
  },
  {
    name: '0281_compliance_campaign_profiles',
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('compliance_campaign_profiles')
        .addColumn('campaign_id', 'uuid', (c) => c.primaryKey())
        .addColumn('channels', 'jsonb', (c) => c.notNull())
        .addColumn('rewards_sharing', 'boolean', (c) => c.notNull())
        .addColumn('share_for_chances', 'boolean', (c) => c.notNull())
        .addColumn('help_prompts', 'boolean', (c) => c.notNull())
        .addColumn('lottery', 'boolean', (c) => c.notNull())
        .addColumn('rewards_following', 'boolean', (c) => c.notNull())
        .addColumn('rules_text', 'text', (c) => c.notNull())
        .addColumn('rules_published_at', 'timestamptz')
        .addColumn('virtual_members', 'integer', (c) => c.notNull())
        .addColumn('virtual_members_disclosed', 'boolean', (c) => c.notNull())
        .addColumn('max_prize_amount', 'bigint')
        .addColumn('commission_depth', 'integer', (c) => c.notNull())
        .addColumn('promoter_entry_fee_amount', 'bigint', (c) => c.notNull())
        .addColumn('reference_prices', 'jsonb', (c) => c.notNull())
        .addColumn('updated_by', 'uuid')
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .execute();
    },
  },
  {
    name: '0282_compliance_channel_policies',
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('compliance_channel_policies')
        .addColumn('channel', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('rules', 'jsonb', (c) => c.notNull())
        .addColumn('updated_by', 'uuid')
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .execute();
      // The defaults as data: the checks read the table, operators edit it.
      await db
        .insertInto('compliance_channel_policies')
        .values(DEFAULT_POLICIES.map((p) => ({ channel: p.channel, name: p.name, rules: JSON.stringify(p.rules), updated_by: null, updated_at: new Date(0) })))
        .execute();
    },
  },
  {
    name: '0283_compliance_operator_totp',
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('compliance_operator_totp')
        .addColumn('user_id', 'uuid', (c) => c.primaryKey())
        .addColumn('secret_sealed', 'text', (c) => c.notNull())
        .addColumn('enabled_at', 'timestamptz')
        .addColumn('last_step', 'bigint')
        .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('locked_until', 'timestamptz')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .execute();
    },
  },
  // One-time recovery codes for operators' two-factor sign-in, kept as argon2 hashes.
  {
    name: '0332_compliance_totp_recovery_codes',
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('compliance_totp_recovery_codes')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('user_id', 'uuid', (c) => c.notNull())
        .addColumn('code_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('used_at', 'timestamptz')
        .execute();
      await db.schema.createIndex('compliance_totp_recovery_codes_user').on('compliance_totp_recovery_codes').columns(['user_id', 'used_at']).execute();
    },
  },
];
