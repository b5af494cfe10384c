import { sql, type Kysely } from 'kysely';
import type { NamedMigration } from '../../platform/migrations.ts';

export const loyaltyMigrations: NamedMigration[] = [
  {
    name: '0100_loyalty',
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('loyalty_tiers')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('name_en', 'text', (c) => c.notNull())
        .addColumn('min_growth', 'bigint', (c) => c.notNull().unique())
        .addColumn('discount_bp', 'integer', (c) => c.notNull())
        .addColumn('free_shipping', 'boolean', (c) => c.notNull().defaultTo(false))
        .addColumn('sort', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addCheckConstraint('loyalty_tiers_sane', sql`min_growth >= 0 and discount_bp between 1 and 10000`)
        .execute();
      await db
        .insertInto('loyalty_tiers')
        .values([
          { code: 'normal', name: '普通会员', name_en: 'Member', min_growth: 0, discount_bp: 10000, free_shipping: false, sort: 1 },
          { code: 'silver', name: '白银会员', name_en: 'Silver', min_growth: 1000, discount_bp: 10000, free_shipping: false, sort: 2 },
          { code: 'gold', name: '黄金会员', name_en: 'Gold', min_growth: 5000, discount_bp: 9900, free_shipping: true, sort: 3 },
          { code: 'platinum', name: '铂金会员', name_en: 'Platinum', min_growth: 20000, discount_bp: 9700, free_shipping: true, sort: 4 },
        ])
        .execute();

      await db.schema
        .createTable('loyalty_accounts')
        .addColumn('user_id', 'uuid', (c) => c.primaryKey())
        .addColumn('balance', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('growth_value', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('tier_code', 'text', (c) => c.notNull())
        .addColumn('checkin_streak', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_checkin_date', 'text')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .addCheckConstraint('loyalty_accounts_balance_non_negative', sql`balance >= 0`)
        .execute();

      await db.schema
        .createTable('points_entries')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('user_id', 'uuid', (c) => c.notNull())
        .addColumn('delta', 'bigint', (c) => c.notNull())
        .addColumn('growth_delta', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('ref', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('shortfall', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('reverses_entry_id', 'bigint', (c) => c.references('points_entries.id'))
        .addColumn('base_amount', 'bigint')
        .addColumn('balance_after', 'bigint', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('expires_at', 'timestamptz')
        .addUniqueConstraint('points_entries_reason_ref', ['reason', 'ref'])
        .addCheckConstraint('points_entries_sane', sql`shortfall >= 0 and balance_after >= 0`)
        .execute();
      await db.schema.createIndex('points_entries_user').on('points_entries').columns(['user_id', 'id']).execute();
      await db.schema.createIndex('points_entries_user_reason_at').on('points_entries').columns(['user_id', 'reason', 'created_at']).execute();
      await db.schema.createIndex('points_entries_reverses').on('points_entries').column('reverses_entry_id').execute();

      await db.schema
        .createTable('points_lots')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('user_id', 'uuid', (c) => c.notNull())
        .addColumn('entry_id', 'bigint', (c) => c.notNull().references('points_entries.id'))
        .addColumn('amount', 'bigint', (c) => c.notNull())
        .addColumn('remaining', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addCheckConstraint('points_lots_sane', sql`amount > 0 and remaining >= 0 and remaining <= amount`)
        .execute();
      await sql`create index points_lots_open on points_lots (user_id, expires_at, id) where remaining > 0`.execute(db);
      await sql`create index points_lots_expiring on points_lots (expires_at) where remaining > 0`.execute(db);
      await db.schema.createIndex('points_lots_entry').on('points_lots').column('entry_id').execute();

      await db.schema
        .createTable('points_lot_spends')
        .addColumn('entry_id', 'bigint', (c) => c.notNull().references('points_entries.id'))
        .addColumn('lot_id', 'bigint', (c) => c.notNull().references('points_lots.id'))
        .addColumn('amount', 'bigint', (c) => c.notNull().check(sql`amount > 0`))
        .addPrimaryKeyConstraint('points_lot_spends_pk', ['entry_id', 'lot_id'])
        .execute();

      await db.schema
        .createTable('checkins')
        .addColumn('user_id', 'uuid', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull().check(sql`date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`))
        .addColumn('streak', 'integer', (c) => c.notNull())
        .addColumn('points', 'integer', (c) => c.notNull())
        .addColumn('bonus_points', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addPrimaryKeyConstraint('checkins_pk', ['user_id', 'date'])
        .execute();
    },
  },
];
