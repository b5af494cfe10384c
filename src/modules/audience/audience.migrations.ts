import { sql, type Kysely } from 'kysely';
import type { NamedMigration } from '../../platform/migrations.ts';

export const audienceMigrations: NamedMigration[] = [
  {
    name: '0410_audience_profiles',
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('audience_profiles')
        .addColumn('user_id', 'uuid', (c) => c.primaryKey())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('signed_up_at', 'timestamptz', (c) => c.notNull())
        .addColumn('first_order_at', 'timestamptz')
        .addColumn('last_order_at', 'timestamptz')
        .addColumn('last_active_at', 'timestamptz', (c) => c.notNull())
        .addColumn('recency_days', 'integer')
        .addColumn('frequency', 'integer', (c) => c.notNull())
        .addColumn('monetary_amount', 'bigint', (c) => c.notNull())
        .addColumn('r_score', 'smallint', (c) => c.notNull())
        .addColumn('f_score', 'smallint', (c) => c.notNull())
        .addColumn('m_score', 'smallint', (c) => c.notNull())
        .addColumn('p_alive', 'float8')
        .addColumn('churn_risk', 'float8')
        .addColumn('expected_orders', 'float8')
        .addColumn('predicted_value_amount', 'bigint')
        .addColumn('channel', 'text')
        .addColumn('campaign_id', 'uuid')
        .addColumn('shares', 'integer', (c) => c.notNull())
        .addColumn('share_signups', 'integer', (c) => c.notNull())
        .addColumn('days_since_active', 'integer', (c) => c.notNull())
        .addColumn('days_since_signup', 'integer', (c) => c.notNull())
        .addColumn('tags', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
        .addColumn('rule_tags', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
        .addColumn('computed_at', 'timestamptz', (c) => c.notNull())
        .execute();
      // The console lists customers by predicted value and by churn risk.
      await db.schema.createIndex('audience_profiles_value').on('audience_profiles').columns(['predicted_value_amount']).execute();
      await db.schema
        .createTable('audience_operator_tags')
        .addColumn('user_id', 'uuid', (c) => c.notNull())
        .addColumn('tag', 'text', (c) => c.notNull())
        .addColumn('created_by', 'uuid')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addPrimaryKeyConstraint('audience_operator_tags_pk', ['user_id', 'tag'])
        .execute();
      await db.schema
        .createTable('audience_model_fits')
        .addColumn('id', 'serial', (c) => c.primaryKey())
        .addColumn('fitted_at', 'timestamptz', (c) => c.notNull())
        .addColumn('customers', 'integer', (c) => c.notNull())
        .addColumn('report', 'jsonb', (c) => c.notNull())
        .execute();
    },
  },
  {
    name: '0411_audience_segments',
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('audience_segments')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('rule', 'jsonb', (c) => c.notNull())
        .addColumn('created_by', 'uuid')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .addColumn('deleted_at', 'timestamptz')
        .execute();
      await db.schema
        .createTable('audience_campaign_segments')
        .addColumn('campaign_id', 'uuid', (c) => c.primaryKey())
        .addColumn('segment_id', 'uuid', (c) => c.notNull())
        .addColumn('set_by', 'uuid')
        .addColumn('set_at', 'timestamptz', (c) => c.notNull())
        .execute();
    },
  },
  {
    name: '0412_audience_dispatch',
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('audience_dispatches')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('segment_id', 'uuid', (c) => c.notNull())
        // The segment's rule when the operator pressed send: a later edit does not change who this dispatch is for.
        .addColumn('rule', 'jsonb', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('coupon_template_id', 'uuid')
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('targeted', 'integer')
        .addColumn('created_by', 'uuid')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('started_at', 'timestamptz')
        .addColumn('finished_at', 'timestamptz')
        .addColumn('last_error', 'text')
        .execute();
      await db.schema
        .createTable('audience_deliveries')
        .addColumn('dispatch_id', 'uuid', (c) => c.notNull())
        .addColumn('user_id', 'uuid', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('coupon_id', 'uuid')
        .addColumn('message_id', 'uuid')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('redeemed_at', 'timestamptz')
        // At most one outcome per person and dispatch, however often the job runs.
        .addPrimaryKeyConstraint('audience_deliveries_pk', ['dispatch_id', 'user_id'])
        .execute();
      // coupon.used finds the delivery of the coupon it used.
      await db.schema.createIndex('audience_deliveries_coupon').on('audience_deliveries').columns(['coupon_id']).execute();
      await db.schema
        .createTable('audience_messages')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('user_id', 'uuid', (c) => c.notNull())
        .addColumn('dispatch_id', 'uuid')
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('coupon_id', 'uuid')
        .addColumn('coupon_name', 'text')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('read_at', 'timestamptz')
        .execute();
      await db.schema.createIndex('audience_messages_user').on('audience_messages').columns(['user_id', 'created_at']).execute();
    },
  },
];
