import { sql, type Kysely } from 'kysely';
import type { NamedMigration } from '../../platform/migrations.ts';

export const liveMigrations: NamedMigration[] = [
  {
    name: '0550_live_tables',
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('live_sessions')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('cover_url', 'text')
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('scheduled', 'live', 'ended')`))
        .addColumn('scheduled_at', 'timestamptz', (c) => c.notNull())
        .addColumn('pinned_product_id', 'uuid')
        .addColumn('peak_viewers', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('likes', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('created_by', 'uuid')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('started_at', 'timestamptz')
        .addColumn('ended_at', 'timestamptz')
        .execute();
      await db.schema.createIndex('live_sessions_scheduled_idx').on('live_sessions').columns(['status', 'scheduled_at']).execute();
      await db.schema
        .createTable('live_session_products')
        .addColumn('session_id', 'uuid', (c) => c.notNull().references('live_sessions.id'))
        .addColumn('product_id', 'uuid', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('live_session_products_pk', ['session_id', 'product_id'])
        .execute();
      await db.schema
        .createTable('live_coupons')
        .addColumn('session_id', 'uuid', (c) => c.notNull().references('live_sessions.id'))
        .addColumn('template_id', 'uuid', (c) => c.notNull())
        .addColumn('released_at', 'timestamptz')
        .addColumn('withdrawn_at', 'timestamptz')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addPrimaryKeyConstraint('live_coupons_pk', ['session_id', 'template_id'])
        .execute();
      await db.schema
        .createTable('live_claims')
        .addColumn('session_id', 'uuid', (c) => c.notNull())
        .addColumn('template_id', 'uuid', (c) => c.notNull())
        .addColumn('user_id', 'uuid', (c) => c.notNull())
        .addColumn('coupon_id', 'uuid', (c) => c.notNull())
        .addColumn('claimed_at', 'timestamptz', (c) => c.notNull())
        .addPrimaryKeyConstraint('live_claims_pk', ['session_id', 'template_id', 'user_id'])
        .addForeignKeyConstraint('live_claims_coupon_fk', ['session_id', 'template_id'], 'live_coupons', ['session_id', 'template_id'])
        .execute();
      await db.schema
        .createTable('live_messages')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('session_id', 'uuid', (c) => c.notNull().references('live_sessions.id'))
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('chat', 'announcement')`))
        .addColumn('author_id', 'uuid')
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('verdict', 'text', (c) => c.notNull().check(sql`verdict in ('approved', 'held', 'refused')`))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('live_messages_session_idx').on('live_messages').columns(['session_id', 'created_at']).execute();
      await db.schema
        .createTable('live_intents')
        .addColumn('session_id', 'uuid', (c) => c.notNull().references('live_sessions.id'))
        .addColumn('user_id', 'uuid', (c) => c.notNull())
        .addColumn('product_id', 'uuid', (c) => c.notNull())
        .addColumn('at', 'timestamptz', (c) => c.notNull())
        .addPrimaryKeyConstraint('live_intents_pk', ['session_id', 'user_id', 'product_id'])
        .execute();
      await db.schema.createIndex('live_intents_user_idx').on('live_intents').columns(['user_id', 'at']).execute();
      await db.schema
        .createTable('live_shares')
        .addColumn('share_id', 'uuid', (c) => c.primaryKey())
        .addColumn('session_id', 'uuid', (c) => c.notNull().references('live_sessions.id'))
        .execute();
      await db.schema
        .createTable('live_orders')
        .addColumn('order_id', 'uuid', (c) => c.primaryKey())
        .addColumn('session_id', 'uuid', (c) => c.notNull().references('live_sessions.id'))
        .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('room', 'share')`))
        .addColumn('user_id', 'uuid', (c) => c.notNull())
        .addColumn('amount', 'bigint', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('placed_at', 'timestamptz', (c) => c.notNull())
        .addColumn('paid_at', 'timestamptz')
        .execute();
      await db.schema.createIndex('live_orders_session_idx').on('live_orders').columns(['session_id']).execute();
    },
  },
];
