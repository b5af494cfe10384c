import { sql, type Kysely } from 'kysely';
import type { NamedMigration } from '../../platform/migrations.ts';

export const reviewsMigrations: NamedMigration[] = [
  {
    name: '0520_reviews_tables',
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('reviews')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('order_id', 'uuid', (c) => c.notNull())
        // One review per order line, enforced by the database whatever the races.
        .addColumn('order_line_id', 'uuid', (c) => c.notNull().unique())
        .addColumn('product_id', 'uuid', (c) => c.notNull())
        .addColumn('sku_label', 'text', (c) => c.notNull())
        .addColumn('user_id', 'uuid', (c) => c.notNull())
        .addColumn('rating', 'integer', (c) => c.notNull().check(sql`rating between 1 and 5`))
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('images', 'jsonb', (c) => c.notNull())
        .addColumn('has_images', 'boolean', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('published', 'held', 'hidden')`))
        .addColumn('sentiment', 'double precision', (c) => c.notNull())
        .addColumn('helpful_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('reply', 'text')
        .addColumn('replied_at', 'timestamptz')
        .addColumn('hidden_reason', 'text')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('published_at', 'timestamptz')
        .execute();
      // The product page: published reviews, images first, newest first.
      await db.schema.createIndex('reviews_product_page').on('reviews').columns(['product_id', 'status', 'has_images', 'created_at', 'id']).execute();
      await db.schema.createIndex('reviews_user').on('reviews').columns(['user_id', 'order_id']).execute();
      await db.schema
        // Votes go with their review: erasing a reviewer's reviews takes other shoppers' votes on them.
        .createTable('review_helpful_votes')
        .addColumn('review_id', 'uuid', (c) => c.notNull().references('reviews.id').onDelete('cascade'))
        .addColumn('user_id', 'uuid', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addPrimaryKeyConstraint('review_helpful_votes_pk', ['review_id', 'user_id'])
        .execute();
    },
  },
];
