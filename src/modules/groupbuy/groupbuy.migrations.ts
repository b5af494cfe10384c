import { sql, type Kysely } from 'kysely';
import type { NamedMigration } from '../../platform/migrations.ts';

export const groupbuyMigrations: NamedMigration[] = [
  {
    name: '0120_groupbuy',
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('groupbuy_campaigns')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('sku_id', 'uuid', (c) => c.notNull())
        .addColumn('product_id', 'uuid', (c) => c.notNull())
        .addColumn('group_price_amount', 'bigint', (c) => c.notNull().check(sql`group_price_amount > 0`))
        .addColumn('leader_discount_amount', 'bigint', (c) => c.notNull().check(sql`leader_discount_amount >= 0`))
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('team_size', 'integer', (c) => c.notNull().check(sql`team_size between 2 and 10`))
        .addColumn('expiry_hours', 'integer', (c) => c.notNull())
        .addColumn('per_user_limit', 'integer', (c) => c.notNull())
        .addColumn('new_customers_only', 'boolean', (c) => c.notNull())
        .addColumn('stock_total', 'integer', (c) => c.notNull())
        .addColumn('stock_left', 'integer', (c) => c.notNull().check(sql`stock_left >= 0`))
        .addColumn('seat_timeout_minutes', 'integer', (c) => c.notNull())
        .addColumn('auto_fill_enabled', 'boolean', (c) => c.notNull())
        .addColumn('auto_fill_min_real', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('starts_at', 'timestamptz')
        .addColumn('ends_at', 'timestamptz')
        .addColumn('created_by', 'uuid')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('groupbuy_teams')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('campaign_id', 'uuid', (c) => c.notNull().references('groupbuy_campaigns.id'))
        .addColumn('leader_id', 'uuid', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('seats_taken', 'integer', (c) => c.notNull())
        .addColumn('paid_count', 'integer', (c) => c.notNull())
        .addColumn('virtual_count', 'integer', (c) => c.notNull())
        .addColumn('expires_at', 'timestamptz')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('opened_at', 'timestamptz')
        .addColumn('completed_at', 'timestamptz')
        .addColumn('failed_at', 'timestamptz')
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .addCheckConstraint('groupbuy_teams_seats', sql`seats_taken >= 0 and seats_taken <= size and paid_count <= seats_taken`)
        .execute();
      // One open (or forming) team per leader per campaign.
      await sql`create unique index groupbuy_teams_one_open on groupbuy_teams (campaign_id, leader_id) where status in ('forming', 'open')`.execute(db);
      await db.schema.createIndex('groupbuy_teams_campaign').on('groupbuy_teams').columns(['campaign_id', 'status', 'expires_at']).execute();

      await db.schema
        .createTable('groupbuy_members')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('team_id', 'uuid', (c) => c.notNull().references('groupbuy_teams.id'))
        .addColumn('campaign_id', 'uuid', (c) => c.notNull())
        .addColumn('user_id', 'uuid')
        .addColumn('order_id', 'uuid', (c) => c.unique())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('paid_amount', 'bigint', (c) => c.notNull())
        .addColumn('joined_at', 'timestamptz', (c) => c.notNull())
        .addColumn('paid_at', 'timestamptz')
        .addColumn('left_at', 'timestamptz')
        .execute();
      // A shopper holds at most one live seat in a team.
      await sql`create unique index groupbuy_members_one_seat on groupbuy_members (team_id, user_id) where status in ('reserved', 'paid')`.execute(db);
      await db.schema.createIndex('groupbuy_members_team').on('groupbuy_members').columns(['team_id', 'joined_at']).execute();

      await db.schema
        .createTable('groupbuy_participants')
        .addColumn('campaign_id', 'uuid', (c) => c.notNull())
        .addColumn('user_id', 'uuid', (c) => c.notNull())
        .addColumn('seats', 'integer', (c) => c.notNull().check(sql`seats >= 0`))
        .addPrimaryKeyConstraint('groupbuy_participants_pk', ['campaign_id', 'user_id'])
        .execute();
    },
  },
  {
    // Optional English name: the storefront shows it in English mode, else the Chinese name.
    name: '0240_groupbuy_english_names',
    async up(db: Kysely<any>) {
      await db.schema.alterTable('groupbuy_campaigns').addColumn('name_en', 'text').execute();
    },
  },
];
