import { sql, type Kysely } from 'kysely';
import { createCommitTrigger, type NamedMigration } from '../../platform/migrations.ts';

export const flashsaleMigrations: NamedMigration[] = [
  {
    name: '0150_flashsale',
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('flashsale_slots')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
        .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
        .addColumn('published_at', 'timestamptz')
        .addColumn('stopped_at', 'timestamptz')
        .addColumn('created_by', 'uuid')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .addCheckConstraint('flashsale_slots_window', sql`ends_at > starts_at`)
        .execute();
      await db.schema.createIndex('flashsale_slots_time').on('flashsale_slots').columns(['ends_at', 'starts_at']).execute();

      await db.schema
        .createTable('flashsale_items')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('slot_id', 'uuid', (c) => c.notNull().references('flashsale_slots.id'))
        .addColumn('sku_id', 'uuid', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('flash_amount', 'bigint', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('stock', 'integer', (c) => c.notNull())
        .addColumn('sold', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('per_user_limit', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addCheckConstraint('flashsale_items_sold', sql`sold >= 0 and sold <= stock`)
        .addCheckConstraint('flashsale_items_amount', sql`flash_amount >= 0`)
        .addUniqueConstraint('flashsale_items_slot_sku', ['slot_id', 'sku_id'])
        .execute();

      await db.schema
        .createTable('flashsale_user_counts')
        .addColumn('item_id', 'uuid', (c) => c.notNull())
        .addColumn('user_id', 'uuid', (c) => c.notNull())
        .addColumn('quantity', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('flashsale_user_counts_pk', ['item_id', 'user_id'])
        .addCheckConstraint('flashsale_user_counts_quantity', sql`quantity >= 0`)
        .execute();

      await db.schema
        .createTable('flashsale_purchases')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('order_id', 'uuid', (c) => c.notNull().unique())
        .addColumn('slot_id', 'uuid', (c) => c.notNull())
        .addColumn('item_id', 'uuid', (c) => c.notNull())
        .addColumn('user_id', 'uuid', (c) => c.notNull())
        .addColumn('quantity', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('released_at', 'timestamptz')
        .execute();
      await db.schema.createIndex('flashsale_purchases_item_user').on('flashsale_purchases').columns(['item_id', 'user_id']).execute();
    },
  },
  {
    name: '0230_flashsale_claims',
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('flashsale_claims')
        .addColumn('user_id', 'uuid', (c) => c.notNull())
        .addColumn('idempotency_key', 'text', (c) => c.notNull())
        .addColumn('token', 'uuid', (c) => c.notNull())
        .addColumn('claimed_at', 'timestamptz', (c) => c.notNull())
        .addPrimaryKeyConstraint('flashsale_claims_pk', ['user_id', 'idempotency_key'])
        .execute();
      // Reconciliation sums live purchases per item.
      await db.schema.createIndex('flashsale_purchases_item_status').on('flashsale_purchases').columns(['item_id', 'status']).execute();
    },
  },
  {
    // Optional English slot name: the storefront shows it in English mode, else the Chinese name.
    name: '0240_flashsale_english_names',
    async up(db: Kysely<any>) {
      await db.schema.alterTable('flashsale_slots').addColumn('name_en', 'text').execute();
    },
  },
  {
    // A purchase placed by a shopper takes its units when its transaction commits (a deferred
    // trigger), not when the statement runs: the item row is hot (every purchase of the item waits
    // for its lock), and a lock taken mid-transaction is held across the Node round trips that
    // follow it, which under a stampede's load are each an event-loop turn of 15-30 ms. Taken at
    // commit, the lock lasts for the commit alone. A refusal fails the commit with SQLSTATE P0001
    // and the reason as the message (flashsale.gate.ts maps it), so the order rolls back with it.
    name: '0640_flashsale_units_at_commit',
    async up(db: Kysely<any>) {
      await db.schema.alterTable('flashsale_purchases').addColumn('units_at_commit', 'boolean', (c) => c.notNull().defaultTo(false)).execute();
      await createCommitTrigger(db, {
        table: 'flashsale_purchases',
        when: 'units_at_commit',
        fn: 'flashsale_take_units_at_commit',
        declare: 'lim integer; counted integer;',
        body: `
          update flashsale_items set sold = sold + new.quantity
            where id = new.item_id and sold + new.quantity <= stock
            returning per_user_limit into lim;
          if lim is null then
            raise exception using errcode = 'P0001', message = 'FLASHSALE_SOLD_OUT', detail = new.item_id::text;
          end if;
          if new.quantity > lim then
            raise exception using errcode = 'P0001', message = 'FLASHSALE_LIMIT', detail = new.item_id::text;
          end if;
          insert into flashsale_user_counts (item_id, user_id, quantity) values (new.item_id, new.user_id, new.quantity)
            on conflict (item_id, user_id) do update set quantity = flashsale_user_counts.quantity + excluded.quantity
              where flashsale_user_counts.quantity + excluded.quantity <= lim;
          get diagnostics counted = row_count;
          if counted = 0 then
            raise exception using errcode = 'P0001', message = 'FLASHSALE_LIMIT', detail = new.item_id::text;
          end if;`,
      });
    },
  },
];
