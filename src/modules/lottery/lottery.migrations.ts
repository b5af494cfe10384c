import { sql, type Kysely } from 'kysely';
import type { NamedMigration } from '../../platform/migrations.ts';

export const lotteryMigrations: NamedMigration[] = [
  {
    name: '0140_lottery',
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('lottery_draws')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('rules_text', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
        .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
        .addColumn('daily_free_chances', 'integer', (c) => c.notNull())
        .addColumn('share_chances', 'integer', (c) => c.notNull())
        .addColumn('share_daily_cap', 'integer', (c) => c.notNull())
        .addColumn('invite_chances', 'integer', (c) => c.notNull())
        .addColumn('invite_daily_cap', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('lottery_prizes')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('draw_id', 'uuid', (c) => c.notNull().references('lottery_draws.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('template_id', 'uuid')
        .addColumn('points', 'integer')
        .addColumn('sku_id', 'uuid')
        .addColumn('weight', 'integer', (c) => c.notNull().check(sql`weight >= 0`))
        .addColumn('stock_total', 'integer')
        .addColumn('stock_left', 'integer', (c) => c.check(sql`stock_left >= 0`))
        .addColumn('value_amount', 'bigint', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('lottery_prizes_draw').on('lottery_prizes').columns(['draw_id', 'position']).execute();

      await db.schema
        .createTable('lottery_daily_usage')
        .addColumn('draw_id', 'uuid', (c) => c.notNull())
        .addColumn('user_id', 'uuid', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('used', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('lottery_daily_usage_pk', ['draw_id', 'user_id', 'day'])
        .execute();

      await db.schema
        .createTable('lottery_chances')
        .addColumn('draw_id', 'uuid', (c) => c.notNull())
        .addColumn('user_id', 'uuid', (c) => c.notNull())
        .addColumn('balance', 'integer', (c) => c.notNull().check(sql`balance >= 0`))
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .addPrimaryKeyConstraint('lottery_chances_pk', ['draw_id', 'user_id'])
        .execute();

      await db.schema
        .createTable('lottery_chance_grants')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('draw_id', 'uuid', (c) => c.notNull())
        .addColumn('user_id', 'uuid', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('ref', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('amount', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addUniqueConstraint('lottery_chance_grants_once', ['draw_id', 'ref'])
        .execute();
      await db.schema.createIndex('lottery_chance_grants_day').on('lottery_chance_grants').columns(['draw_id', 'user_id', 'source', 'day']).execute();

      await db.schema
        .createTable('lottery_entries')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('draw_id', 'uuid', (c) => c.notNull().references('lottery_draws.id'))
        .addColumn('user_id', 'uuid', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('chance', 'text', (c) => c.notNull())
        .addColumn('random_value', 'double precision', (c) => c.notNull())
        .addColumn('snapshot', 'jsonb', (c) => c.notNull())
        .addColumn('picked_prize_id', 'uuid')
        .addColumn('prize_id', 'uuid')
        .addColumn('prize_kind', 'text', (c) => c.notNull())
        .addColumn('prize_name', 'text', (c) => c.notNull())
        .addColumn('fell_back', 'boolean', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('idempotency_key', 'text')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('fulfilled_at', 'timestamptz')
        .execute();
      await sql`create unique index lottery_entries_idempotency on lottery_entries (draw_id, user_id, idempotency_key) where idempotency_key is not null`.execute(db);
      await db.schema.createIndex('lottery_entries_user').on('lottery_entries').columns(['draw_id', 'user_id', 'created_at']).execute();
      await sql`create index lottery_entries_to_fulfil on lottery_entries (created_at) where status = 'to_fulfil'`.execute(db);
    },
  },
  {
    // Daily caps on extra chances as one counter row per (draw, user, source, China day), moved by
    // a conditional upsert: summing the grants and then inserting let concurrent deliveries (several
    // dispatcher processes) each see room under the cap and together pass it.
    name: '0210_lottery_chance_caps',
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('lottery_chance_caps')
        .addColumn('draw_id', 'uuid', (c) => c.notNull())
        .addColumn('user_id', 'uuid', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('granted', 'integer', (c) => c.notNull().check(sql`granted >= 0`))
        .addColumn('last_taken', 'integer', (c) => c.notNull().check(sql`last_taken >= 0`))
        .addPrimaryKeyConstraint('lottery_chance_caps_pk', ['draw_id', 'user_id', 'source', 'day'])
        .execute();
      // Today's counts carry over, so an upgrade mid-day does not reopen a cap already reached.
      await sql`
        insert into lottery_chance_caps (draw_id, user_id, source, day, granted, last_taken)
        select draw_id, user_id, source, day, sum(amount)::int, 0 from lottery_chance_grants
        where source in ('share', 'invite') group by draw_id, user_id, source, day`.execute(db);
    },
  },
  {
    // Optional English draw name: the storefront shows it in English mode, else the Chinese name.
    name: '0240_lottery_english_names',
    async up(db: Kysely<any>) {
      await db.schema.alterTable('lottery_draws').addColumn('name_en', 'text').execute();
    },
  },
];
