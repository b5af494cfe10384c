import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { NamedMigration } from '../../platform/migrations.ts';

/**
 * The starting word list: contact farming (引流 off the platform), fake-review and order-brushing
 * services, and gambling spam. Held words go to an operator; refused words are never published.
 * Operators edit the list in the console; this is only where a new store starts.
 */
export const DEFAULT_WORDS: { word: string; action: 'hold' | 'refuse'; note: string }[] = [
  { word: '加微信', action: 'hold', note: '引流' },
  { word: '加我微信', action: 'hold', note: '引流' },
  { word: '加v', action: 'hold', note: '引流' },
  { word: '私聊', action: 'hold', note: '引流' },
  { word: '加qq', action: 'hold', note: '引流' },
  { word: '扫码进群', action: 'hold', note: '引流' },
  { word: '代购', action: 'hold', note: '站外交易' },
  { word: '返现', action: 'hold', note: '好评返现' },
  { word: '好评返', action: 'hold', note: '好评返现' },
  { word: '刷单', action: 'refuse', note: '刷单' },
  { word: '代刷', action: 'refuse', note: '刷单' },
  { word: '刷好评', action: 'refuse', note: '刷单' },
  { word: '兼职日结', action: 'refuse', note: '刷单招募' },
  { word: '博彩', action: 'refuse', note: '赌博' },
  { word: '网赌', action: 'refuse', note: '赌博' },
  { word: '高仿', action: 'refuse', note: '假货' },
];

export const moderationMigrations: NamedMigration[] = [
  {
    name: '0510_moderation_tables',
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('moderation_words')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('word', 'text', (c) => c.notNull().unique())
        .addColumn('action', 'text', (c) => c.notNull().check(sql`action in ('hold', 'refuse')`))
        .addColumn('note', 'text')
        .addColumn('created_by', 'uuid')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .execute();
      for (const w of DEFAULT_WORDS) {
        await sql`insert into moderation_words (id, word, action, note, created_by, created_at) values (${randomUUID()}, ${w.word}, ${w.action}, ${w.note}, null, now())`.execute(db);
      }
      await db.schema
        .createTable('moderation_items')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('review', 'note', 'comment', 'chat')`))
        .addColumn('subject_id', 'text', (c) => c.notNull())
        .addColumn('author_id', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('title', 'text')
        .addColumn('product_ids', 'jsonb', (c) => c.notNull())
        .addColumn('verdict', 'text', (c) => c.notNull().check(sql`verdict in ('held', 'refused')`))
        .addColumn('reasons', 'jsonb', (c) => c.notNull())
        .addColumn('sentiment', 'double precision', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'approved', 'refused')`))
        .addColumn('decided_by', 'uuid')
        .addColumn('decided_at', 'timestamptz')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .execute();
      // One queue entry per piece of content: screening an edited text again replaces the pending entry.
      await db.schema.createIndex('moderation_items_subject').on('moderation_items').columns(['kind', 'subject_id']).unique().execute();
      await db.schema.createIndex('moderation_items_queue').on('moderation_items').columns(['status', 'created_at']).execute();
      await db.schema
        .createTable('moderation_sentiment_daily')
        .addColumn('product_id', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('total', 'integer', (c) => c.notNull())
        .addColumn('negative', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('moderation_sentiment_daily_pk', ['product_id', 'day', 'kind'])
        .execute();
      await db.schema.createIndex('moderation_sentiment_daily_day').on('moderation_sentiment_daily').columns(['day']).execute();
    },
  },
];
