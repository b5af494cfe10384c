import { sql, type Kysely } from 'kysely';
import type { NamedMigration } from '../../platform/migrations.ts';

export const recommendMigrations: NamedMigration[] = [
  {
    name: '0420_recommend_tables',
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('recommend_interactions')
        .addColumn('user_id', 'uuid', (c) => c.notNull())
        .addColumn('product_id', 'uuid', (c) => c.notNull())
        .addColumn('weight', 'integer', (c) => c.notNull())
        .addColumn('last_at', 'timestamptz', (c) => c.notNull())
        .addPrimaryKeyConstraint('recommend_interactions_pk', ['user_id', 'product_id'])
        .execute();
      await db.schema
        .createTable('recommend_share_links')
        .addColumn('user_id', 'uuid', (c) => c.notNull())
        .addColumn('friend_id', 'uuid', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addPrimaryKeyConstraint('recommend_share_links_pk', ['user_id', 'friend_id'])
        .execute();
      await db.schema
        .createTable('recommend_runs')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('trigger', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('started_at', 'timestamptz', (c) => c.notNull())
        .addColumn('finished_at', 'timestamptz')
        .addColumn('events_cursor', 'bigint', (c) => c.notNull())
        .addColumn('interactions', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('users', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('items', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('model', 'text')
        .addColumn('train_ms', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('metrics', 'jsonb')
        .addColumn('error', 'text')
        .execute();
      // One training at a time: a second start conflicts on this index instead of racing the first.
      await sql`create unique index recommend_runs_one_running on recommend_runs (status) where status = 'running'`.execute(db);
      await db.schema.createIndex('recommend_runs_started').on('recommend_runs').columns(['started_at']).execute();
      await db.schema
        .createTable('recommend_user_items')
        .addColumn('user_id', 'uuid', (c) => c.notNull())
        .addColumn('rank', 'integer', (c) => c.notNull())
        .addColumn('product_id', 'uuid', (c) => c.notNull())
        .addColumn('score', 'double precision', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('reason_product_id', 'uuid')
        .addColumn('friends', 'integer', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('recommend_user_items_pk', ['user_id', 'rank'])
        .execute();
      await db.schema
        .createTable('recommend_item_neighbours')
        .addColumn('product_id', 'uuid', (c) => c.notNull())
        .addColumn('rank', 'integer', (c) => c.notNull())
        .addColumn('neighbour_id', 'uuid', (c) => c.notNull())
        .addColumn('score', 'double precision', (c) => c.notNull())
        .addPrimaryKeyConstraint('recommend_item_neighbours_pk', ['product_id', 'rank'])
        .execute();
      await db.schema
        .createTable('recommend_popular')
        .addColumn('rank', 'integer', (c) => c.primaryKey())
        .addColumn('product_id', 'uuid', (c) => c.notNull())
        .addColumn('score', 'double precision', (c) => c.notNull())
        .execute();
    },
  },
];
