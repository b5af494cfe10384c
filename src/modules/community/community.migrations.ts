import { sql, type Kysely } from 'kysely';
import type { NamedMigration } from '../../platform/migrations.ts';

const reactions = async (db: Kysely<any>, table: string) => {
  await db.schema
    .createTable(table)
    .addColumn('note_id', 'uuid', (c) => c.notNull().references('community_notes.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint(`${table}_pk`, ['note_id', 'user_id'])
    .execute();
  await db.schema.createIndex(`${table}_user_idx`).on(table).columns(['user_id', 'created_at']).execute();
};

export const communityMigrations: NamedMigration[] = [
  {
    name: '0530_community_tables',
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('community_notes')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('author_id', 'uuid', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('images', 'jsonb', (c) => c.notNull())
        .addColumn('product_ids', 'jsonb', (c) => c.notNull())
        .addColumn('topics', 'jsonb', (c) => c.notNull())
        .addColumn('order_id', 'uuid')
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('published', 'held', 'hidden', 'deleted')`))
        .addColumn('likes_count', 'integer', (c) => c.notNull().defaultTo(0).check(sql`likes_count >= 0`))
        .addColumn('favourites_count', 'integer', (c) => c.notNull().defaultTo(0).check(sql`favourites_count >= 0`))
        .addColumn('comments_count', 'integer', (c) => c.notNull().defaultTo(0).check(sql`comments_count >= 0`))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('community_notes_author_idx').on('community_notes').columns(['author_id', 'created_at', 'id']).execute();
      await db.schema.createIndex('community_notes_status_idx').on('community_notes').columns(['status', 'created_at', 'id']).execute();
      // One 晒单 per order: a second would only repeat the first.
      await sql`create unique index community_notes_one_per_order on community_notes (order_id) where order_id is not null and status <> 'deleted'`.execute(db);

      await reactions(db, 'community_note_likes');
      await reactions(db, 'community_note_favourites');

      await db.schema
        .createTable('community_comments')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('note_id', 'uuid', (c) => c.notNull().references('community_notes.id').onDelete('cascade'))
        .addColumn('author_id', 'uuid', (c) => c.notNull())
        .addColumn('parent_id', 'uuid', (c) => c.references('community_comments.id').onDelete('cascade'))
        .addColumn('reply_to_user_id', 'uuid')
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('published', 'held', 'hidden', 'deleted')`))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('community_comments_note_idx').on('community_comments').columns(['note_id', 'parent_id', 'created_at', 'id']).execute();
      await db.schema.createIndex('community_comments_parent_idx').on('community_comments').columns(['parent_id', 'created_at']).execute();

      await db.schema
        .createTable('community_note_topics')
        .addColumn('note_id', 'uuid', (c) => c.notNull().references('community_notes.id').onDelete('cascade'))
        .addColumn('topic', 'text', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addPrimaryKeyConstraint('community_note_topics_pk', ['note_id', 'topic'])
        .execute();
      await db.schema.createIndex('community_note_topics_topic_idx').on('community_note_topics').columns(['topic', 'created_at', 'note_id']).execute();

      await db.schema
        .createTable('community_follows')
        .addColumn('follower_id', 'uuid', (c) => c.notNull())
        .addColumn('followee_id', 'uuid', (c) => c.notNull())
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addPrimaryKeyConstraint('community_follows_pk', ['follower_id', 'followee_id'])
        .addCheckConstraint('community_follows_not_self', sql`follower_id <> followee_id`)
        .execute();
      await db.schema.createIndex('community_follows_followee_idx').on('community_follows').columns(['followee_id', 'created_at']).execute();

      await db.schema
        .createTable('community_kols')
        .addColumn('user_id', 'uuid', (c) => c.primaryKey())
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('applied', 'verified', 'rejected', 'revoked')`))
        .addColumn('intro', 'text')
        .addColumn('applied_at', 'timestamptz')
        .addColumn('decided_at', 'timestamptz')
        .addColumn('decided_by', 'uuid')
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('community_kols_status_idx').on('community_kols').columns(['status', 'updated_at']).execute();
    },
  },
];
