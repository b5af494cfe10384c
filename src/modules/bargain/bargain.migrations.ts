import { sql, type Kysely } from 'kysely';
import type { NamedMigration } from '../../platform/migrations.ts';

export const bargainMigrations: NamedMigration[] = [
  {
    name: '0130_bargain',
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('bargain_campaigns')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('sku_id', 'uuid', (c) => c.notNull())
        .addColumn('product_id', 'uuid', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('image', 'text')
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('original_amount', 'bigint', (c) => c.notNull())
        .addColumn('floor_amount', 'bigint', (c) => c.notNull().check(sql`floor_amount >= 1`))
        .addColumn('helpers_needed', 'integer', (c) => c.notNull().check(sql`helpers_needed between 1 and 100`))
        .addColumn('expiry_hours', 'integer', (c) => c.notNull())
        .addColumn('stock_total', 'integer', (c) => c.notNull())
        .addColumn('stock_left', 'integer', (c) => c.notNull().check(sql`stock_left >= 0`))
        .addColumn('helper_daily_limit', 'integer', (c) => c.notNull())
        .addColumn('buy_mode', 'text', (c) => c.notNull())
        .addColumn('pay_within_minutes', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('starts_at', 'timestamptz')
        .addColumn('ends_at', 'timestamptz')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('bargain_cuts')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('campaign_id', 'uuid', (c) => c.notNull().references('bargain_campaigns.id'))
        .addColumn('user_id', 'uuid', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('original_amount', 'bigint', (c) => c.notNull())
        .addColumn('floor_amount', 'bigint', (c) => c.notNull())
        .addColumn('current_amount', 'bigint', (c) => c.notNull())
        .addColumn('helpers_needed', 'integer', (c) => c.notNull())
        .addColumn('helps', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('order_id', 'uuid', (c) => c.unique())
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .addColumn('succeeded_at', 'timestamptz')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .addCheckConstraint('bargain_cuts_floor', sql`current_amount >= floor_amount`)
        .execute();
      await sql`create unique index bargain_cuts_one_live on bargain_cuts (campaign_id, user_id) where status in ('open', 'succeeded', 'ordered')`.execute(db);
      await db.schema.createIndex('bargain_cuts_user').on('bargain_cuts').columns(['user_id', 'created_at']).execute();

      await db.schema
        .createTable('bargain_helps')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('cut_id', 'uuid', (c) => c.notNull().references('bargain_cuts.id'))
        .addColumn('helper_id', 'uuid', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('amount', 'bigint', (c) => c.notNull().check(sql`amount >= 1`))
        .addColumn('random_value', 'double precision', (c) => c.notNull())
        .addColumn('new_customer', 'boolean', (c) => c.notNull())
        .addColumn('price_before', 'bigint', (c) => c.notNull())
        .addColumn('price_after', 'bigint', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addUniqueConstraint('bargain_helps_once', ['cut_id', 'helper_id'])
        .addUniqueConstraint('bargain_helps_seq', ['cut_id', 'seq'])
        .execute();
      await db.schema.createIndex('bargain_helps_helper').on('bargain_helps').columns(['helper_id', 'created_at']).execute();

      await db.schema
        .createTable('bargain_helper_days')
        .addColumn('campaign_id', 'uuid', (c) => c.notNull())
        .addColumn('helper_id', 'uuid', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('helps', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('bargain_helper_days_pk', ['campaign_id', 'helper_id', 'day'])
        .execute();
    },
  },
  {
    // Optional English name, and the product's English title taken with the Chinese one: the
    // storefront shows them in English mode, else the Chinese.
    name: '0240_bargain_english_names',
    async up(db: Kysely<any>) {
      await db.schema.alterTable('bargain_campaigns').addColumn('name_en', 'text').addColumn('title_en', 'text').execute();
    },
  },
];
