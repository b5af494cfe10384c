import type { Kysely } from 'kysely';
import type { NamedMigration } from '../../platform/migrations.ts';

export const riskMigrations: NamedMigration[] = [
  {
    name: '0270_risk',
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('risk_signals')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('user_id', 'uuid', (c) => c.notNull())
        .addColumn('action_kind', 'text', (c) => c.notNull())
        .addColumn('campaign_id', 'uuid')
        .addColumn('device_id', 'text')
        .addColumn('ip', 'text')
        .addColumn('ip_prefix', 'text')
        .addColumn('user_agent', 'text')
        .addColumn('phone_prefix', 'text')
        .addColumn('address_hash', 'text')
        .addColumn('card_fingerprint', 'text')
        .addColumn('email_domain', 'text')
        .addColumn('disposable_email', 'boolean', (c) => c.notNull().defaultTo(false))
        .addColumn('account_age_seconds', 'integer')
        .addColumn('first_order', 'boolean')
        .addColumn('at', 'timestamptz', (c) => c.notNull())
        .execute();
      // The rules count accounts per device and per network; the graph job reads the newest rows.
      await db.schema.createIndex('risk_signals_device').on('risk_signals').columns(['device_id', 'at']).execute();
      await db.schema.createIndex('risk_signals_prefix').on('risk_signals').columns(['ip_prefix', 'action_kind', 'campaign_id', 'at']).execute();
      await db.schema.createIndex('risk_signals_user').on('risk_signals').columns(['user_id', 'at']).execute();
      await db.schema.createIndex('risk_signals_at').on('risk_signals').column('at').execute();

      await db.schema
        .createTable('risk_decisions')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('action_kind', 'text', (c) => c.notNull())
        .addColumn('subject_ref', 'text')
        .addColumn('user_id', 'uuid', (c) => c.notNull())
        .addColumn('campaign_id', 'uuid')
        .addColumn('counterpart_id', 'uuid')
        .addColumn('verdict', 'text', (c) => c.notNull())
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('score', 'integer', (c) => c.notNull())
        .addColumn('reasons', 'jsonb', (c) => c.notNull())
        .addColumn('explanation_en', 'text', (c) => c.notNull())
        .addColumn('explanation_zh', 'text', (c) => c.notNull())
        .addColumn('signals', 'jsonb', (c) => c.notNull())
        .addColumn('payload', 'jsonb', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('money_amount', 'bigint', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('reviewer_id', 'uuid')
        .addColumn('review_reason', 'text')
        .addColumn('reviewed_at', 'timestamptz')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        // One decision per reward: a redelivered event finds the first one.
        .addUniqueConstraint('risk_decisions_subject', ['action_kind', 'subject_ref'])
        .execute();
      await db.schema.createIndex('risk_decisions_status').on('risk_decisions').columns(['status', 'created_at']).execute();
      await db.schema.createIndex('risk_decisions_user').on('risk_decisions').columns(['user_id', 'status']).execute();
      await db.schema.createIndex('risk_decisions_campaign').on('risk_decisions').columns(['campaign_id', 'status']).execute();

      await db.schema
        .createTable('risk_blacklist')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('created_by', 'uuid')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addUniqueConstraint('risk_blacklist_entry', ['kind', 'value'])
        .execute();

      await db.schema
        .createTable('risk_levels')
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .addPrimaryKeyConstraint('risk_levels_pk', ['scope', 'key'])
        .execute();

      await db.schema
        .createTable('risk_cluster_members')
        .addColumn('user_id', 'uuid', (c) => c.primaryKey())
        .addColumn('cluster_id', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('why', 'text', (c) => c.notNull())
        .addColumn('computed_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('risk_cluster_members_cluster').on('risk_cluster_members').column('cluster_id').execute();

      await db.schema
        .createTable('risk_accounts')
        .addColumn('user_id', 'uuid', (c) => c.primaryKey())
        .addColumn('registered_at', 'timestamptz', (c) => c.notNull())
        .addColumn('first_paid_at', 'timestamptz')
        .execute();
    },
  },
  {
    name: '0271_risk_tuning',
    async up(db: Kysely<any>) {
      // The thresholds the rules count against, one row each; absent rows take the defaults in risk.rules.ts.
      await db.schema
        .createTable('risk_tuning')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .execute();
    },
  },
  {
    name: '0372_risk_account_email',
    async up(db: Kysely<any>) {
      // The sign-up email's domain and whether it is a throwaway one, kept per account for every later decision.
      await db.schema.alterTable('risk_accounts').addColumn('email_domain', 'text').execute();
      await db.schema.alterTable('risk_accounts').addColumn('disposable_email', 'boolean', (c) => c.notNull().defaultTo(false)).execute();
    },
  },
  {
    name: '0391_risk_account_card',
    async up(db: Kysely<any>) {
      await db.schema.alterTable('risk_accounts').addColumn('card_fingerprint', 'text').execute();
    },
  },
];
